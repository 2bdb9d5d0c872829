package dev.ferry.cli.options;

import dev.ferry.cli.FerryException;
import dev.ferry.config.ProjectConfig;
import dev.ferry.sync.source.stripe.StripeConfig;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How to reach Stripe: {@code --api-key} (default {@code $STRIPE_API_KEY}, then {@code sync.stripe.api_key}
 * in ./ferry.yaml), {@code --api-base} and {@code --rate}. The key is registered as a secret at once.
 */
public final class StripeOptions {
  @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:STRIPE_API_KEY}",
      description = "Stripe secret key sk_... (default: $STRIPE_API_KEY, then sync.stripe.api_key in ferry.yaml)")
  String apiKey;

  @Option(names = "--api-base", paramLabel = "URL", defaultValue = "https://api.stripe.com/",
      description = "Stripe API base URL (default: ${DEFAULT-VALUE})")
  URI apiBase;

  @Option(names = "--rate", paramLabel = "REQ/S", defaultValue = "90",
      description = "Requests per second to stay under (default: ${DEFAULT-VALUE}; Stripe allows 100 live, 25 test)")
  double rate;

  public StripeConfig config() {
    String key = apiKey != null && !apiKey.isBlank() ? apiKey.trim()
        : ProjectConfig.load(Optional.empty()).sync().stripe().apiKey().orElseThrow(() -> FerryException.usage(
            "no Stripe key: pass --api-key, set STRIPE_API_KEY, or add sync.stripe.api_key to ferry.yaml"));
    if (!(rate > 0)) {
      throw FerryException.usage("--rate must be positive");
    }
    return StripeConfig.of(key, apiBase, rate);
  }
}
