package dev.ferry.sync.source.stripe;

import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceProvider;
import java.net.URI;
import java.time.Clock;

/** Stripe as a {@link SourceProvider}: {@code ferry sync stripe}, {@code ferry serve stripe}. */
public final class StripeProvider implements SourceProvider {
  @Override
  public String name() {
    return "stripe";
  }

  @Override
  public String keyVariable() {
    return "STRIPE_API_KEY";
  }

  @Override
  public String webhookSecretVariable() {
    return "STRIPE_WEBHOOK_SECRET";
  }

  @Override
  public URI defaultBaseUrl() {
    return StripeConfig.DEFAULT_BASE;
  }

  @Override
  public double defaultRate() {
    return StripeConfig.DEFAULT_RATE;
  }

  @Override
  public Source open(Settings settings) {
    StripeWebhooks webhooks = settings.webhookSecrets().isEmpty() ? null
        : new StripeWebhooks(settings.webhookSecrets(), settings.webhookTolerance(), Clock.systemUTC());
    return new StripeSource(StripeConfig.of(settings.apiKey(), settings.baseUrl(), settings.rate()), webhooks);
  }

  @Override
  public Source offline() {
    return new StripeSource(StripeConfig.of("offline", null, 1));
  }
}
