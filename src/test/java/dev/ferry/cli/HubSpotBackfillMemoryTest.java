package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.sandbox.hubspot.HubSpotAccount;
import dev.ferry.sandbox.hubspot.HubSpotSandbox;
import dev.ferry.testing.TestPostgres;
import dev.ferry.vendor.hubspot.HubSpotModel;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole child {@code ferry sync hubspot} backfills an account far larger than its heap: pages of 100
 * are written as they arrive, so the heap it needs does not grow with the account. 20,000 contacts are
 * about 39,000 objects and 30,000 links, over 100 MB as parsed JSON; the child has 48 MB.
 */
class HubSpotBackfillMemoryTest {
  @Test
  void aChildSyncInASmallHeapBackfillsAnAccountLargerThanItsHeap() throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(8, 20_000);
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).searchPerSecond(0).start()) {
      String url = TestPostgres.newDatabase("hs_backfill_memory");

      ChildRss run = ChildRss.run("48m", List.of("sync", "hubspot", "--database-url", url, "--api-base", sandbox.baseUrl(),
          "--api-key", sandbox.token(), "--rate", "100000"));

      assertThat(run.peakKb()).isPositive();
      Map<String, Integer> expected = new LinkedHashMap<>();
      Map<String, Integer> synced = new LinkedHashMap<>();
      try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement()) {
        for (HubSpotModel.CrmObject object : HubSpotModel.CRM_OBJECTS) {
          expected.put(object.table(), account.liveCount(object.apiName()));
          try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM hubspot." + object.table())) {
            rows.next();
            synced.put(object.table(), rows.getInt(1));
          }
        }
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM hubspot.company_contact")) {
          rows.next();
          assertThat(rows.getInt(1)).as("every contact's company link").isEqualTo(20_000);
        }
      }
      assertThat(expected.get("contact")).isEqualTo(20_000);
      assertThat(synced).isEqualTo(expected);
    }
  }
}
