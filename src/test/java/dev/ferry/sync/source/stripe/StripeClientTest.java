package dev.ferry.sync.source.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.sync.source.SourceException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a small local server that answers from a script, one response per request. */
class StripeClientTest {
  private record Reply(int status, Map<String, String> headers, String body) {}

  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
  private HttpServer server;

  private StripeClient start(double rate, int attempts) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      arrivals.add(System.nanoTime());
      authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
      Reply reply = script.poll();
      if (reply == null) {
        reply = new Reply(200, Map.of(), "{\"object\":\"list\",\"data\":[],\"has_more\":false}");
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return new StripeClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "sk_test_secretvalue123",
        rate, attempts, Duration.ofMillis(20));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void retries429And5xxHonouringRetryAfterAndSendsTheKeyAsBearer() throws IOException {
    StripeClient client = start(1000, 5);
    script.add(new Reply(429, Map.of("Retry-After", "0.3"), "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Too many requests\"}}"));
    script.add(new Reply(503, Map.of(), "{}"));
    script.add(new Reply(200, Map.of(), "{\"object\":\"list\",\"data\":[{\"id\":\"cus_1\"}],\"has_more\":false}"));

    assertThat(client.get("v1/customers", Map.of("limit", "100")).path("data").get(0).path("id").asText()).isEqualTo("cus_1");
    assertThat(authorizations).hasSize(3).allMatch("Bearer sk_test_secretvalue123"::equals);
    assertThat(arrivals.get(1) - arrivals.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
  }

  @Test
  void doesNotRetryWhenStripeShouldRetryIsFalseAndNeverPrintsTheKey() throws IOException {
    StripeClient client = start(1000, 5);
    script.add(new Reply(500, Map.of("Stripe-Should-Retry", "false"), "{\"error\":{\"message\":\"idempotency conflict\"}}"));
    assertThatThrownBy(() -> client.get("v1/customers", Map.of()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("HTTP 500: idempotency conflict")
        .hasMessageNotContaining("sk_test_secretvalue123");
    assertThat(authorizations).hasSize(1);
  }

  @Test
  void aRequestThatKeepsFailingStopsWithAClearError() throws IOException {
    StripeClient client = start(1000, 3);
    for (int i = 0; i < 3; i++) {
      script.add(new Reply(502, Map.of(), "bad gateway"));
    }
    assertThatThrownBy(() -> client.get("v1/events", Map.of()))
        .isInstanceOf(SourceException.class)
        .hasMessage("Stripe API v1/events still failing after 3 attempts: HTTP 502");
  }

  @Test
  void anInvalidKeyIsAnAuthenticationFailure() throws IOException {
    StripeClient client = start(1000, 3);
    script.add(new Reply(401, Map.of(), "{\"error\":{\"message\":\"Invalid API Key provided: sk_test_****\"}}"));
    assertThatThrownBy(() -> client.get("v1/customers", Map.of()))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.authentication()).isTrue());
  }

  @Test
  void theRateLimiterSpacesRequestsFromManyThreadsUnderTheRate() throws Exception {
    StripeClient client = start(50, 1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 15; i++) {
          client.get("v1/customers", Map.of());
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    List<Long> sorted = new ArrayList<>(arrivals);
    Collections.sort(sorted);
    // The limiter grants at most 50 a second; arrival times are taken at the server, where a loaded
    // 2-core machine can delay one request and bunch it with the next: allow 2 of jitter, no more.
    int worst = 0;
    for (int i = 0; i < sorted.size(); i++) {
      int j = i;
      while (j < sorted.size() && sorted.get(j) - sorted.get(i) < 1_000_000_000L) {
        j++;
      }
      worst = Math.max(worst, j - i);
    }
    assertThat(sorted).hasSize(60);
    assertThat(worst).isLessThanOrEqualTo(52);
  }
}
