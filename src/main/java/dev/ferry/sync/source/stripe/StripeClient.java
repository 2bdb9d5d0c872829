package dev.ferry.sync.source.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.sync.source.InvalidResponseException;
import dev.ferry.sync.source.RateLimiter;
import dev.ferry.sync.source.SourceException;
import dev.ferry.vendor.stripe.StripeApi;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * GET requests to the Stripe API at the pinned version ({@code Stripe-Version}, so every object has the
 * shape of {@link StripeApi}'s definition whatever the account's default version): Bearer key, a rate limiter in front of every attempt, and
 * retries of 429, 5xx and connection failures with exponential backoff that honours
 * {@code Retry-After} and {@code Stripe-Should-Retry} (as the official SDKs do). A request that
 * still fails stops with a {@link SourceException} naming the path, never the key.
 */
final class StripeClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Attempts at a host that refuses or does not resolve; an answering server in trouble gets all of maxAttempts. */
  private static final int UNREACHABLE_ATTEMPTS = 3;

  private final HttpClient http;
  private final URI base;
  private final String apiKey;
  private final RateLimiter limiter;
  private final int maxAttempts;
  private final Duration initialBackoff;

  StripeClient(URI base, String apiKey, double rate, int maxAttempts, Duration initialBackoff) {
    this.base = base;
    this.apiKey = apiKey;
    this.limiter = new RateLimiter(rate);
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** An error response the caller may want to interpret (e.g. an expired events cursor). */
  static final class ApiError extends SourceException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiError(String message, int status, boolean authentication) {
      super(message, authentication, null);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  JsonNode get(String path, Map<String, String> query) {
    // relative to the base, so a base URL with a path prefix (a proxy, the sandbox) keeps it
    URI uri = base.resolve((path.startsWith("/") ? path.substring(1) : path) + encode(query));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + apiKey)
            .header("Stripe-Version", StripeApi.VERSION)
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(60))
            .GET()
            .build();
    String failure = null;
    boolean invalid = false;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Duration wait;
      try {
        limiter.acquire();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 200) {
          Optional<JsonNode> body = parse(response.body());
          if (body.isPresent()) {
            return body.get();
          }
          // a body cut short in transit reads fine on a second try; one that never parses stops the sync
          invalid = true;
          failure = "invalid response (" + unreadable(response.body()) + ")";
          if (attempt < maxAttempts) {
            sleep(backoff(attempt));
          }
          continue;
        }
        invalid = false;
        Optional<String> shouldRetry = response.headers().firstValue("Stripe-Should-Retry");
        failure = "HTTP " + status + errorMessage(response.body());
        boolean retryable = shouldRetry.map(Boolean::parseBoolean).orElse(status == 429 || status >= 500);
        if (!retryable) {
          throw new ApiError("Stripe API " + path + " failed: " + failure, status, status == 401);
        }
        wait = retryAfter(response).orElse(backoff(attempt));
      } catch (IOException e) {
        invalid = false;
        Optional<String> unreachable = unreachable(e);
        failure = unreachable.orElseGet(() ->
            "connection error (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        if (unreachable.isPresent() && attempt >= Math.min(maxAttempts, UNREACHABLE_ATTEMPTS)) {
          // a host that does not resolve or answer will not in the next half minute: say so now
          throw new SourceException("Stripe API " + path + " failed after " + attempt + " attempts: " + failure, false, null);
        }
        wait = backoff(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException("interrupted while calling Stripe API " + path);
      }
      if (attempt < maxAttempts) {
        sleep(wait);
      }
    }
    String message = "Stripe API " + path + " still failing after " + maxAttempts + " attempts: " + failure;
    throw invalid ? new InvalidResponseException(message) : new SourceException(message, false, null);
  }

  /**
   * A list: {@code {"object": "list", "data": [...], "has_more": ...}}. Any other shape stops the sync
   * with one line rather than being read as an empty or endless list.
   */
  JsonNode list(String path, Map<String, String> query) {
    JsonNode page = get(path, query);
    if (!page.isObject() || !page.path("data").isArray() || !(page.path("has_more").isBoolean() || page.path("has_more").isMissingNode())) {
      throw new InvalidResponseException("Stripe API " + path + " sent an invalid response: expected a list"
          + " (an object with a data array and has_more), got " + shape(page));
    }
    return page;
  }

  /** What a JSON value is, for a message: {@code an array}, {@code an object with fields a, b}. */
  static String shape(JsonNode node) {
    if (node.isObject()) {
      StringJoiner fields = new StringJoiner(", ");
      node.fieldNames().forEachRemaining(name -> fields.add(name + " (" + node.get(name).getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + ")"));
      return fields.length() == 0 ? "an empty object" : "an object with " + fields;
    }
    return "a JSON " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static Optional<JsonNode> parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Why a 200 body cannot be read, in words: empty, cut short, or not JSON (with how it starts). */
  private static String unreadable(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return "an empty body";
    }
    try {
      JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
      return "the JSON body ends early, after " + body.length + " bytes";
    } catch (IOException e) {
      // not JSON at all: say how it starts (an HTML error page from a proxy, typically)
    }
    String start = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    return "the body is not JSON: it starts with " + start.replaceAll("\\s+", " ");
  }

  /** "cannot connect to host:port (connection refused)" when the request never reached a server. */
  private Optional<String> unreachable(IOException e) {
    String host = base.getHost() + ":" + (base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80);
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.UnknownHostException) {
        return Optional.of("cannot connect to " + host + ": unknown host " + base.getHost() + " (the name does not resolve)");
      }
      if (cause instanceof java.net.http.HttpConnectTimeoutException) {
        return Optional.of("cannot connect to " + host + ": no answer within " + CONNECT_TIMEOUT.toSeconds() + " s");
      }
      if (cause instanceof java.net.ConnectException) {
        return Optional.of("cannot connect to " + host + " (connection refused)");
      }
    }
    return Optional.empty();
  }

  private Duration backoff(int attempt) {
    long base = initialBackoff.toMillis() << Math.min(attempt - 1, 6);
    long capped = Math.min(base, 30_000);
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(value -> {
      try {
        return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  private static String errorMessage(byte[] body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      String message = error.path("message").asText("");
      return message.isEmpty() ? "" : ": " + message;
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while waiting to retry a Stripe API call");
    }
  }

  private static String encode(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringJoiner joined = new StringJoiner("&", "?", "");
    query.forEach((k, v) -> joined.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return joined.toString();
  }
}
