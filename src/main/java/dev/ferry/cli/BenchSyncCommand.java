package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;

import dev.ferry.errors.FerryException;

import dev.ferry.db.Database;
import dev.ferry.db.EmbeddedDatabase;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sandbox.stripe.Webhooks;
import dev.ferry.sync.engine.SyncEngine;
import dev.ferry.sync.engine.SyncListener;
import dev.ferry.sync.engine.TableLayout;
import dev.ferry.sync.engine.WebhookServer;
import dev.ferry.sync.source.stripe.StripeConfig;
import dev.ferry.sync.source.stripe.StripeSource;
import dev.ferry.sync.source.stripe.StripeWebhooks;
import dev.ferry.sync.writer.ColumnSpec;
import dev.ferry.sync.writer.ColumnType;
import dev.ferry.sync.writer.PostgresWriter;
import dev.ferry.sync.writer.TableBatch;
import dev.ferry.sync.writer.TableSpec;
import dev.ferry.sync.writer.WriteBatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry bench sync}: the sync side's figures on an embedded Postgres and the local Stripe
 * sandbox: writer rows/s alone, backfill objects/s under a request rate, webhook-to-row latency,
 * and the peak RSS of a {@code ferry sync} child process backfilling a large account.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Benchmark the Postgres writer, a rate-limited backfill, webhook latency and backfill memory.")
public final class BenchSyncCommand implements Callable<Integer> {
  private static final String SECRET = "whsec_ferrybench";

  @Option(names = "--writer-rows", paramLabel = "N", description = "Rows the writer benchmark writes (default: ${DEFAULT-VALUE})")
  int writerRows = 200_000;

  @Option(names = "--writers", paramLabel = "N",
      description = "Connections writing batches at once, as a backfill's slices do (default: ${DEFAULT-VALUE})")
  int writers = 2;

  @Option(names = "--batch", paramLabel = "N", description = "Rows per writer batch (default: ${DEFAULT-VALUE})")
  int batch = 5_000;

  @Option(names = "--backfill-size", paramLabel = "N", description = "Size of the sandbox account to backfill (default: ${DEFAULT-VALUE})")
  int backfillSize = 20_000;

  @Option(names = "--rate", paramLabel = "REQ/S", description = "Request rate of the backfill (default: ${DEFAULT-VALUE})")
  double rate = 100;

  @Option(names = "--webhooks", paramLabel = "N", description = "Webhook deliveries to time (default: ${DEFAULT-VALUE})")
  int webhooks = 500;

  @Option(names = "--changes", paramLabel = "N",
      description = "Changes to time through the polled change feed with --watch's default interval (default: ${DEFAULT-VALUE})")
  int changes = 100;

  @Option(names = "--rss-size", paramLabel = "N",
      description = "Objects (salesforce: records, through Bulk API 2.0; hubspot: contacts) for the memory run in a child JVM;"
          + " 1000000 for the full target (default: ${DEFAULT-VALUE}; 0 skips)")
  int rssSize = 100_000;

  @Option(names = "--child-heap", paramLabel = "SIZE", description = "-Xmx of the child JVM in the memory run (default: ${DEFAULT-VALUE})")
  String childHeap = "256m";

  @Option(names = "--source", paramLabel = "SOURCE",
      description = "stripe (writer, backfill, webhooks, polling, memory), hubspot (backfill against the request limit,"
          + " webhooks, memory) or salesforce (REST and Bulk 2.0 backfill, polling, request budget) (default: ${DEFAULT-VALUE})")
  String source = "stripe";

  @Option(names = "--accounts", paramLabel = "N", description = "With --source salesforce: accounts in the sandbox org (default: ${DEFAULT-VALUE})")
  int accounts = 2_000;

  @Option(names = "--contacts", paramLabel = "N", description = "With --source hubspot: contacts in the sandbox account (default: ${DEFAULT-VALUE})")
  int contacts = 3_000;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (source.equals("salesforce")) {
      try (EmbeddedDatabase postgres = EmbeddedDatabase.start()) {
        new BenchSalesforceSync(out, accounts, changes, rssSize, childHeap).run(name -> createDatabase(postgres, name));
      }
      return ExitCodes.OK;
    }
    if (source.equals("hubspot")) {
      try (EmbeddedDatabase postgres = EmbeddedDatabase.start()) {
        new BenchHubSpotSync(out, contacts, webhooks, rssSize, childHeap).run(name -> createDatabase(postgres, name));
      }
      return ExitCodes.OK;
    }
    if (!source.equals("stripe")) {
      throw FerryException.usage("--source must be stripe, hubspot or salesforce");
    }
    // the JDK HTTP server reads this once, when the first server (the sandbox's) starts; see WebhookServer
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try (EmbeddedDatabase postgres = EmbeddedDatabase.start()) {
      String url = createDatabase(postgres, "bench_writer");
      writer(out, url);
      backfill(out, createDatabase(postgres, "bench_backfill"));
      webhooks(out, createDatabase(postgres, "bench_webhooks"));
      polling(out, createDatabase(postgres, "bench_polling"));
      if (rssSize > 0) {
        memory(out, createDatabase(postgres, "bench_memory"));
      }
    }
    return ExitCodes.OK;
  }

  private void writer(PrintWriter out, String url) throws SQLException, InterruptedException {
    List<ColumnSpec> columns = List.of(
        new ColumnSpec("id", ColumnType.TEXT), new ColumnSpec("email", ColumnType.TEXT), new ColumnSpec("name", ColumnType.TEXT),
        new ColumnSpec("balance", ColumnType.BIGINT), new ColumnSpec("delinquent", ColumnType.BOOLEAN),
        new ColumnSpec("created", ColumnType.TIMESTAMPTZ), new ColumnSpec("currency", ColumnType.TEXT),
        new ColumnSpec("default_source", ColumnType.TEXT), new ColumnSpec("address", ColumnType.JSONB),
        new ColumnSpec("metadata", ColumnType.JSONB), new ColumnSpec("invoice_settings", ColumnType.JSONB),
        new ColumnSpec("preferred_locales", ColumnType.JSONB), new ColumnSpec("discounts", ColumnType.TEXT_ARRAY));
    TableSpec spec = new TableSpec("stripe", "customer", columns, null);
    StringBuilder ddl = new StringBuilder("CREATE SCHEMA ferry; " + PostgresWriter.CURSORS_DDL + "; " + PostgresWriter.TOMBSTONES_DDL + "; CREATE SCHEMA stripe; CREATE TABLE stripe.customer (");
    for (ColumnSpec column : columns) {
      ddl.append('"').append(column.name()).append("\" ").append(column.type().sql()).append(column.name().equals("id") ? " PRIMARY KEY, " : ", ");
    }
    ddl.append("_ferry_changed_at timestamptz, _ferry_synced_at timestamptz NOT NULL DEFAULT now())");
    execute(url, ddl.toString());
    writeRows(url, spec, 0, Math.min(writerRows, 20_000), false); // warm-up
    for (int connections : new java.util.TreeSet<>(List.of(1, writers))) {
      execute(url, "TRUNCATE stripe.customer");
      report(out, "new rows", connections, timedWrite(url, spec, connections, false));
    }
    report(out, "the same rows again (upserts)", writers, timedWrite(url, spec, writers));
    againstRawCopy(out, url, spec);
  }

  /**
   * The writer's new rows on 1 connection against the limit: a raw COPY of the same rows, same
   * encoding, same batches and commits, into the same emptied table; three rounds alternated, medians.
   */
  private void againstRawCopy(PrintWriter out, String url, TableSpec spec) throws SQLException, InterruptedException {
    long[] writer = new long[3];
    long[] raw = new long[3];
    for (int round = 0; round < writer.length; round++) {
      execute(url, "TRUNCATE stripe.customer");
      writer[round] = Math.round(writerRows / timedWrite(url, spec, 1, false));
      execute(url, "TRUNCATE stripe.customer");
      raw[round] = Math.round(writerRows / timedWrite(url, spec, 1, true));
    }
    long writerMedian = ColdRuns.median(writer);
    long rawMedian = ColdRuns.median(raw);
    out.printf(Locale.ROOT, "writer against raw COPY, %,d new rows, 1 connection, medians of %d alternated rounds:"
            + " writer %,d rows/s, raw COPY %,d rows/s: %.0f %% of raw COPY (target >= 80 %%); load average %.1f%n",
        writerRows, writer.length, writerMedian, rawMedian, 100.0 * writerMedian / rawMedian,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.flush();
  }

  private void report(PrintWriter out, String what, int connections, double seconds) {
    out.printf(Locale.ROOT, "writer: %,d Stripe-shaped customer rows (4 jsonb columns, text[]), %s, %d connection%s:"
            + " %.2f s = %,.0f rows/s (batches of %,d; target >= 100,000)%n",
        writerRows, what, connections, connections == 1 ? "" : "s", seconds, writerRows / seconds, batch);
    out.flush();
  }

  /** Writes the benchmark's rows from {@code connections} threads, each its own share of ids; returns the seconds taken. */
  private double timedWrite(String url, TableSpec spec, int connections) throws SQLException, InterruptedException {
    return timedWrite(url, spec, connections, false);
  }

  /** As above; {@code rawCopy} sends the same batches with {@link PostgresWriter#copyOnly} instead of the writer. */
  private double timedWrite(String url, TableSpec spec, int connections, boolean rawCopy) throws SQLException, InterruptedException {
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    int share = writerRows / connections;
    for (int w = 0; w < connections; w++) {
      int offset = 20_000 + w * share;
      int rows = w == connections - 1 ? writerRows - w * share : share;
      Thread thread = new Thread(() -> {
        try {
          writeRows(url, spec, offset, rows, rawCopy);
        } catch (SQLException | RuntimeException e) {
          failures.add(e);
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("writer benchmark failed: " + failures.get(0).getMessage(), failures.get(0));
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private void writeRows(String url, TableSpec spec, int offset, int rows, boolean rawCopy) throws SQLException {
    try (Connection connection = Database.of(url).connect()) {
      connection.setAutoCommit(false);
      PostgresWriter writer = new PostgresWriter();
      writeRows(connection, spec, offset, rows, table -> {
        if (rawCopy) {
          PostgresWriter.copyOnly(connection, table);
          connection.commit();
        } else {
          writer.write(connection, new WriteBatch("bench", List.of(table), Map.of()));
        }
      });
    }
  }

  /** Where a batch of the benchmark's rows goes: the writer, or the raw COPY it is measured against. */
  private interface BatchSink {
    void accept(TableBatch table) throws SQLException;
  }

  private void writeRows(Connection connection, TableSpec spec, int offset, int rows, BatchSink sink) throws SQLException {
    long created = 1_700_000_000L;
    for (int done = 0; done < rows; done += batch) {
      TableBatch table = new TableBatch(spec);
      for (int i = done; i < Math.min(rows, done + batch); i++) {
        int n = offset + i;
        table.upsert(new Object[] {
            "cus_" + Integer.toString(n, 36) + "Bench" + (n % 97), "customer" + n + "@example.com", "Customer Number " + n,
            (long) (n % 5000) * -100, n % 13 == 0, Instant.ofEpochSecond(created + n), "usd", "card_" + n,
            "{\"city\":\"Berlin\",\"country\":\"DE\",\"line1\":\"Street " + n + "\",\"line2\":null,\"postal_code\":\"10115\",\"state\":null}",
            "{\"plan\":\"gold\",\"account_manager\":\"am_" + (n % 40) + "\"}",
            "{\"custom_fields\":null,\"default_payment_method\":\"pm_" + n + "\",\"footer\":null,\"rendering_options\":null}",
            "[\"en\",\"de\"]", List.of("di_" + n)}, 0);
      }
      sink.accept(table);
    }
  }

  private void backfill(PrintWriter out, String url) throws IOException {
    SandboxData data = SandboxData.generate(1, backfillSize);
    try (StripeSandbox sandbox = new StripeSandbox(data).rateLimit(rate).start();
        StripeSource source = new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), rate))) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), SyncListener.SILENT);
      long start = System.nanoTime();
      SyncEngine.Summary summary = engine.run(new SyncEngine.Options(List.of(), 32, false, Duration.ofMillis(200), 500));
      double seconds = (System.nanoTime() - start) / 1e9;
      long requests = sandbox.stats().requestsReceived();
      // listed objects come one page of up to 100 a request; nested ones (invoice lines, subscription items) ride inside them
      long rows = Long.parseLong(single(url, "SELECT (SELECT count(*) FROM stripe.subscription_item)"
          + " + (SELECT count(*) FROM stripe.invoice_line_item)")) + summary.backfilled();
      double listedPerSecond = summary.backfilled() / seconds;
      out.printf(Locale.ROOT, "backfill: %,d-object sandbox account at %.0f req/s: %,d requests (%d refused with 429) in %.2f s"
              + " = %.1f req/s (%.0f%% of the rate)%n",
          backfillSize, rate, requests, sandbox.stats().rateLimitedResponses(), seconds, requests / seconds,
          100 * requests / seconds / rate);
      out.printf(Locale.ROOT, "  listed objects  %,7d = %,6.0f objects/s (%.1f per request; %.0f%% of the %,.0f objects/s the rate allows; target >= 90%%)%n",
          summary.backfilled(), listedPerSecond, summary.backfilled() / (double) requests, 100 * listedPerSecond / (rate * 100), rate * 100);
      out.printf(Locale.ROOT, "  all objects     %,7d = %,6.0f objects/s (with the nested invoice lines and subscription items)%n",
          rows, rows / seconds);
      out.flush();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void webhooks(PrintWriter out, String url) throws Exception {
    SandboxData data = SandboxData.generate(2, 200);
    try (StripeSandbox sandbox = new StripeSandbox(data).start();
        StripeSource source = new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), 1000),
            new StripeWebhooks(List.of(SECRET), Duration.ofSeconds(300), Clock.systemUTC()))) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), SyncListener.SILENT);
      engine.run(SyncEngine.Options.once());
      try (WebhookServer server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/stripe", SyncListener.SILENT)) {
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.port() + "/webhooks/stripe");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] nanos = new long[webhooks];
        for (int i = -50; i < webhooks; i++) { // 50 warm-up deliveries
          long now = System.currentTimeMillis() / 1000;
          String body = "{\"id\":\"evt_bench" + (i + 50) + "\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":" + now
              + ",\"data\":{\"object\":{\"id\":\"cus_bench" + Math.floorMod(i, 20) + "\",\"object\":\"customer\",\"email\":\"v" + i
              + "@example.com\",\"created\":" + now + ",\"metadata\":{\"n\":\"" + i + "\"}}}}";
          HttpRequest request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body))
              .header("Stripe-Signature", Webhooks.signatureHeader(body, now, SECRET)).build();
          long start = System.nanoTime();
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          long elapsed = System.nanoTime() - start;
          if (response.statusCode() != 200) {
            throw new FerryException(ExitCodes.FAILURE, "webhook benchmark: delivery refused: " + response.body());
          }
          if (i >= 0) {
            nanos[i] = elapsed;
          }
        }
        Arrays.sort(nanos);
        out.printf(Locale.ROOT, "webhook to row: %d signed deliveries, each answered after its row committed: p50 %.1f ms, p99 %.1f ms%n",
            webhooks, nanos[webhooks / 2] / 1e6, nanos[(int) Math.min(webhooks - 1, Math.ceil(webhooks * 0.99) - 1)] / 1e6);
        out.flush();
      }
    }
  }

  /**
   * Change to row through polling alone, as {@code ferry sync --watch} runs: each change is made in
   * the sandbox (its events appear in the Events API at once) and timed until the change cursor that
   * commits with its rows names its last event.
   */
  private void polling(PrintWriter out, String url) throws Exception {
    SandboxData data = SandboxData.generate(4, 200);
    try (StripeSandbox sandbox = new StripeSandbox(data).start();
        StripeSource source = new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), StripeConfig.DEFAULT_RATE))) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), SyncListener.SILENT);
      engine.run(SyncEngine.Options.once());
      Duration interval = Duration.ofMillis(SyncCommand.DEFAULT_POLL_MILLIS);
      Thread watch = new Thread(() -> engine.run(new SyncEngine.Options(List.of(), 1, true, interval, 500)), "bench-watch");
      watch.start();
      List<Long> nanos = new ArrayList<>();
      java.util.SplittableRandom random = new java.util.SplittableRandom(4);
      try {
        for (int i = 0; nanos.size() < changes && i < changes * 10; i++) {
          List<String> events = data.mutate(1_000 + i, 1);
          if (events.isEmpty()) {
            continue; // a change with no event (a balance transaction) is seen by listing, not by the feed
          }
          long start = System.nanoTime();
          String last = events.get(events.size() - 1);
          while (!single(url, "SELECT cursor FROM ferry.cursors WHERE source = 'stripe' AND stream = 'changes'").contains(last)) {
            if (System.nanoTime() - start > Duration.ofSeconds(30).toNanos()) {
              throw new FerryException(ExitCodes.FAILURE, "polling benchmark: event " + last + " not applied within 30 s");
            }
            Thread.sleep(1);
          }
          nanos.add(System.nanoTime() - start);
          Thread.sleep(random.nextLong(interval.toMillis())); // land anywhere in the poll cycle
        }
      } finally {
        engine.stop();
        watch.join();
      }
      long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
      out.printf(Locale.ROOT, "change to row by polling: %d changes, --watch every %d ms: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
          sorted.length, interval.toMillis(), sorted[sorted.length / 2] / 1e6,
          sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6, sorted[sorted.length - 1] / 1e6);
      out.flush();
    }
  }

  private void memory(PrintWriter out, String url) throws Exception {
    SandboxData data = SandboxData.generate(3, rssSize);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      ChildRss run = ChildRss.run(childHeap, List.of(
          "sync", "stripe", "--database-url", url, "--api-key", sandbox.apiKey(), "--api-base", sandbox.baseUrl(), "--rate", "100000"));
      long objects = Long.parseLong(single(url, "SELECT sum(objects) FROM ferry.runs"));
      out.printf(Locale.ROOT, "backfill memory: %,d objects (%,d-object sandbox account) in %.1f s by a child 'ferry sync' JVM (-Xmx%s):"
          + " peak RSS %d MB; RSS at 1/4, 1/2, 3/4, end: %s (target: flat, < 512 MB)%n",
          objects, rssSize, run.seconds(), childHeap, run.peakKb() / 1024, run.quarters());
      out.flush();
    }
  }

  private static String createDatabase(EmbeddedDatabase postgres, String name) throws SQLException {
    execute(postgres.url("postgres"), "CREATE DATABASE " + name);
    return postgres.url(name);
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String single(String url, String sql) throws SQLException {
    try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
