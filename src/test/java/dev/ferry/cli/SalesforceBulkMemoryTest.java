package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.sandbox.salesforce.SalesforceOrg;
import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.testing.TestPostgres;
import dev.ferry.vendor.salesforce.SalesforceNames;
import dev.ferry.vendor.salesforce.SalesforceObjects;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole child {@code ferry sync salesforce} backfills through Bulk API 2.0 in a heap far smaller
 * than the records it writes: results are read as they arrive and written a batch at a time, so the
 * heap it needs does not grow with the object. Before, a child at -Xmx256m ran out of heap at about
 * 100,000 records (pages of 10,000 rows held as text, maps and changes, 4 objects at once, over 60 MB
 * for one page of contacts); here 60,000 records (20,000 contacts, 15,000 tasks) go through -Xmx64m.
 */
class SalesforceBulkMemoryTest {
  @Test
  void aChildSyncInASixtyFourMegabyteHeapBackfillsEveryRecordThroughBulk() throws Exception {
    try (SalesforceSandbox sandbox = SalesforceSandbox.large(4, 60_000).start()) {
      SalesforceOrg org = sandbox.org();
      String url = TestPostgres.newDatabase("sf_bulk_memory");

      ChildRss run = ChildRss.run("64m", List.of("sync", "salesforce", "--database-url", url, "--api-base", sandbox.baseUrl(),
          "--api-key", SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET, "--rate", "100000",
          "--setting", "bulk_threshold=0"));

      assertThat(run.peakKb()).isPositive();
      assertThat(org.total()).isGreaterThanOrEqualTo(59_000);
      assertThat(org.count("Contact")).isGreaterThanOrEqualTo(19_000);
      assertThat(sandbox.requests("bulkCreate")).as("every object went through Bulk API 2.0")
          .isEqualTo(SalesforceObjects.defaultObjects().size());
      Map<String, Integer> expected = new LinkedHashMap<>();
      Map<String, Integer> synced = new LinkedHashMap<>();
      try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement()) {
        for (String object : SalesforceObjects.defaultObjects()) {
          expected.put(object, org.count(object));
          try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM salesforce.\"" + SalesforceNames.table(object) + "\"")) {
            rows.next();
            synced.put(object, rows.getInt(1));
          }
        }
        try (ResultSet rows = statement.executeQuery("SELECT count(DISTINCT id), count(account_id) FROM salesforce.contact")) {
          rows.next();
          assertThat(rows.getInt(1)).isEqualTo(org.count("Contact"));
          assertThat(rows.getInt(2)).as("generated contacts look up their accounts").isEqualTo(org.count("Contact"));
        }
      }
      assertThat(synced).isEqualTo(expected);
    }
  }
}
