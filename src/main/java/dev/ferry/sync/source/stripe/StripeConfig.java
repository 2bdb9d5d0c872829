package dev.ferry.sync.source.stripe;

import dev.ferry.db.Secrets;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach Stripe: the secret key (registered with {@link Secrets} so it is never printed), the
 * API base URL (the sandbox's in tests), the request rate to stay under, and how hard to retry.
 */
public record StripeConfig(String apiKey, URI baseUrl, double rate, int maxAttempts, Duration initialBackoff) {
  public static final URI DEFAULT_BASE = URI.create("https://api.stripe.com/");
  /** Stripe's live-mode limit is 100 operations/s (25 in test mode); stay a little under it. */
  public static final double DEFAULT_RATE = 90;

  public StripeConfig {
    Secrets.register(apiKey);
    if (baseUrl == null) {
      baseUrl = DEFAULT_BASE;
    }
    if (!baseUrl.toString().endsWith("/")) {
      baseUrl = URI.create(baseUrl + "/");
    }
  }

  public static StripeConfig of(String apiKey, URI baseUrl, double rate) {
    return new StripeConfig(apiKey, baseUrl, rate, 8, Duration.ofMillis(250));
  }

  @Override
  public String toString() {
    return "StripeConfig[" + baseUrl + ", rate=" + rate + "]";
  }
}
