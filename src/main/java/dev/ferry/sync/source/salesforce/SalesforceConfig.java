package dev.ferry.sync.source.salesforce;

import dev.ferry.db.Secrets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How to reach a Salesforce org and how hard to use it.
 *
 * <p>{@code credentials} is one string (the {@code --api-key} or {@code $SALESFORCE_CREDENTIALS}) in
 * one of three forms, one per OAuth 2.0 flow: {@code CONSUMER_KEY:CONSUMER_SECRET} (client
 * credentials), {@code refresh:CONSUMER_KEY:CONSUMER_SECRET:REFRESH_TOKEN} (refresh token), or
 * {@code jwt:CONSUMER_KEY:USERNAME:PRIVATE_KEY_FILE} (JWT bearer, RS256). Every part is registered as a
 * secret. {@code loginUrl} is the token endpoint's host ({@code https://login.salesforce.com}, a My
 * Domain, {@code https://test.salesforce.com}); the instance URL comes from the token response.
 *
 * @param bulkThreshold objects with more records than this ({@code /limits/recordCount}) are backfilled
 *     through Bulk API 2.0, the others through the REST query API
 * @param budgetShare the share of the org's daily API requests a sync may use; past it the sync stops
 *     with its cursors kept
 * @param lag how far behind now an incremental window ends, for commits that land out of stamp order
 * @param formulaReread how often an incremental run reads the formula fields of every record again
 *     (their changes leave {@code SystemModstamp} alone); null for never
 * @param clock the clock "now" is read from (the org's clock in tests)
 */
public record SalesforceConfig(
    String credentials,
    URI loginUrl,
    double rate,
    long bulkThreshold,
    double budgetShare,
    Duration lag,
    Duration formulaReread,
    int maxAttempts,
    Duration initialBackoff,
    Clock clock) {
  public static final URI DEFAULT_LOGIN = URI.create("https://login.salesforce.com/");
  /** Requests per second; Salesforce limits by the day and by concurrent long requests, not by the second. */
  public static final double DEFAULT_RATE = 25;
  public static final long DEFAULT_BULK_THRESHOLD = 50_000;
  public static final double DEFAULT_BUDGET_SHARE = 0.5;
  /** Windows end this far before now: SystemModstamp has whole seconds, so a change shows within about a second. */
  public static final Duration DEFAULT_LAG = Duration.ofMillis(500);
  /**
   * Formula fields are read again once a day: a stale formula is silently wrong data, and a re-read
   * costs one request per 2,000 records of the objects that have formula fields.
   */
  public static final Duration DEFAULT_FORMULA_REREAD = Duration.ofHours(24);

  public SalesforceConfig {
    Secrets.register(credentials);
    for (String part : credentials.split(":")) {
      Secrets.register(part);
    }
    if (loginUrl == null) {
      loginUrl = DEFAULT_LOGIN;
    }
    if (!loginUrl.toString().endsWith("/")) {
      loginUrl = URI.create(loginUrl + "/");
    }
  }

  public static SalesforceConfig of(String credentials, URI loginUrl, double rate) {
    return new SalesforceConfig(credentials, loginUrl, rate, DEFAULT_BULK_THRESHOLD, DEFAULT_BUDGET_SHARE, DEFAULT_LAG, DEFAULT_FORMULA_REREAD, 6,
        Duration.ofMillis(250), Clock.systemUTC());
  }

  public SalesforceConfig withBulkThreshold(long threshold) {
    return new SalesforceConfig(credentials, loginUrl, rate, threshold, budgetShare, lag, formulaReread, maxAttempts, initialBackoff, clock);
  }

  public SalesforceConfig withBudgetShare(double share) {
    return new SalesforceConfig(credentials, loginUrl, rate, bulkThreshold, share, lag, formulaReread, maxAttempts, initialBackoff, clock);
  }

  public SalesforceConfig withClock(Clock newClock, Duration newLag) {
    return new SalesforceConfig(credentials, loginUrl, rate, bulkThreshold, budgetShare, newLag, formulaReread, maxAttempts, initialBackoff,
        newClock);
  }

  /** Formula fields read again every {@code interval}; null never. */
  public SalesforceConfig withFormulaReread(Duration interval) {
    return new SalesforceConfig(credentials, loginUrl, rate, bulkThreshold, budgetShare, lag, interval, maxAttempts, initialBackoff, clock);
  }

  public SalesforceConfig withRetries(int attempts, Duration backoff) {
    return new SalesforceConfig(credentials, loginUrl, rate, bulkThreshold, budgetShare, lag, formulaReread, attempts, backoff, clock);
  }

  /** The OAuth 2.0 flow the credentials name, with its parts. */
  record Flow(String grant, String clientId, String secret, String refreshToken, String username, Path privateKey) {}

  Flow flow() {
    String[] parts = credentials.split(":", -1);
    if (parts[0].equals("refresh") && parts.length == 4) {
      return new Flow("refresh_token", parts[1], parts[2], parts[3], null, null);
    }
    if (parts[0].equals("jwt") && parts.length >= 4) {
      String file = credentials.substring(("jwt:" + parts[1] + ":" + parts[2] + ":").length());
      return new Flow("urn:ietf:params:oauth:grant-type:jwt-bearer", parts[1], null, null, parts[2], Path.of(file));
    }
    if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
      return new Flow("client_credentials", parts[0], parts[1], null, null, null);
    }
    throw new IllegalArgumentException("Salesforce credentials must be CONSUMER_KEY:CONSUMER_SECRET,"
        + " refresh:CONSUMER_KEY:CONSUMER_SECRET:REFRESH_TOKEN or jwt:CONSUMER_KEY:USERNAME:PRIVATE_KEY_FILE");
  }

  @Override
  public String toString() {
    return "SalesforceConfig[" + loginUrl + ", rate=" + rate + "]";
  }
}
