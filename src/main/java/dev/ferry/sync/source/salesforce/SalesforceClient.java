package dev.ferry.sync.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.db.Secrets;
import dev.ferry.sync.source.RateLimiter;
import dev.ferry.sync.source.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests to a Salesforce org: an OAuth 2.0 access token from the configured flow, fetched again
 * when a call answers 401 {@code INVALID_SESSION_ID}; a rate limiter in front of every attempt; the
 * daily request use read from {@code Sforce-Limit-Info} on every response, stopping the sync before
 * it passes its share; and retries with exponential backoff of {@code REQUEST_LIMIT_EXCEEDED},
 * {@code QUERY_TIMEOUT}, 5xx and connection failures. Failures become one-line
 * {@link SourceException}s that name the resource, never a secret.
 */
final class SalesforceClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");
  static final String DATA = "/services/data/v" + dev.ferry.vendor.salesforce.SalesforceObjects.API_VERSION;

  private final SalesforceConfig config;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final RateLimiter limiter;
  private final AtomicLong used = new AtomicLong(-1);
  private final AtomicLong limit = new AtomicLong(-1);
  private final AtomicLong requests = new AtomicLong();
  private volatile String accessToken;
  private volatile URI instance;

  SalesforceClient(SalesforceConfig config) {
    this.config = config;
    this.limiter = new RateLimiter(config.rate());
  }

  /** An error answer the caller may interpret ({@code INVALID_QUERY_LOCATOR}, {@code INVALID_REPLICATION_DATE}, 404). */
  static final class ApiError extends SourceException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String errorCode;

    ApiError(String message, int status, String errorCode, boolean authentication) {
      super(message, authentication, null);
      this.status = status;
      this.errorCode = errorCode;
    }
  }

  /** A page of Bulk API 2.0 results as it arrives: the CSV body, and the locator of the next page, null after the last. */
  record CsvPage(java.io.Reader csv, String locator) {}

  /** API requests this client sent, and the org's daily use and allocation as last reported (-1 before any). */
  long requests() {
    return requests.get();
  }

  long dailyUsed() {
    return used.get();
  }

  long dailyLimit() {
    return limit.get();
  }

  JsonNode get(String path, Map<String, String> query) {
    return JSON_BODY.parse(send("GET", path, query, null, "application/json", HttpResponse.BodyHandlers.ofString()).body(), path);
  }

  JsonNode post(String path, JsonNode body) {
    return JSON_BODY.parse(send("POST", path, Map.of(), body.toString(), "application/json", HttpResponse.BodyHandlers.ofString()).body(),
        path);
  }

  /** A results page whose body is read as it arrives: the caller closes it. */
  CsvPage csv(String path, Map<String, String> query) {
    HttpResponse<InputStream> response = send("GET", path, query, null, "text/csv", HttpResponse.BodyHandlers.ofInputStream());
    String locator = response.headers().firstValue("Sforce-Locator").orElse("null");
    return new CsvPage(new InputStreamReader(response.body(), StandardCharsets.UTF_8),
        locator.equals("null") || locator.isEmpty() ? null : locator);
  }

  private interface BodyParser {
    JsonNode parse(String body, String path);
  }

  private static final BodyParser JSON_BODY = (body, path) -> {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new SourceException("Salesforce answered " + path + " with something that is not JSON");
    }
  };

  private <T> HttpResponse<T> send(String method, String path, Map<String, String> query, String body, String accept,
      HttpResponse.BodyHandler<T> handler) {
    Duration backoff = config.initialBackoff();
    String lastProblem = null;
    boolean refreshed = false;
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      checkBudget();
      if (accessToken == null) {
        authenticate();
      }
      HttpResponse<T> response;
      try {
        limiter.acquire();
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path, query)).timeout(Duration.ofMinutes(10))
            .header("Authorization", "Bearer " + accessToken).header("Accept", accept);
        if (body != null) {
          request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
          request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        requests.incrementAndGet();
        response = http.send(request.build(), handler);
      } catch (IOException e) {
        lastProblem = "cannot reach " + instance + ": " + e.getMessage();
        backoff = pause(backoff);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException("interrupted while calling Salesforce");
      }
      response.headers().firstValue("Sforce-Limit-Info").ifPresent(this::recordUsage);
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return response;
      }
      String[] error = errorOf(text(response.body()));
      if (status == 401 && !refreshed) {
        refreshed = true; // the session expired: a new token, then the same call again
        accessToken = null;
        attempt--;
        continue;
      }
      boolean retryable = status >= 500 || error[0].equals("REQUEST_LIMIT_EXCEEDED") || error[0].equals("QUERY_TIMEOUT")
          || error[0].equals("SERVER_UNAVAILABLE");
      lastProblem = status + " " + error[0] + ": " + error[1];
      if (!retryable) {
        throw new ApiError("Salesforce refused " + method + " " + path + ": " + Secrets.redact(lastProblem), status, error[0], status == 401);
      }
      backoff = pause(backoff);
    }
    throw new SourceException("Salesforce kept failing " + method + " " + path + " after " + config.maxAttempts() + " attempts: "
        + Secrets.redact(lastProblem));
  }

  /** An error answer's body as text, whether it was read as text or is still a stream. */
  private static String text(Object body) {
    if (body instanceof InputStream stream) {
      try (stream) {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }
    return String.valueOf(body);
  }

  private URI url(String path, Map<String, String> query) {
    StringJoiner params = new StringJoiner("&");
    query.forEach((k, v) -> params.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    String base = instance.toString().replaceAll("/$", "");
    return URI.create(base + path + (params.length() == 0 ? "" : (path.contains("?") ? "&" : "?") + params));
  }

  private void recordUsage(String header) {
    Matcher matcher = USAGE.matcher(header);
    if (matcher.find()) {
      used.set(Long.parseLong(matcher.group(1)));
      limit.set(Long.parseLong(matcher.group(2)));
    }
  }

  /** Stops before the org's daily use passes the share the sync may take, so other integrations keep theirs. */
  private void checkBudget() {
    long max = limit.get();
    if (max > 0 && used.get() >= (long) Math.floor(max * config.budgetShare())) {
      throw new SourceException("the org has used " + used.get() + " of its " + max + " daily API requests, the "
          + Math.round(config.budgetShare() * 100) + "% share this sync may use; rerun when the 24-hour window frees requests");
    }
  }

  private Duration pause(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while calling Salesforce");
    }
    return backoff.multipliedBy(2);
  }

  /** {@code [errorCode, message]} of Salesforce's error array, or of the OAuth error object. */
  private static String[] errorOf(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode first = node.isArray() && node.size() > 0 ? node.get(0) : node;
      String code = first.path("errorCode").asText(first.path("error").asText("UNKNOWN"));
      String message = first.path("message").asText(first.path("error_description").asText(""));
      return new String[] {code, message.replace('\n', ' ').trim()};
    } catch (IOException e) {
      return new String[] {"UNKNOWN", body.length() > 200 ? body.substring(0, 200) : body};
    }
  }

  // ---- OAuth 2.0

  private synchronized void authenticate() {
    if (accessToken != null) {
      return;
    }
    SalesforceConfig.Flow flow = config.flow();
    StringJoiner form = new StringJoiner("&");
    form.add("grant_type=" + encode(flow.grant()));
    if (flow.grant().endsWith("jwt-bearer")) {
      form.add("assertion=" + jwt(flow));
    } else {
      form.add("client_id=" + encode(flow.clientId())).add("client_secret=" + encode(flow.secret()));
      if (flow.refreshToken() != null) {
        form.add("refresh_token=" + encode(flow.refreshToken()));
      }
    }
    URI tokenUrl = config.loginUrl().resolve("services/oauth2/token");
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofMinutes(1))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SourceException("cannot reach Salesforce's token endpoint " + tokenUrl + ": " + e.getMessage(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while logging in to Salesforce");
    }
    if (response.statusCode() != 200) {
      String[] error = errorOf(response.body());
      throw new SourceException("Salesforce refused the " + flow.grant().replaceAll(".*:", "") + " login: " + error[0]
          + (error[1].isEmpty() ? "" : " (" + error[1] + ")"), true, null);
    }
    JsonNode token = JSON_BODY.parse(response.body(), "the token endpoint");
    accessToken = token.path("access_token").asText();
    Secrets.register(accessToken);
    instance = URI.create(token.path("instance_url").asText(config.loginUrl().toString()));
  }

  /** A JWT bearer assertion: consumer key as issuer, the user as subject, the login URL as audience, 3 minutes to live. */
  private String jwt(SalesforceConfig.Flow flow) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String audience = config.loginUrl().toString().replaceAll("/$", "");
    long expires = config.clock().instant().getEpochSecond() + 180;
    String claims = JSON.createObjectNode().put("iss", flow.clientId()).put("sub", flow.username()).put("aud", audience)
        .put("exp", expires).toString();
    String unsigned = url.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    try {
      String pem = Files.readString(flow.privateKey());
      if (!pem.contains("BEGIN PRIVATE KEY")) {
        throw new SourceException("the JWT key " + flow.privateKey() + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY);"
            + " convert it with: openssl pkcs8 -topk8 -nocrypt -in server.key", true, null);
      }
      byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key);
      signer.update(unsigned.getBytes(StandardCharsets.US_ASCII));
      return unsigned + "." + url.encodeToString(signer.sign());
    } catch (IOException e) {
      throw new SourceException("cannot read the JWT key " + flow.privateKey() + ": " + e.getMessage(), true, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SourceException("the JWT key " + flow.privateKey() + " is not a usable RSA private key: " + e.getMessage(), true, e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
