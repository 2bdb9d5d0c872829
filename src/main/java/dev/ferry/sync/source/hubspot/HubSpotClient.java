package dev.ferry.sync.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.sync.source.SourceException;
import dev.ferry.sync.source.WindowLimiter;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests to HubSpot's API: a private-app token as Bearer, every attempt from every thread counted
 * against the account's rolling ten-second limit (search also against its own one-second limit), and
 * retries of 429 (every thread holds off for {@code Retry-After}, else the policy's interval), 5xx and
 * connection failures with exponential backoff. A request that still
 * fails stops with a {@link SourceException} naming the path and HubSpot's message, never the token.
 * The daily limit is kept too: no request is sent once the account's daily count (from HubSpot's
 * {@code X-HubSpot-RateLimit-Daily*} headers) has reached the share the sync may use, and a 429 of
 * the DAILY policy stops the sync at once (retrying cannot help before the day ends).
 */
final class HubSpotClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** HubSpot counts a private app's requests over a rolling ten seconds (TEN_SECONDLY_ROLLING). */
  static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String token;
  private final WindowLimiter limiter;
  private final WindowLimiter searchLimiter;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final AtomicLong requests = new AtomicLong();
  private final double budgetShare;
  private final AtomicLong dailyLimit = new AtomicLong(-1);
  private final AtomicLong dailyRemaining = new AtomicLong(-1);

  HubSpotClient(HubSpotConfig config) {
    this.budgetShare = config.budgetShare();
    this.base = config.baseUrl();
    this.token = config.token();
    this.limiter = WindowLimiter.perSecond(config.rate(), TEN_SECONDS);
    this.searchLimiter = WindowLimiter.perSecond(config.searchRate(), Duration.ofSeconds(1));
    this.maxAttempts = config.maxAttempts();
    this.initialBackoff = config.initialBackoff();
  }

  /** An answer other than 2xx that the caller may interpret (a 400 past the search cap, a 404). */
  static final class ApiError extends SourceException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiError(String message, int status) {
      super(message, status == 401 || status == 403, null);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /** Requests sent so far (retries included), for benchmarks. */
  long requests() {
    return requests.get();
  }

  JsonNode get(String path, Map<String, String> query) {
    return send(path, HttpRequest.newBuilder(uri(path, query)).GET(), false);
  }

  JsonNode post(String path, JsonNode body) {
    return send(path, HttpRequest.newBuilder(uri(path, Map.of()))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())), path.endsWith("/search"));
  }

  private URI uri(String path, Map<String, String> query) {
    StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach((k, v) -> joined.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return base.resolve(path.substring(1) + joined);
  }

  private JsonNode send(String path, HttpRequest.Builder builder, boolean search) {
    HttpRequest request = builder.header("Authorization", "Bearer " + token).header("Accept", "application/json")
        .timeout(Duration.ofSeconds(60)).build();
    String failure = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Duration wait;
      checkBudget();
      try {
        HttpResponse<byte[]> response;
        try (WindowLimiter.Permit searchPermit = search ? searchLimiter.acquire() : null;
            WindowLimiter.Permit permit = limiter.acquire()) {
          requests.incrementAndGet();
          response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        recordDailyCount(response);
        int status = response.statusCode();
        if (status / 100 == 2) {
          return JSON.readTree(response.body());
        }
        JsonNode error = errorBody(response.body());
        if (status == 429 && "DAILY".equals(error.path("policyName").asText())) {
          throw new SourceException("HubSpot refused " + path + ": the account's daily API requests are used up (429, policy DAILY);"
              + " rerun after HubSpot's daily count resets (midnight in the account's time zone)");
        }
        failure = "HTTP " + status + (error.path("message").asText("").isEmpty() ? "" : ": " + error.path("message").asText());
        if (status != 429 && status < 500) {
          throw new ApiError("HubSpot API " + path + " failed: " + failure, status);
        }
        if (status == 429) {
          // the whole source waits, not only this thread: the limit is the account's
          boolean secondly = "SECONDLY".equals(error.path("policyName").asText());
          (secondly ? searchLimiter : limiter).holdUntil(retryAfter(response).orElse(policyInterval(error)));
          continue;
        }
        wait = retryAfter(response).orElse(backoff(attempt));
      } catch (IOException e) {
        failure = "connection error (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        wait = backoff(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException("interrupted while calling HubSpot API " + path);
      }
      if (attempt < maxAttempts) {
        sleep(wait);
      }
    }
    throw new SourceException("HubSpot API " + path + " still failing after " + maxAttempts + " attempts: " + failure);
  }

  private void recordDailyCount(HttpResponse<byte[]> response) {
    Optional<String> limit = response.headers().firstValue("X-HubSpot-RateLimit-Daily");
    Optional<String> remaining = response.headers().firstValue("X-HubSpot-RateLimit-Daily-Remaining");
    if (limit.isPresent() && remaining.isPresent()) {
      try {
        long max = Long.parseLong(limit.get().strip());
        long left = Long.parseLong(remaining.get().strip());
        dailyLimit.set(max);
        dailyRemaining.accumulateAndGet(left, (seen, now) -> seen < 0 ? now : Math.min(seen, now)); // answers arrive out of order
      } catch (NumberFormatException unreadable) {
        // a header we cannot read tells nothing; the DAILY 429 still stops the sync
      }
    }
  }

  /** Stops before the account's daily use passes the share the sync may take, so other integrations keep theirs. */
  private void checkBudget() {
    long max = dailyLimit.get();
    long used = max - dailyRemaining.get();
    if (max > 0 && used >= (long) Math.floor(max * budgetShare)) {
      throw new SourceException("the HubSpot account has used " + used + " of its " + max + " daily API requests, the "
          + Math.round(budgetShare * 100) + "% share this sync may use; rerun after HubSpot's daily count resets"
          + " (midnight in the account's time zone), or raise --setting budget_share");
    }
  }

  /** Without Retry-After, a 429 waits out its policy's window: a second for search, else the ten-second window. */
  private Duration policyInterval(JsonNode error) {
    return "SECONDLY".equals(error.path("policyName").asText()) ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
  }

  private Duration backoff(int attempt) {
    long capped = Math.min(initialBackoff.toMillis() << Math.min(attempt - 1, 6), 30_000);
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }

  private Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(value -> {
      try {
        long millis = (long) (Double.parseDouble(value.trim()) * 1000);
        // the sandbox's tests shrink waits through initialBackoff; a real account keeps HubSpot's
        return Optional.of(Duration.ofMillis(Math.min(millis, Math.max(initialBackoff.toMillis() * 40, 1))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  private static JsonNode errorBody(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while waiting to retry a HubSpot API call");
    }
  }
}
