package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sandbox.stripe.Webhooks;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.sync.source.stripe.StripeConfig;
import dev.ferry.sync.source.stripe.StripeSource;
import dev.ferry.sync.source.stripe.StripeWebhooks;
import dev.ferry.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook endpoint of {@code ferry serve}: verified deliveries applied at once, the rest refused. */
class WebhookServerTest {
  private static final String SECRET = "whsec_ferrytestsecret";
  private final HttpClient http = HttpClient.newHttpClient();
  private SandboxData data;
  private StripeSandbox sandbox;
  private String url;
  private SyncEngine engine;
  private StripeSource source;
  private WebhookServer server;
  private URI endpoint;

  @BeforeEach
  void backfillAndListen() throws Exception {
    data = SandboxData.generate(5, 400);
    sandbox = new StripeSandbox(data).start();
    url = TestPostgres.newDatabase("webhooks");
    source = new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), 1000),
        new StripeWebhooks(List.of(SECRET), Duration.ofSeconds(300), Clock.systemUTC()));
    engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), SyncListener.SILENT);
    engine.run(SyncEngine.Options.once());
    server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/stripe", SyncListener.SILENT);
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + server.port() + "/webhooks/stripe");
  }

  @AfterEach
  void stop() {
    server.close();
    sandbox.close();
  }

  @Test
  void signedDeliveriesAreAppliedAtOnceAndPollingAfterwardsChangesNothingTheyMissed() throws Exception {
    sandbox.webhooks().register(endpoint.toString(), SECRET);
    data.mutate(31, 120);
    sandbox.webhooks().flush();

    assertThat(sandbox.webhooks().deliveries()).isNotEmpty().allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
    // customers change only through evented operations, so webhooks alone bring them up to date
    assertThat(new TreeSet<>(TestPostgres.column(url, "SELECT id FROM stripe.customer")))
        .isEqualTo(new TreeSet<>(data.liveIds(ObjectType.CUSTOMER)));
    engine.run(SyncEngine.Options.once());
    SandboxComparison.assertMatches(url, "stripe", data);
  }

  @Test
  void shuffledAndDuplicatedDeliveriesNeverBreakTheSyncAndPollingConverges() throws Exception {
    sandbox.webhooks().register(endpoint.toString(), SECRET);
    sandbox.webhooks().seed(3).duplicateRate(0.3).hold();
    data.mutate(32, 120);
    sandbox.webhooks().release();
    sandbox.webhooks().flush();

    assertThat(sandbox.webhooks().deliveries()).allSatisfy(d -> assertThat(d.status()).isIn(200, 400));
    engine.run(SyncEngine.Options.once());
    SandboxComparison.assertMatches(url, "stripe", data);
  }

  @Test
  void aBadSignatureIsRefusedWith400AndChangesNothing() throws Exception {
    String body = customerEvent("evt_bad", "cus_webhookbad");
    HttpResponse<String> response = post(body, Webhooks.signatureHeader(body, now(), "whsec_wrongsecret"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("no Stripe-Signature v1 matches");
    assertThat(TestPostgres.column(url, "SELECT id FROM stripe.customer WHERE id = 'cus_webhookbad'")).isEmpty();
  }

  @Test
  void aStaleTimestampIsRefusedWith400() throws Exception {
    String body = customerEvent("evt_stale", "cus_webhookstale");
    HttpResponse<String> response = post(body, Webhooks.signatureHeader(body, now() - 600, SECRET));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("tolerance");
    assertThat(TestPostgres.column(url, "SELECT id FROM stripe.customer WHERE id = 'cus_webhookstale'")).isEmpty();
  }

  @Test
  void aReplayedDeliveryIsRefusedWith400AfterTheFirstIsApplied() throws Exception {
    String body = customerEvent("evt_replay", "cus_webhookreplay");
    String header = Webhooks.signatureHeader(body, now(), SECRET);
    assertThat(post(body, header).statusCode()).isEqualTo(200);
    assertThat(TestPostgres.column(url, "SELECT email FROM stripe.customer WHERE id = 'cus_webhookreplay'"))
        .containsExactly("webhook@example.com");
    HttpResponse<String> replay = post(body, header);
    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(replay.body()).contains("replayed");
  }

  @Test
  void anUnknownEventTypeIsAcknowledgedAndIgnored() throws Exception {
    List<String> before = TestPostgres.column(url, "SELECT count(*) FROM ferry.migrations");
    String body = "{\"id\":\"evt_unknown\",\"object\":\"event\",\"type\":\"issuing_card.created\",\"created\":" + now()
        + ",\"data\":{\"object\":{\"id\":\"ic_1\",\"object\":\"issuing.card\",\"created\":" + now() + "}}}";
    HttpResponse<String> response = post(body, Webhooks.signatureHeader(body, now(), SECRET));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"applied\":0");
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM ferry.migrations")).isEqualTo(before);
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%issuing%'"))
        .containsExactly("0");
  }

  @Test
  void aLateRedeliveryOfCreatedAfterDeletedDoesNotResurrectTheCustomerAfterARestartNorDoesPolling() throws Exception {
    long t = now();
    String created = "{\"id\":\"evt_tomb_created\",\"object\":\"event\",\"type\":\"customer.created\",\"created\":" + (t - 10)
        + ",\"data\":{\"object\":{\"id\":\"cus_tomb\",\"object\":\"customer\",\"email\":\"tomb@example.com\","
        + "\"created\":" + (t - 10) + ",\"metadata\":{}}}}";
    String deleted = "{\"id\":\"evt_tomb_deleted\",\"object\":\"event\",\"type\":\"customer.deleted\",\"created\":" + (t - 5)
        + ",\"data\":{\"object\":{\"id\":\"cus_tomb\",\"object\":\"customer\",\"deleted\":true}}}";
    assertThat(post(created, Webhooks.signatureHeader(created, now(), SECRET)).statusCode()).isEqualTo(200);
    assertThat(TestPostgres.column(url, "SELECT id FROM stripe.customer WHERE id = 'cus_tomb'")).hasSize(1);
    assertThat(post(deleted, Webhooks.signatureHeader(deleted, now(), SECRET)).statusCode()).isEqualTo(200);
    assertThat(TestPostgres.column(url, "SELECT id FROM stripe.customer WHERE id = 'cus_tomb'")).isEmpty();

    // ferry serve restarts, then Stripe redelivers the created event
    restartServe();
    assertThat(post(created, Webhooks.signatureHeader(created, now(), SECRET)).statusCode()).isEqualTo(200);
    assertThat(TestPostgres.column(url, "SELECT id FROM stripe.customer WHERE id = 'cus_tomb'")).isEmpty();
    // an event never applied here but older than the deletion (a late update) is held back by the tombstone
    String updated = created.replace("evt_tomb_created", "evt_tomb_updated").replace("customer.created", "customer.updated")
        .replace("\"created\":" + (t - 10) + ",\"data\"", "\"created\":" + (t - 8) + ",\"data\"");
    assertThat(post(updated, Webhooks.signatureHeader(updated, now(), SECRET)).body()).contains("\"applied\":0");
    assertThat(TestPostgres.column(url, "SELECT id FROM stripe.customer WHERE id = 'cus_tomb'")).isEmpty();
    assertThat(TestPostgres.column(url, "SELECT id FROM ferry.tombstones WHERE table_name = '\"stripe\".\"customer\"'"))
        .containsExactly("cus_tomb");
    engine.run(SyncEngine.Options.once());
    assertThat(TestPostgres.column(url, "SELECT id FROM stripe.customer WHERE id = 'cus_tomb'")).isEmpty();
  }

  /**
   * Two updates of one customer in the same second: the row cannot tell them apart by time, so only
   * the applied event ids stop a redelivery of the first from undoing the second, after a restart too.
   */
  @Test
  void aRedeliveredEventAfterARestartIsANoOpAnswered200WithNothingApplied() throws Exception {
    long t = now();
    String first = customerUpdated("evt_same_second_1", "cus_samesecond", "first@example.com", t);
    String second = customerUpdated("evt_same_second_2", "cus_samesecond", "second@example.com", t);
    assertThat(post(first, Webhooks.signatureHeader(first, now(), SECRET)).body()).contains("\"applied\":1");
    assertThat(post(second, Webhooks.signatureHeader(second, now(), SECRET)).body()).contains("\"applied\":1");
    assertThat(TestPostgres.column(url, "SELECT event_id FROM ferry.applied_events WHERE destination = 'stripe.<type>'"
        + " AND event_id LIKE 'evt_same_second_%' ORDER BY 1")).containsExactly("evt_same_second_1", "evt_same_second_2");

    restartServe();
    // Stripe redelivers the first event: a new signature, so no replay of a delivery, but the same event
    HttpResponse<String> redelivered = post(first, Webhooks.signatureHeader(first, now(), SECRET));
    assertThat(redelivered.statusCode()).isEqualTo(200);
    assertThat(redelivered.body()).isEqualTo("{\"received\":true,\"applied\":0}");
    assertThat(TestPostgres.column(url, "SELECT email FROM stripe.customer WHERE id = 'cus_samesecond'"))
        .containsExactly("second@example.com");
  }

  @Test
  void appliedEventIdsOlderThanThirtyDaysAreDeletedWhenNewOnesAreRecorded() throws Exception {
    String old = customerEvent("evt_kept_old", "cus_keptold");
    assertThat(post(old, Webhooks.signatureHeader(old, now(), SECRET)).statusCode()).isEqualTo(200);
    try (var connection = Database.of(url).connect(); var statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE ferry.applied_events SET applied_at = now() - interval '30 days 1 second'"
          + " WHERE event_id = 'evt_kept_old'");
    }
    String recent = customerEvent("evt_kept_recent", "cus_keptrecent");
    assertThat(post(recent, Webhooks.signatureHeader(recent, now(), SECRET)).statusCode()).isEqualTo(200);
    assertThat(TestPostgres.column(url, "SELECT event_id FROM ferry.applied_events WHERE event_id LIKE 'evt_kept_%'"))
        .containsExactly("evt_kept_recent");
  }

  /** ferry serve restarts: a new source, engine and server, nothing kept in memory. */
  private void restartServe() throws Exception {
    server.close();
    source = new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), 1000),
        new StripeWebhooks(List.of(SECRET), Duration.ofSeconds(300), Clock.systemUTC()));
    engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), SyncListener.SILENT);
    server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/stripe", SyncListener.SILENT);
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + server.port() + "/webhooks/stripe");
  }

  private static String customerUpdated(String eventId, String customerId, String email, long at) {
    return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":" + at
        + ",\"data\":{\"object\":{\"id\":\"" + customerId + "\",\"object\":\"customer\",\"email\":\"" + email + "\","
        + "\"created\":" + at + ",\"metadata\":{}}}}";
  }

  private HttpResponse<String> post(String body, String signature) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (signature != null) {
      request.header("Stripe-Signature", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private static String customerEvent(String eventId, String customerId) {
    return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"customer.created\",\"created\":" + now()
        + ",\"data\":{\"object\":{\"id\":\"" + customerId + "\",\"object\":\"customer\",\"email\":\"webhook@example.com\","
        + "\"created\":" + now() + ",\"metadata\":{}}}}";
  }
}
