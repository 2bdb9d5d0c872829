package dev.ferry.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxWebhooksTest {
  record Received(String signature, String body) {}

  HttpServer receiver;
  final List<Received> received = new CopyOnWriteArrayList<>();
  String url;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hooks", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestHeaders().getFirst("Stripe-Signature"), body));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  /** HMAC-SHA256 computed here, independently of the sandbox's own helper. */
  static String hmac(String secret, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }

  static Map.Entry<Long, List<String>> parse(String header) {
    long t = -1;
    List<String> v1 = new ArrayList<>();
    for (String part : header.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv[0].equals("t")) {
        t = Long.parseLong(kv[1]);
      } else if (kv[0].equals("v1")) {
        v1.add(kv[1]);
      }
    }
    return Map.entry(t, v1);
  }

  @Test
  void every_event_is_delivered_with_a_valid_stripe_signature() throws Exception {
    SandboxData data = SandboxData.generate(1, 500);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      sandbox.webhooks().register(url, "whsec_test_secret");
      List<String> events = data.mutate(2, 20);
      sandbox.webhooks().flush();
      assertThat(received).hasSize(events.size());
      long now = System.currentTimeMillis() / 1000;
      for (Received delivery : received) {
        Map.Entry<Long, List<String>> signature = parse(delivery.signature());
        assertThat(signature.getKey()).isBetween(now - 60, now + 5);
        assertThat(signature.getValue()).containsExactly(hmac("whsec_test_secret", signature.getKey() + "." + delivery.body()));
        JsonNode event = SandboxData.MAPPER.readTree(delivery.body());
        assertThat(event.path("object").asText()).isEqualTo("event");
        assertThat(event.path("pending_webhooks").asInt()).isEqualTo(1);
      }
      List<String> deliveredIds = new ArrayList<>();
      for (Received delivery : received) {
        deliveredIds.add(SandboxData.MAPPER.readTree(delivery.body()).path("id").asText());
      }
      assertThat(deliveredIds).containsExactlyElementsOf(events);
      assertThat(sandbox.webhooks().deliveries()).allMatch(d -> d.status() == 200);
    }
  }

  @Test
  void during_secret_rotation_the_header_carries_one_v1_per_secret() throws Exception {
    SandboxData data = SandboxData.generate(1, 300);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      Webhooks.Endpoint endpoint = sandbox.webhooks().register(url, "whsec_old");
      sandbox.webhooks().rotateSecret(endpoint, "whsec_new", true);
      data.mutate(3, 3);
      sandbox.webhooks().flush();
      assertThat(received).isNotEmpty();
      for (Received delivery : received) {
        Map.Entry<Long, List<String>> signature = parse(delivery.signature());
        String signed = signature.getKey() + "." + delivery.body();
        assertThat(signature.getValue()).containsExactly(hmac("whsec_new", signed), hmac("whsec_old", signed));
      }
    }
  }

  @Test
  void held_deliveries_are_released_out_of_order_and_duplicates_arrive_on_demand() throws Exception {
    SandboxData data = SandboxData.generate(1, 500);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      sandbox.webhooks().register(url, "whsec_x");
      sandbox.webhooks().seed(5).duplicateRate(0.5).hold();
      List<String> events = data.mutate(4, 30);
      assertThat(received).isEmpty();
      sandbox.webhooks().release();
      sandbox.webhooks().flush();
      List<String> ids = new ArrayList<>();
      for (Received delivery : received) {
        ids.add(SandboxData.MAPPER.readTree(delivery.body()).path("id").asText());
      }
      assertThat(new HashSet<>(ids)).isEqualTo(new HashSet<>(events));
      assertThat(ids.size()).isGreaterThan(events.size());
      List<String> firstSeen = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
      assertThat(firstSeen).isNotEqualTo(events);
    }
  }

  @Test
  void redeliver_sends_an_event_again() throws Exception {
    SandboxData data = SandboxData.generate(1, 300);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      sandbox.webhooks().register(url, "whsec_x");
      List<String> events = data.mutate(6, 2);
      sandbox.webhooks().redeliver(events.get(0));
      sandbox.webhooks().flush();
      Set<String> bodies = new HashSet<>();
      long copies = received.stream().filter(r -> r.body().contains(events.get(0))).peek(r -> bodies.add(r.body())).count();
      assertThat(copies).isEqualTo(2);
      assertThat(bodies).hasSize(1);
    }
  }

  @Test
  void failed_deliveries_are_retried_and_listed_by_delivery_success_until_they_succeed() throws Exception {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    receiver.createContext("/flaky", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(calls.incrementAndGet() <= 2 ? 500 : 200, -1);
      exchange.close();
    });
    SandboxData data = SandboxData.generate(1, 300);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      String flaky = url.replace("/hooks", "/flaky");
      sandbox.webhooks().register(flaky, "whsec_x");
      sandbox.webhooks().retries(1, java.time.Duration.ofMillis(10)).hold();
      List<String> events = data.mutate(8, 1);
      String event = events.get(0);
      sandbox.webhooks().release();
      sandbox.webhooks().flush();
      SandboxClient client = new SandboxClient(sandbox);
      assertThat(client.ok("/v1/events?delivery_success=false").path("data")).extracting(e -> e.path("id").asText()).contains(event);
      assertThat(sandbox.webhooks().deliverySucceeded(event)).isFalse();
      sandbox.webhooks().retries(3, java.time.Duration.ofMillis(10));
      sandbox.webhooks().redeliver(event);
      sandbox.webhooks().flush();
      assertThat(sandbox.webhooks().deliveries()).filteredOn(d -> d.eventId().equals(event))
          .extracting(Webhooks.Delivery::status).containsExactly(500, 500, 200);
      assertThat(sandbox.webhooks().deliverySucceeded(event)).isTrue();
      assertThat(client.ok("/v1/events?delivery_success=true").path("data")).extracting(e -> e.path("id").asText()).contains(event);
    }
  }

  @Test
  void the_public_signing_helper_matches_an_independent_hmac() throws Exception {
    String payload = "{\"id\":\"evt_1\",\"object\":\"event\"}";
    assertThat(Webhooks.sign(payload, "whsec_abc", 1_700_000_000L)).isEqualTo(hmac("whsec_abc", "1700000000." + payload));
    assertThat(Webhooks.signatureHeader(payload, 1_700_000_000L, "whsec_a", "whsec_b"))
        .isEqualTo("t=1700000000,v1=" + hmac("whsec_a", "1700000000." + payload) + ",v1=" + hmac("whsec_b", "1700000000." + payload));
  }
}
