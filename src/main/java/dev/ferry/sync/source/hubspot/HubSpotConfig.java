package dev.ferry.sync.source.hubspot;

import dev.ferry.db.Secrets;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach HubSpot: the private-app access token (registered with {@link Secrets}), the API base
 * URL (the sandbox's in tests), the request rate and the search rate to stay under, how hard to retry,
 * and the share of the account's daily requests the sync may use.
 */
public record HubSpotConfig(String token, URI baseUrl, double rate, double searchRate, int maxAttempts, Duration initialBackoff,
    double budgetShare) {
  public static final URI DEFAULT_BASE = URI.create("https://api.hubapi.com/");
  /**
   * Private apps on Free and Starter may send 100 requests per rolling 10 s: the limiter keeps every
   * window at or under it however late answers come, so the default is the limit itself.
   */
  public static final double DEFAULT_RATE = 10;
  /** The search API allows 5 requests a second per token (raised from 4), counted like the rest. */
  public static final double DEFAULT_SEARCH_RATE = 5;
  /** The share of the account's daily requests a sync may use (Salesforce's default too): other integrations keep the rest. */
  public static final double DEFAULT_BUDGET_SHARE = 0.5;

  public HubSpotConfig {
    Secrets.register(token);
    if (baseUrl == null) {
      baseUrl = DEFAULT_BASE;
    }
    if (!baseUrl.toString().endsWith("/")) {
      baseUrl = URI.create(baseUrl + "/");
    }
  }

  public static HubSpotConfig of(String token, URI baseUrl, double rate) {
    return new HubSpotConfig(token, baseUrl, rate, Math.min(rate, DEFAULT_SEARCH_RATE), 8, Duration.ofMillis(250), DEFAULT_BUDGET_SHARE);
  }

  public HubSpotConfig withBudgetShare(double share) {
    return new HubSpotConfig(token, baseUrl, rate, searchRate, maxAttempts, initialBackoff, share);
  }

  @Override
  public String toString() {
    return "HubSpotConfig[" + baseUrl + ", rate=" + rate + ", budgetShare=" + budgetShare + "]";
  }
}
