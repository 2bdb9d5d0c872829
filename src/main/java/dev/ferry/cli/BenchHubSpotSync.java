package dev.ferry.cli;

import dev.ferry.db.Database;
import dev.ferry.sandbox.hubspot.HubSpotAccount;
import dev.ferry.sandbox.hubspot.HubSpotSandbox;
import dev.ferry.sync.engine.SyncEngine;
import dev.ferry.sync.engine.SyncListener;
import dev.ferry.sync.engine.TableLayout;
import dev.ferry.sync.engine.WebhookServer;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceProvider;
import dev.ferry.vendor.hubspot.HubSpotModel;
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
 * {@code ferry bench sync --source hubspot}: a generated sandbox account backfilled at the source's
 * default rate against the sandbox's real limit (requests/s as a share of 100 per 10 s, objects/s,
 * 429s met), then signed webhook deliveries timed from the change in HubSpot to the committed row.
 */
final class BenchHubSpotSync {
  interface Databases {
    String create(String name) throws SQLException;
  }

  private static final String CLIENT_SECRET = "ferry-bench-client-secret";
  /** HubSpot's limit for private apps on Free and Starter: 100 requests per rolling 10 s. */
  private static final int TEN_SECOND_LIMIT = 100;

  private final PrintWriter out;
  private final int contacts;
  private final int webhooks;
  private final int rssContacts;
  private final String childHeap;
  private final SourceProvider provider = SourceProvider.named("hubspot").orElseThrow();

  BenchHubSpotSync(PrintWriter out, int contacts, int webhooks, int rssContacts, String childHeap) {
    this.out = out;
    this.contacts = contacts;
    this.webhooks = webhooks;
    this.rssContacts = rssContacts;
    this.childHeap = childHeap;
  }

  void run(Databases databases) throws Exception {
    backfill(databases.create("bench_hs_backfill"));
    if (webhooks > 0) {
      webhooks(databases.create("bench_hs_webhooks"));
    }
    if (rssContacts > 0) {
      memory(databases.create("bench_hs_memory"));
    }
  }

  /**
   * A whole child {@code ferry sync hubspot} process backfilling an account of {@code rssContacts}
   * contacts (and the other types in proportion) without a request limit; the account lives in this
   * process's sandbox, so the child's RSS is the sync's own.
   */
  private void memory(String url) throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(3, rssContacts);
    long objects = account.stores().stream().mapToLong(store -> account.liveCount(store.apiName())).sum();
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).searchPerSecond(0).start()) {
      ChildRss run = ChildRss.run(childHeap, List.of("sync", "hubspot", "--database-url", url, "--api-base", sandbox.baseUrl(),
          "--api-key", sandbox.token(), "--rate", "100000"));
      long rows = objectRows(url);
      out.printf(Locale.ROOT, "hubspot backfill memory: %,d contacts (%,d objects; %,d rows in Postgres) in %.1f s by a child 'ferry sync' JVM"
          + " (-Xmx%s): peak RSS %d MB; RSS at 1/4, 1/2, 3/4, end: %s (target: < 512 MB at 1,000,000 contacts)%n",
          rssContacts, objects, rows, run.seconds(), childHeap, run.peakKb() / 1024, run.quarters());
    }
    out.flush();
  }

  /** Rows in the object tables the sync wrote (the custom object's table is {@code pet}). */
  private static long objectRows(String url) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT (SELECT count(*) FROM hubspot.pet)");
    HubSpotModel.CRM_OBJECTS.forEach(o -> sql.append(" + (SELECT count(*) FROM hubspot.").append(o.table()).append(")"));
    try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql.toString())) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private Source open(HubSpotSandbox sandbox, double rate, List<String> secrets) {
    return provider.open(new SourceProvider.Settings(sandbox.token(), URI.create(sandbox.baseUrl()), rate, secrets, Duration.ofMinutes(5)));
  }

  private void backfill(String url) throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(1, contacts);
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(TEN_SECOND_LIMIT).start();
        Source source = open(sandbox, provider.defaultRate(), List.of())) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("hubspot"), SyncListener.SILENT);
      long start = System.nanoTime();
      SyncEngine.Summary summary = engine.run(new SyncEngine.Options(List.of(), SyncCommand.DEFAULT_PARALLELISM, false,
          Duration.ofMillis(SyncCommand.DEFAULT_POLL_MILLIS), 500));
      double seconds = (System.nanoTime() - start) / 1e9;
      double perSecond = sandbox.requests() / seconds;
      double limit = TEN_SECOND_LIMIT / 10.0;
      out.printf(Locale.ROOT, "hubspot backfill at the default rate (%.1f requests/s): %,d objects of %d types in %.2f s = %,.0f objects/s;"
              + " %,d requests = %.2f requests/s = %.0f%% of the limit of %d per 10 s (target >= 90%%); busiest rolling 10 s: %d requests;"
              + " %d answered 429%n",
          provider.defaultRate(), summary.backfilled(), summary.types().size(), seconds, summary.backfilled() / seconds,
          sandbox.requests(), perSecond, 100 * perSecond / limit, TEN_SECOND_LIMIT, sandbox.busiestTenSeconds(), sandbox.rateLimited());
    }
    out.flush();
  }

  /**
   * Renames contacts and times each until its row shows the name, delivered by a signed webhook: first
   * one at a time, then in bursts sent 10 at once (HubSpot's default concurrency), which the server
   * reads and commits together.
   */
  private void webhooks(String url) throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(2, Math.max(2 * webhooks + WARM_UP, 100));
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).start();
        Source source = open(sandbox, 1000, List.of(CLIENT_SECRET))) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("hubspot"), SyncListener.SILENT);
      engine.run(SyncEngine.Options.once());
      List<String> ids = account.store("contacts").live().stream().limit(2L * webhooks + WARM_UP).map(HubSpotAccount.CrmRecord::id).toList();
      try (WebhookServer server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/hubspot", SyncListener.SILENT);
          Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement()) {
        server.start();
        sandbox.webhooks().concurrency(BURST).register("http://127.0.0.1:" + server.port() + "/webhooks/hubspot", CLIENT_SECRET);
        timed(account, statement, ids.subList(2 * webhooks, 2 * webhooks + WARM_UP), 1); // not counted
        double[] alone = timed(account, statement, ids.subList(0, webhooks), 1);
        long requestsBefore = sandbox.requests();
        double[] bursts = timed(account, statement, ids.subList(webhooks, 2 * webhooks), BURST);
        double requestsPerDelivery = (sandbox.requests() - requestsBefore) / (double) webhooks;
        sandbox.webhooks().flush();
        print("", alone, "");
        print(" in bursts of " + BURST, bursts, String.format(Locale.ROOT, "; %.2f API requests per delivery", requestsPerDelivery));
      }
    }
    out.flush();
  }

  /**
   * Deliveries made before the timed ones and not counted, as the Stripe webhook bench does: a server's first
   * requests load and compile its classes (JIT), which a running {@code ferry serve} has long done.
   */
  private static final int WARM_UP = 50;

  /** Deliveries sent at once in the burst phase, as HubSpot's default webhook concurrency allows. */
  private static final int BURST = 10;

  /** Renames {@code ids} {@code burst} at a time and returns each one's milliseconds until its row showed the name, sorted. */
  private double[] timed(HubSpotAccount account, Statement statement, List<String> ids, int burst) throws Exception {
    double[] latencies = new double[ids.size()];
    for (int from = 0; from < ids.size(); from += burst) {
      Map<String, Long> started = new java.util.LinkedHashMap<>();
      Map<String, Integer> index = new java.util.HashMap<>();
      for (int i = from; i < Math.min(ids.size(), from + burst); i++) {
        started.put(ids.get(i), System.nanoTime());
        index.put(ids.get(i), i);
        account.update("contacts", ids.get(i), Map.of("firstname", "bench-" + i));
      }
      while (!started.isEmpty()) {
        for (Map.Entry<String, String> row : firstNames(statement, started.keySet()).entrySet()) {
          int i = index.get(row.getKey());
          if (("bench-" + i).equals(row.getValue())) {
            latencies[i] = (System.nanoTime() - started.remove(row.getKey())) / 1e6;
          }
        }
        if (!started.isEmpty()) {
          Thread.sleep(1);
        }
      }
    }
    Arrays.sort(latencies);
    return latencies;
  }

  private void print(String how, double[] latencies, String extra) {
    out.printf(Locale.ROOT, "hubspot webhook to committed row%s: %d signed deliveries after " + WARM_UP + " not counted, median %.1f ms, p99 %.1f ms, max %.1f ms"
            + " (target p99 <= 100 ms)%s%n",
        how, latencies.length, latencies[latencies.length / 2], latencies[(int) Math.floor((latencies.length - 1) * 0.99)],
        latencies[latencies.length - 1], extra);
  }

  private static Map<String, String> firstNames(Statement statement, java.util.Collection<String> ids) throws SQLException {
    Map<String, String> names = new java.util.HashMap<>();
    String in = String.join("','", ids);
    try (ResultSet rows = statement.executeQuery("SELECT id, firstname FROM hubspot.contact WHERE id IN ('" + in + "')")) {
      while (rows.next()) {
        names.put(rows.getString(1), rows.getString(2));
      }
    }
    return names;
  }
}
