package dev.ferry.sync.source.stripe;

import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.source.LocalSandbox;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceProvider;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

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

  /** {@code size} objects in all; the sandbox does not limit the rate, so the demo's sync is not held back. */
  @Override
  public Optional<LocalSandbox> startSandbox(long seed, int size) throws IOException {
    StripeSandbox sandbox = new StripeSandbox(SandboxData.generate(seed, size)).start();
    return Optional.of(LocalSandbox.of(sandbox.baseUrl() + " (sandbox account, seed " + seed + ", " + size + " objects)",
        List.of("--api-base", sandbox.baseUrl(), "--api-key", sandbox.apiKey(), "--rate", "1000"), sandbox::close));
  }

  @Override
  public List<String> demoRelationships() {
    return List.of("subscription.customer", "customer.subscriptions", "subscription.latest_invoice",
        "invoice.subscription", "subscription.default_tax_rates");
  }
}
