package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.db.EmbeddedDatabase;
import dev.ferry.sandbox.RequestGate;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.sync.source.stripe.StripeConfig;
import dev.ferry.sync.source.stripe.StripeSource;
import dev.ferry.sync.source.stripe.StripeWebhooks;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.HangGuard;
import dev.ferry.testing.TestPostgres;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A lost database connection: a one-shot sync ends with one line and exit code 3; {@code sync --watch}
 * and {@code serve} wait it out (terminated sessions, a server restart) and lose no change. Faults are
 * placed by events (a held API request, a reported reconnect), never by delays.
 */
class ReconnectTest {
  private static final String SECRET = "whsec_ferryreconnect";

  @Test
  void aOneShotSyncWhoseConnectionsAreTerminatedEndsWithOneLine() throws Exception {
    try (StripeSandbox sandbox = new StripeSandbox(SandboxData.generate(11, 300)).start()) {
      String url = TestPostgres.newDatabase("reconnect_once");
      RequestGate gate = sandbox.holdAfter(5, path -> !path.startsWith("/v1/events"));
      CompletableFuture<Run> sync = CompletableFuture.supplyAsync(() -> Cli.run("sync", "stripe", "--database-url", url,
          "--api-key", sandbox.apiKey(), "--api-base", sandbox.baseUrl(), "--rate", "1000", "--parallelism", "2"));
      assertThat(gate.awaitHeld(120_000)).as("the backfill reached its sixth list request").isTrue();
      int terminated = terminateSessions(url);
      gate.open();
      Run run = sync.get(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES);
      System.out.println("reconnect: one-shot sync with " + terminated + " sessions terminated: " + run.err().strip());
      assertThat(terminated).isPositive();
      assertThat(run.exit()).as(run.err()).isEqualTo(3);
      assertThat(run.err()).hasLineCount(1).startsWith("ferry: lost the connection to ")
          .doesNotContain("Exception", "unexpected");
    }
  }

  @Test
  void watchWaitsOutTerminatedConnectionsAndLosesNoChange() throws Exception {
    SandboxData data = SandboxData.generate(12, 200);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      String url = TestPostgres.newDatabase("reconnect_watch");
      Events events = new Events();
      SyncEngine engine = new SyncEngine(Database.of(url), stripe(sandbox), TableLayout.ownSchema("stripe"), events);
      engine.run(SyncEngine.Options.once());
      CompletableFuture<SyncEngine.Summary> watch = CompletableFuture.supplyAsync(
          () -> engine.run(new SyncEngine.Options(List.of(), 2, true, Duration.ofMillis(20), 500)));
      awaitTrue(() -> events.count("caught up; watching") == 1); // its sessions are open from here on
      int rounds = 3;
      for (int round = 1; round <= rounds; round++) {
        assertThat(terminateSessions(url)).isPositive();
        data.mutate(200 + round, 40); // the next batch meets the dead session
        int expected = round;
        awaitTrue(() -> events.count("reconnected to the database") >= expected || watch.isDone());
        assertThat(watch).as("still watching after round %d", round).isNotDone();
      }
      awaitTrue(() -> customers(url).equals(new TreeSet<>(data.liveIds(ObjectType.CUSTOMER))));
      engine.stop();
      watch.get(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES);
      engine.run(SyncEngine.Options.once());
      SandboxComparison.assertMatches(url, "stripe", data);
      System.out.println("reconnect: --watch outlived " + rounds + " rounds of terminated sessions: "
          + events.count("lost the connection") + " losses reported, " + events.count("reconnected") + " reconnects");
    }
  }

  @Test
  void serveOutlivesADatabaseRestartAndEveryDeliveryIsAppliedOnRetry() throws Exception {
    SandboxData data = SandboxData.generate(13, 200);
    try (EmbeddedDatabase postgres = EmbeddedDatabase.startRestartable();
        StripeSandbox sandbox = new StripeSandbox(data).start()) {
      TestPostgres.execute(postgres.url("postgres"), "CREATE DATABASE served");
      String url = postgres.url("served");
      Events events = new Events();
      StripeSource source = stripe(sandbox);
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), events);
      engine.run(SyncEngine.Options.once());
      try (WebhookServer server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/stripe", events)) {
        server.start();
        // retries a second apart at least, so a retry is signed with a new timestamp
        sandbox.webhooks().retries(30, Duration.ofMillis(1100));
        sandbox.webhooks().register("http://127.0.0.1:" + server.port() + "/webhooks/stripe", SECRET);
        CompletableFuture<SyncEngine.Summary> polling = CompletableFuture.supplyAsync(
            () -> engine.run(new SyncEngine.Options(List.of(), 2, true, Duration.ofMillis(20), 500)));
        postgres.restart(() -> {
          data.mutate(300, 40);
          awaitTrue(() -> sandbox.webhooks().deliveries().stream().anyMatch(d -> d.status() == 503));
        });
        sandbox.webhooks().flush();
        awaitTrue(() -> events.count("reconnected to the database") >= 1 || polling.isDone());
        assertThat(polling).as("polling outlived the restart").isNotDone();
        long refused = sandbox.webhooks().deliveries().stream().filter(d -> d.status() == 503).count();
        assertThat(refused).as("deliveries answered 503 while the database was down").isPositive();
        // every event was finally answered 200: none was lost to a refusal
        assertThat(sandbox.webhooks().deliveries().stream().filter(d -> d.status() == 200).map(d -> d.eventId()).distinct().count())
            .isEqualTo(sandbox.webhooks().deliveries().stream().map(d -> d.eventId()).distinct().count());
        assertThat(customers(url)).isEqualTo(new TreeSet<>(data.liveIds(ObjectType.CUSTOMER)));
        engine.stop();
        polling.get(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES);
        System.out.println("reconnect: serve outlived a database restart; " + refused
            + " delivery attempts answered 503 meanwhile, each retried until applied");
      }
    }
  }

  static StripeSource stripe(StripeSandbox sandbox) {
    return new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), 1000),
        new StripeWebhooks(List.of(SECRET), Duration.ofSeconds(300), Clock.systemUTC()));
  }

  /** Ends every other session on the database, as an administrator's pg_terminate_backend does. */
  private static int terminateSessions(String url) throws Exception {
    List<String> ended = TestPostgres.column(url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    return ended.size();
  }

  static TreeSet<String> customers(String url) {
    try {
      return new TreeSet<>(TestPostgres.column(url, "SELECT id FROM stripe.customer"));
    } catch (Exception e) {
      return new TreeSet<>();
    }
  }

  /** Waits for a condition that events will make true; the bound only keeps a broken build from hanging. */
  static void awaitTrue(BooleanSupplier condition) {
    for (int polls = 0; polls < 12_000 && !condition.getAsBoolean(); polls++) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(condition.getAsBoolean()).as("condition reached").isTrue();
  }

  /** Records what the engine reports. */
  static final class Events implements SyncListener {
    private final List<String> messages = new CopyOnWriteArrayList<>();

    long count(String text) {
      return messages.stream().filter(m -> m.contains(text)).count();
    }

    @Override
    public void backfillStarted(String type) {}

    @Override
    public void backfillProgress(String type, int objects) {}

    @Override
    public void backfillFinished(String type, long objects) {}

    @Override
    public void changesApplied(int changes) {}

    @Override
    public void info(String message) {
      messages.add(message);
    }
  }
}
