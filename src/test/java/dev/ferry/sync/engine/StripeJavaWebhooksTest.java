package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.HasId;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.db.Database;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.source.stripe.StripeConfig;
import dev.ferry.sync.source.stripe.StripeSource;
import dev.ferry.sync.source.stripe.StripeWebhooks;
import dev.ferry.testing.TestPostgres;
import dev.ferry.vendor.stripe.StripeApi;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stripe's webhook signatures checked by Stripe's own SDK in both directions: stripe-java's
 * {@code Webhook.constructEvent} accepts every delivery the sandbox signs, and {@code ferry serve}'s
 * endpoint applies an event built and signed with stripe-java's helpers and refuses altered ones.
 */
class StripeJavaWebhooksTest {
  private static final String SECRET = "whsec_stripejavaroundtrip";
  private final HttpClient http = HttpClient.newHttpClient();
  private StripeSandbox sandbox;
  private HttpServer receiver;
  private final List<String[]> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    sandbox = new StripeSandbox(SandboxData.generate(11, 400)).start();
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hooks", exchange -> {
      received.add(new String[] {exchange.getRequestHeaders().getFirst("Stripe-Signature"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    sandbox.close();
  }

  @Test
  void stripe_java_verifies_every_signed_delivery_of_the_sandbox_and_refuses_altered_ones() throws Exception {
    sandbox.webhooks().register("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks", SECRET);
    List<String> produced = sandbox.data().mutate(7, 40);
    sandbox.webhooks().flush();
    assertThat(received).hasSize(produced.size());
    List<String> verified = new ArrayList<>();
    for (String[] delivery : received) {
      Event event = Webhook.constructEvent(delivery[1], delivery[0], SECRET);
      verified.add(event.getId());
      assertThat(event.getApiVersion()).isEqualTo(StripeApi.VERSION);
      String objectId = JsonParser.parseString(delivery[1]).getAsJsonObject().getAsJsonObject("data")
          .getAsJsonObject("object").get("id").getAsString();
      assertThat(((HasId) event.getDataObjectDeserializer().deserializeUnsafe()).getId()).isEqualTo(objectId);
      assertThatThrownBy(() -> Webhook.constructEvent(delivery[1].replace(objectId, objectId + "x"), delivery[0], SECRET))
          .isInstanceOf(SignatureVerificationException.class);
      assertThatThrownBy(() -> Webhook.constructEvent(delivery[1], delivery[0], SECRET + "other"))
          .isInstanceOf(SignatureVerificationException.class);
    }
    assertThat(verified).containsExactlyElementsOf(produced);
  }

  @Test
  void ferry_serve_applies_an_event_signed_by_stripe_java_and_refuses_bad_signatures() throws Exception {
    String url = TestPostgres.newDatabase("stripejava_webhooks");
    StripeSource source = new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), 1000),
        new StripeWebhooks(List.of(SECRET), Duration.ofSeconds(300), Clock.systemUTC()));
    SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), SyncListener.SILENT);
    engine.run(SyncEngine.Options.once());
    try (WebhookServer server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/stripe", SyncListener.SILENT)) {
      server.start();
      URI endpoint = URI.create("http://127.0.0.1:" + server.port() + "/webhooks/stripe");
      long now = System.currentTimeMillis() / 1000;

      String payload = customerCreated("evt_sdk_signed", "cus_sdksigned", "signed@example.com", now);
      assertThat(post(endpoint, payload, Webhook.Signature.generateSignatureHeader(payload, SECRET, now)).statusCode()).isEqualTo(200);
      assertThat(TestPostgres.column(url, "SELECT email FROM stripe.customer WHERE id = 'cus_sdksigned'"))
          .containsExactly("signed@example.com");

      String other = customerCreated("evt_sdk_bad", "cus_sdkbad", "bad@example.com", now);
      String header = Webhook.Signature.generateSignatureHeader(other, SECRET, now);
      assertThat(post(endpoint, other.replace("bad@", "changed@"), header).statusCode()).isEqualTo(400);
      assertThat(post(endpoint, other, Webhook.Signature.generateSignatureHeader(other, "whsec_someoneelse", now)).statusCode())
          .isEqualTo(400);
      assertThat(post(endpoint, other, Webhook.Signature.generateSignatureHeader(other, SECRET, now - 3600)).statusCode())
          .isEqualTo(400);
      assertThat(TestPostgres.column(url, "SELECT id FROM stripe.customer WHERE id = 'cus_sdkbad'")).isEmpty();
    }
  }

  /** A {@code customer.created} event built from stripe-java's own model classes, serialized by the SDK. */
  private static String customerCreated(String eventId, String customerId, String email, long now) {
    Customer customer = new Customer();
    customer.setId(customerId);
    customer.setObject("customer");
    customer.setEmail(email);
    customer.setCreated(now);
    customer.setLivemode(false);
    Event.Data data = new Event.Data();
    data.setObject(JsonParser.parseString(customer.toJson()).getAsJsonObject());
    Event event = new Event();
    event.setId(eventId);
    event.setObject("event");
    event.setType("customer.created");
    event.setApiVersion(StripeApi.VERSION);
    event.setCreated(now);
    event.setLivemode(false);
    event.setData(data);
    return event.toJson();
  }

  private HttpResponse<String> post(URI endpoint, String body, String signature) throws Exception {
    return http.send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").header("Stripe-Signature", signature).build(), HttpResponse.BodyHandlers.ofString());
  }
}
