package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.sync.source.stripe.StripeConfig;
import dev.ferry.sync.source.stripe.StripeSource;
import dev.ferry.sync.source.stripe.StripeWebhooks;
import dev.ferry.testing.StripeSandboxes;
import dev.ferry.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Changes that arrive late, through {@code ferry serve}, after what they describe was superseded: an
 * older update of a subscription (its items included) after a newer one, and an update of a customer
 * the end-of-backfill sweep removed. Neither may bring back what is gone or undo what is newer.
 */
class LateChangeTest {
  private static final String SECRET = "whsec_latechanges";
  @RegisterExtension final StripeSandboxes sandboxes = new StripeSandboxes();
  private StripeSandbox sandbox;

  @Test
  void theItemsOfASubscriptionUpdateDeliveredAfterANewerOneAreIgnoredWithIt() throws Exception {
    SandboxData data = SandboxData.generate(51, 300);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("late_children");
    StripeSource source = source();
    SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), SyncListener.SILENT);
    engine.run(SyncEngine.Options.once());
    String subscription = data.liveObjects(ObjectType.SUBSCRIPTION).stream()
        .filter(s -> !s.path("status").asText().equals("canceled") && s.path("items").path("data").size() >= 2
            && !s.path("items").path("has_more").asBoolean())
        .findFirst().orElseThrow().path("id").asText();

    try (WebhookServer server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/stripe", SyncListener.SILENT)) {
      server.start();
      sandbox.webhooks().register("http://127.0.0.1:" + server.port() + "/webhooks/stripe", SECRET);
      sandbox.webhooks().hold();
      List<String> older = data.editChild(ObjectType.SUBSCRIPTION, subscription, 0, "customer.subscription.updated",
          item -> item.put("quantity", 7));
      data.advanceClock(Duration.ofSeconds(10));
      List<String> newer = data.removeChild(ObjectType.SUBSCRIPTION, subscription, 1, "customer.subscription.updated");
      String removed = newer.get(1);
      sandbox.webhooks().redeliver(newer.get(0));
      sandbox.webhooks().flush();
      assertThat(items(url, subscription)).doesNotContain(removed).isEqualTo(liveItems(data, subscription));

      sandbox.webhooks().redeliver(older.get(0)); // Stripe delivers the older update last, with the item removed since
      sandbox.webhooks().flush();

      assertThat(sandbox.webhooks().deliveries()).hasSize(2).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
      assertThat(items(url, subscription)).as("the older update's items are ignored with it")
          .doesNotContain(removed).isEqualTo(liveItems(data, subscription));
      assertThat(TestPostgres.column(url, "SELECT quantity FROM stripe.subscription_item WHERE id = '"
          + older.get(1) + "'")).containsExactly("7");
    }
    engine.run(SyncEngine.Options.once());
    SandboxComparison.assertMatches(url, "stripe", data);
    assertThat(items(url, subscription)).isEqualTo(liveItems(data, subscription));
  }

  @Test
  void aCustomerTheSweepRemovedLeavesATombstoneAndALateUpdateDoesNotBringItBack() throws Exception {
    SandboxData data = SandboxData.generate(52, 300);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("late_swept");
    StripeSource source = source();
    SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), SyncListener.SILENT);
    engine.run(SyncEngine.Options.once());
    data.mutate(53, 20);
    engine.run(SyncEngine.Options.once()); // the change cursor now names a real event
    String customer = data.liveIds(ObjectType.CUSTOMER).get(3);

    // updated, then deleted, while no run happens; then the events fall out of Stripe's 30 days
    String update = data.edit(ObjectType.CUSTOMER, customer, "customer.updated", c -> c.put("email", "late@example.com"));
    HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(sandbox.baseUrl() + "/v1/customers/" + customer))
        .header("Authorization", "Bearer " + sandbox.apiKey()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    data.advanceClock(Duration.ofDays(31));
    data.mutate(54, 20);
    engine.run(SyncEngine.Options.once()); // backfills again; the sweep removes the customer

    assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer WHERE id = '" + customer + "'")).containsExactly("0");
    assertThat(TestPostgres.column(url, "SELECT table_name FROM ferry.tombstones WHERE id = '" + customer + "'"))
        .containsExactly("\"stripe\".\"customer\"");

    try (WebhookServer server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/stripe", SyncListener.SILENT)) {
      server.start();
      sandbox.webhooks().register("http://127.0.0.1:" + server.port() + "/webhooks/stripe", SECRET);
      sandbox.webhooks().redeliver(update); // a retry of the update, after the sweep
      sandbox.webhooks().flush();
      assertThat(sandbox.webhooks().deliveries()).hasSize(1).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
    }
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer WHERE id = '" + customer + "'"))
        .as("the swept customer stays deleted").containsExactly("0");
    SandboxComparison.assertMatches(url, "stripe", data);
  }

  private static List<String> liveItems(SandboxData data, String subscription) {
    List<String> ids = new java.util.ArrayList<>();
    data.retrieve(ObjectType.SUBSCRIPTION, subscription).orElseThrow().path("items").path("data")
        .forEach(item -> ids.add(item.path("id").asText()));
    return ids.stream().sorted().toList();
  }

  private static List<String> items(String url, String subscription) throws Exception {
    return TestPostgres.column(url, "SELECT id FROM stripe.subscription_item WHERE subscription_id = '" + subscription
        + "' ORDER BY id COLLATE \"C\"");
  }

  private StripeSource source() {
    return new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), 1000),
        new StripeWebhooks(List.of(SECRET), Duration.ofSeconds(300), Clock.systemUTC()));
  }
}
