package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.sandbox.RequestGate;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.sync.source.stripe.StripeConfig;
import dev.ferry.sync.source.stripe.StripeSource;
import dev.ferry.sync.source.stripe.StripeWebhooks;
import dev.ferry.testing.TestPostgres;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A re-backfill cannot erase what it did not see. Each round re-backfills customers while webhooks
 * keep applying the sandbox's mutations: the sandbox holds the backfill while it plans (after the
 * newest page of customers was read, which the plan reuses as the first page), mutations create and
 * delete customers meanwhile and their deliveries are applied, then the backfill goes on. When the
 * backfill's sweep has committed (before the change feed could repair anything) the customer table
 * holds exactly the sandbox's live customers; after the last round everything equals the sandbox.
 */
class BackfillSweepTest {
  private static final String SECRET = "whsec_sweeptest";
  private static final int ROUNDS = 4;

  @Test
  void customersCreatedByWebhooksWhileARebackfillPlansSurviveItsSweep() throws Exception {
    SandboxData data = SandboxData.generate(23, 2500);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      String url = TestPostgres.newDatabase("backfill_sweep");
      engine(source(sandbox), url, SyncListener.SILENT).run(SyncEngine.Options.once());
      int created = 0;
      for (int round = 0; round < ROUNDS; round++) {
        TestPostgres.execute(url, "DELETE FROM ferry.cursors WHERE stream LIKE 'backfill:customer%'");
        Map<String, List<String>> atSweep = new ConcurrentHashMap<>();
        StripeSource source = source(sandbox); // a new source reads the account again while planning
        SyncEngine engine = engine(source, url, new Recorder(url, atSweep));
        try (WebhookServer server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/stripe",
            SyncListener.SILENT)) {
          server.start();
          String endpoint = "http://127.0.0.1:" + server.port() + "/webhooks/stripe";
          sandbox.webhooks().register(endpoint, SECRET);
          // the account is read once per source, right after the newest page of customers while planning
          RequestGate gate = sandbox.holdAfter(0, path -> path.equals("/v1/account"));
          CompletableFuture<SyncEngine.Summary> run = CompletableFuture.supplyAsync(() -> engine.run(
              new SyncEngine.Options(List.of("customer"), 4, false, Duration.ofMillis(200), 500)));
          while (!gate.awaitHeld(50)) {
            assertThat(run).as("round %d: the backfill reaches its planning", round).isNotDone();
          }
          List<String> before = data.liveIds(ObjectType.CUSTOMER);
          data.mutate(200 + round, 40);
          sandbox.webhooks().flush();
          assertThat(sandbox.webhooks().deliveries()).filteredOn(d -> d.url().equals(endpoint))
              .isNotEmpty().allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
          List<String> newCustomers = new ArrayList<>(data.liveIds(ObjectType.CUSTOMER));
          newCustomers.removeAll(before);
          created += newCustomers.size();
          gate.open();
          run.join();
          assertThat(atSweep.get("customer")).as("round %d: customers right after the sweep", round)
              .isEqualTo(List.copyOf(new TreeSet<>(data.liveIds(ObjectType.CUSTOMER))));
        }
      }
      assertThat(created).as("customers created while a backfill was planning").isGreaterThanOrEqualTo(ROUNDS);
      SandboxComparison.assertMatches(url, "stripe", data);
      System.out.println("backfill sweep: " + ROUNDS + " re-backfills, " + created
          + " customers created by webhooks while they planned, none swept");
    }
  }

  private static StripeSource source(StripeSandbox sandbox) {
    return new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), 1000),
        new StripeWebhooks(List.of(SECRET), Duration.ofSeconds(300), Clock.systemUTC()));
  }

  private static SyncEngine engine(StripeSource source, String url, SyncListener listener) {
    return new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), listener);
  }

  /** Records a type's ids when its backfill finishes: the sweep has committed, the change feed not yet run. */
  private record Recorder(String url, Map<String, List<String>> ids) implements SyncListener {
    @Override
    public void backfillFinished(String type, long objects) {
      ids.put(type, TestPostgres.column(url, "SELECT id FROM stripe." + type + " ORDER BY id COLLATE \"C\""));
    }

    @Override
    public void backfillStarted(String type) {}

    @Override
    public void backfillProgress(String type, int objects) {}

    @Override
    public void changesApplied(int changes) {}

    @Override
    public void info(String message) {}
  }
}
