package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.db.Database;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.sync.source.stripe.StripeConfig;
import dev.ferry.sync.source.stripe.StripeSource;
import dev.ferry.sync.source.stripe.StripeWebhooks;
import dev.ferry.testing.TestPostgres;
import java.net.URI;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, item 8: a random mutation history (creates, updates, deletes, discounts, subscription
 * items) applied through shuffled, duplicated webhooks and through polling ends equal to a clean
 * backfill of the final state, table by table and row by row.
 */
class ConvergenceTest {
  private static final String SECRET = "whsec_convergence";
  private static final int ROUNDS = 4;
  private static final int MUTATIONS = 120;

  @Test
  void webhooksAndPollingOverManyRoundsEndEqualToACleanBackfill() throws Exception {
    SandboxData data = SandboxData.generate(41, 500);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      String url = TestPostgres.newDatabase("converge");
      StripeSource source = new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), 1000),
          new StripeWebhooks(List.of(SECRET), Duration.ofSeconds(300), Clock.systemUTC()));
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), SyncListener.SILENT);
      engine.run(SyncEngine.Options.once());
      int events = 0;
      try (WebhookServer server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/stripe", SyncListener.SILENT)) {
        server.start();
        sandbox.webhooks().register("http://127.0.0.1:" + server.port() + "/webhooks/stripe", SECRET);
        sandbox.webhooks().seed(8).duplicateRate(0.25);
        for (int round = 0; round < ROUNDS; round++) {
          sandbox.webhooks().hold(); // released shuffled, some twice
          events += data.mutate(500 + round, MUTATIONS).size();
          sandbox.webhooks().release();
          sandbox.webhooks().flush();
          if (round % 2 == 1) {
            engine.run(SyncEngine.Options.once());
          }
        }
        assertThat(sandbox.webhooks().deliveries()).allSatisfy(d -> assertThat(d.status()).isIn(200, 400));
      }
      engine.run(SyncEngine.Options.once());

      String clean = TestPostgres.newDatabase("converge_clean");
      new SyncEngine(Database.of(clean), new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), 1000)),
          TableLayout.ownSchema("stripe"), SyncListener.SILENT).run(SyncEngine.Options.once());

      Set<String> deletedCustomers = new TreeSet<>();
      List<String> differences = new ArrayList<>();
      long rows = 0;
      try (Connection incremental = Database.of(url).connect(); Connection backfilled = Database.of(clean).connect()) {
        Set<String> live = new TreeSet<>(data.liveIds(ObjectType.CUSTOMER));
        for (String table : TestPostgres.column(clean,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'stripe' ORDER BY 1")) {
          Map<String, ObjectNode> got = withoutMetadata(SandboxComparison.rows(incremental, "stripe", table));
          Map<String, ObjectNode> want = withoutMetadata(SandboxComparison.rows(backfilled, "stripe", table));
          rows += want.size();
          for (Map.Entry<String, ObjectNode> row : got.entrySet()) {
            ObjectNode expected = want.get(row.getKey());
            boolean unlistable = table.equals("payment_method") && !live.contains(row.getValue().path("customer_id").asText());
            if (expected == null && unlistable) {
              deletedCustomers.add(row.getKey()); // Stripe lists payment methods per live customer only
            } else if (expected == null) {
              differences.add(table + " " + row.getKey() + ": only in the incremental database");
            } else if (!expected.equals(row.getValue())) {
              differences.add(table + " " + row.getKey() + ": " + row.getValue() + " vs " + expected);
            }
          }
          for (String id : want.keySet()) {
            if (!got.containsKey(id)) {
              differences.add(table + " " + id + ": missing from the incremental database");
            }
          }
        }
      }
      System.out.println("convergence: " + ROUNDS + " rounds, " + ROUNDS * MUTATIONS + " mutations, " + events + " events, "
          + sandbox.webhooks().deliveries().size() + " deliveries, " + rows + " rows compared, " + differences.size()
          + " differences, " + deletedCustomers.size() + " payment methods of deleted customers kept");
      assertThat(differences).isEmpty();
      SandboxComparison.assertMatches(url, "stripe", data);
    }
  }

  private static Map<String, ObjectNode> withoutMetadata(Map<String, ObjectNode> rows) {
    rows.values().forEach(row -> {
      row.remove("_ferry_changed_at");
      row.remove("_ferry_synced_at");
    });
    return rows;
  }
}
