package dev.ferry.cli;

import dev.ferry.db.Database;
import dev.ferry.sandbox.salesforce.SalesforceOrg;
import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.sync.engine.SyncEngine;
import dev.ferry.sync.engine.SyncListener;
import dev.ferry.sync.engine.TableLayout;
import dev.ferry.sync.source.salesforce.SalesforceConfig;
import dev.ferry.sync.source.salesforce.SalesforceSource;
import java.io.PrintWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ferry bench sync --source salesforce}: a generated sandbox org backfilled once through the REST
 * query API and once through Bulk API 2.0 (objects/s, requests and the share of the daily allocation
 * used), then change-to-row latency through polling at {@code --watch}'s default interval.
 */
final class BenchSalesforceSync {
  interface Databases {
    String create(String name) throws SQLException;
  }

  private final PrintWriter out;
  private final int accounts;
  private final int changes;

  private final int rssRecords;
  private final String childHeap;

  BenchSalesforceSync(PrintWriter out, int accounts, int changes, int rssRecords, String childHeap) {
    this.out = out;
    this.accounts = accounts;
    this.changes = changes;
    this.rssRecords = rssRecords;
    this.childHeap = childHeap;
  }

  void run(Databases databases) throws Exception {
    try (SalesforceSandbox sandbox = SalesforceSandbox.generated(1, accounts).start()) {
      int records = sandbox.org().total();
      backfill(sandbox, databases.create("bench_sf_rest"), "REST query API", Long.MAX_VALUE, records);
      backfill(sandbox, databases.create("bench_sf_bulk"), "Bulk API 2.0", 0, records);
      polling(sandbox, databases.create("bench_sf_polling"));
    }
    if (rssRecords > 0) {
      memory(databases.create("bench_sf_memory"));
    }
  }

  /**
   * A whole child {@code ferry sync salesforce} process backfilling an org of about {@code rssRecords}
   * records through Bulk API 2.0 ({@code bulk_threshold=0}); the org lives in this process's sandbox, so
   * the child's RSS is the sync's own.
   */
  private void memory(String url) throws Exception {
    try (SalesforceSandbox sandbox = SalesforceSandbox.large(2, rssRecords).start()) {
      int records = sandbox.org().total();
      ChildRss run = ChildRss.run(childHeap, List.of("sync", "salesforce", "--database-url", url, "--api-base", sandbox.baseUrl(),
          "--api-key", SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET, "--rate", "100000",
          "--setting", "bulk_threshold=0"));
      long rows = rows(url);
      out.printf(Locale.ROOT, "salesforce Bulk API 2.0 backfill memory: %,d records in %.1f s = %,.0f records/s by a child 'ferry sync' JVM"
          + " (-Xmx%s): %.1f s CPU; peak RSS %d MB; RSS at 1/4, 1/2, 3/4, end: %s (target: < 512 MB at 1,000,000 records)%n",
          records, run.seconds(), records / run.seconds(), childHeap, run.cpuSeconds(), run.peakKb() / 1024, run.quarters());
      if (rows != records) {
        throw new IllegalStateException("the child synced " + rows + " of " + records + " records");
      }
      out.flush();
    }
  }

  private SalesforceConfig config(SalesforceSandbox sandbox, long bulkThreshold) {
    return SalesforceConfig.of(SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET, URI.create(sandbox.baseUrl()), 1000)
        .withBulkThreshold(bulkThreshold);
  }

  private void backfill(SalesforceSandbox sandbox, String url, String path, long threshold, int records) {
    long usedBefore = sandbox.apiUsage();
    try (SalesforceSource source = new SalesforceSource(config(sandbox, threshold), List.of())) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("salesforce"), SyncListener.SILENT);
      long start = System.nanoTime();
      SyncEngine.Summary summary = engine.run(new SyncEngine.Options(List.of(), SyncCommand.DEFAULT_PARALLELISM, false,
          Duration.ofMillis(SyncCommand.DEFAULT_POLL_MILLIS), 500));
      double seconds = (System.nanoTime() - start) / 1e9;
      long used = sandbox.apiUsage() - usedBefore;
      out.printf(Locale.ROOT, "salesforce backfill through the %s: %,d records of %d objects in %.2f s = %,.0f objects/s;"
              + " %,d API requests (%.4f%% of the org's %,d daily requests; the sync stops at %.0f%%)%n",
          path, summary.backfilled(), summary.types().size(), seconds, summary.backfilled() / seconds, used,
          100.0 * used / source.dailyLimit(), source.dailyLimit(), SalesforceConfig.DEFAULT_BUDGET_SHARE * 100);
      if (summary.backfilled() != records) {
        throw new IllegalStateException("backfilled " + summary.backfilled() + " of " + records + " records");
      }
    }
    out.flush();
  }

  /** Updates contacts one at a time and times each until its row shows the change, with a --watch sync running. */
  private void polling(SalesforceSandbox sandbox, String url) throws Exception {
    SalesforceOrg org = sandbox.org();
    List<String> contacts = org.read("Contact", rows -> rows.stream().limit(changes).map(r -> r.get("Id").toString()).toList());
    try (SalesforceSource source = new SalesforceSource(config(sandbox, Long.MAX_VALUE), List.of("Contact"))) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("salesforce"), SyncListener.SILENT);
      engine.run(new SyncEngine.Options(List.of(), 4, false, Duration.ofMillis(SyncCommand.DEFAULT_POLL_MILLIS), 500));
      long usedBefore = sandbox.apiUsage();
      Thread watcher = new Thread(() -> engine.run(new SyncEngine.Options(List.of(), 4, true,
          Duration.ofMillis(SyncCommand.DEFAULT_POLL_MILLIS), 500)), "bench-salesforce-watch");
      watcher.start();
      double[] latencies = new double[contacts.size()];
      long started = System.nanoTime();
      try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement()) {
        for (int i = 0; i < contacts.size(); i++) {
          String title = "bench-" + i;
          long start = System.nanoTime();
          org.update("Contact", contacts.get(i), Map.of("Title", title));
          while (!title.equals(title(statement, contacts.get(i)))) {
            Thread.sleep(5);
          }
          latencies[i] = (System.nanoTime() - start) / 1e6;
        }
      } finally {
        engine.stop();
        watcher.join();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Arrays.sort(latencies);
      out.printf(Locale.ROOT, "salesforce change to row through polling (%d ms interval, window ends %d ms before now): %d changes,"
              + " median %.0f ms, p95 %.0f ms, max %.0f ms (target <= 1,000 ms); %.1f API requests/s while watching one object%n",
          SyncCommand.DEFAULT_POLL_MILLIS, SalesforceConfig.DEFAULT_LAG.toMillis(), latencies.length, latencies[latencies.length / 2],
          latencies[(int) Math.floor(latencies.length * 0.95)], latencies[latencies.length - 1],
          (sandbox.apiUsage() - usedBefore) / seconds);
    }
    out.flush();
  }

  /** Rows in every salesforce table of {@code url}. */
  private static long rows(String url) throws SQLException {
    long rows = 0;
    try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement();
        ResultSet tables = connection.getMetaData().getTables(null, "salesforce", "%", new String[] {"TABLE"})) {
      List<String> names = new java.util.ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME"));
      }
      for (String name : names) {
        try (ResultSet count = statement.executeQuery("SELECT count(*) FROM salesforce.\"" + name + "\"")) {
          count.next();
          rows += count.getLong(1);
        }
      }
    }
    return rows;
  }

  private static String title(Statement statement, String id) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT title FROM salesforce.contact WHERE id = '" + id + "'")) {
      return rows.next() ? rows.getString(1) : null;
    }
  }
}
