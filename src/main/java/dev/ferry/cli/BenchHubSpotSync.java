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
  private final SourceProvider provider = SourceProvider.named("hubspot").orElseThrow();

  BenchHubSpotSync(PrintWriter out, int contacts, int webhooks) {
    this.out = out;
    this.contacts = contacts;
    this.webhooks = webhooks;
  }

  void run(Databases databases) throws Exception {
    backfill(databases.create("bench_hs_backfill"));
    if (webhooks > 0) {
      webhooks(databases.create("bench_hs_webhooks"));
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
              + " %,d requests = %.2f requests/s = %.0f%% of the limit of %d per 10 s (target >= 90%%); %d answered 429%n",
          provider.defaultRate(), summary.backfilled(), summary.types().size(), seconds, summary.backfilled() / seconds,
          sandbox.requests(), perSecond, 100 * perSecond / limit, TEN_SECOND_LIMIT, sandbox.rateLimited());
    }
    out.flush();
  }

  /** Renames contacts one at a time and times each until its row shows the name, delivered by a signed webhook. */
  private void webhooks(String url) throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(2, Math.max(webhooks, 100));
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).start();
        Source source = open(sandbox, 1000, List.of(CLIENT_SECRET))) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("hubspot"), SyncListener.SILENT);
      engine.run(SyncEngine.Options.once());
      List<String> ids = account.store("contacts").live().stream().limit(webhooks).map(HubSpotAccount.CrmRecord::id).toList();
      double[] latencies = new double[ids.size()];
      try (WebhookServer server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/hubspot", SyncListener.SILENT);
          Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement()) {
        server.start();
        sandbox.webhooks().register("http://127.0.0.1:" + server.port() + "/webhooks/hubspot", CLIENT_SECRET);
        for (int i = 0; i < ids.size(); i++) {
          String name = "bench-" + i;
          long start = System.nanoTime();
          account.update("contacts", ids.get(i), Map.of("firstname", name));
          while (!name.equals(firstName(statement, ids.get(i)))) {
            Thread.sleep(1);
          }
          latencies[i] = (System.nanoTime() - start) / 1e6;
        }
        sandbox.webhooks().flush();
      }
      Arrays.sort(latencies);
      out.printf(Locale.ROOT, "hubspot webhook to committed row: %d signed deliveries, median %.1f ms, p99 %.1f ms, max %.1f ms"
              + " (target p99 <= 100 ms)%n",
          latencies.length, latencies[latencies.length / 2], latencies[(int) Math.floor((latencies.length - 1) * 0.99)],
          latencies[latencies.length - 1]);
    }
    out.flush();
  }

  private static String firstName(Statement statement, String id) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT firstname FROM hubspot.contact WHERE id = '" + id + "'")) {
      return rows.next() ? rows.getString(1) : null;
    }
  }
}
