package dev.ferry.sync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.sync.source.Change;
import dev.ferry.sync.source.Page;
import dev.ferry.sync.source.Slice;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bulk API 2.0 results are handed out in batches inside a results page, and a batch's cursor names the
 * page and the rows of it applied: a new source (a restarted process) given any cursor continues with
 * the next row, so a slice read batch by batch across restarts yields every record once.
 */
class SalesforceBulkResumeTest {
  @Test
  void everyBatchCursorResumesInANewSourceWithTheNextRecord() throws Exception {
    try (SalesforceSandbox sandbox = SalesforceSandbox.large(8, 30_000).start()) {
      int contacts = sandbox.org().count("Contact");
      assertThat(contacts).isGreaterThan(2 * SalesforceSource.BATCH_ROWS);
      SalesforceConfig config = SalesforceConfig.of(SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET,
          URI.create(sandbox.baseUrl()), 1000).withBulkThreshold(0);
      Slice slice;
      try (SalesforceSource source = new SalesforceSource(config, List.of())) {
        slice = source.slices("contact", 4).get(0);
      }
      assertThat(slice.start()).isEqualTo("bulk:");

      List<String> ids = new ArrayList<>();
      List<String> cursors = new ArrayList<>();
      String cursor = slice.start();
      while (cursor != null) {
        try (SalesforceSource restarted = new SalesforceSource(config, List.of())) {
          Page page = restarted.backfillPage(slice, cursor);
          assertThat(page.changes()).hasSizeLessThanOrEqualTo(SalesforceSource.BATCH_ROWS);
          page.changes().stream().map(Change::id).forEach(ids::add);
          cursor = page.next();
          cursors.add(cursor);
        }
      }

      Set<String> distinct = new HashSet<>(ids);
      assertThat(ids).hasSize(contacts);
      assertThat(distinct).hasSize(contacts);
      assertThat(ids).isSorted(); // the job's rows come in id order, so a resumed batch starts right after the last
      assertThat(cursors).anyMatch(c -> c != null && c.matches("bulk:[^|]+\\|\\|[1-9][0-9]*")); // inside the first results page
      assertThat(sandbox.requests("bulkCreate")).isEqualTo(1); // one job, its results read again from each cursor
    }
  }
}
