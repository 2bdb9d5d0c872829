package dev.ferry.cli.options;

import dev.ferry.errors.FerryException;
import dev.ferry.config.ProjectConfig;
import dev.ferry.db.Secrets;
import dev.ferry.sync.source.SourceProvider;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * How to reach a source's API: {@code --api-key} or {@code --api-key-file} (else the source's
 * variable, e.g. {@code $STRIPE_API_KEY}, then {@code sync.<source>.api_key} in ./ferry.yaml),
 * {@code --api-base} (else the source's variable, e.g. {@code $STRIPE_API_BASE}) and {@code --rate}, each defaulting to what the source provider says. The key is
 * registered as a secret at once.
 */
public final class SourceOptions {
  @ArgGroup(exclusive = true)
  Key key;

  static final class Key {
    @Option(names = "--api-key", paramLabel = "KEY",
        description = "API key, e.g. Stripe's sk_... (visible in ps: prefer --api-key-file or the variable;"
            + " default: the source's variable such as $STRIPE_API_KEY, then sync.<source>.api_key in ferry.yaml)")
    String value;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "Read the API key from FILE")
    Path file;
  }

  @Option(names = "--api-base", paramLabel = "URL",
      description = "API base URL (default: the source's variable such as $STRIPE_API_BASE, else the source's, e.g. https://api.stripe.com/)")
  URI apiBase;

  @Option(names = "--rate", paramLabel = "REQ/S",
      description = "Requests per second to stay under (default: the source's; 90 for Stripe, which allows 100 live, 25 test)")
  Double rate;

  @Option(names = "--setting", paramLabel = "NAME=VALUE", mapFallbackValue = "",
      description = "A setting of the source itself, repeatable (salesforce: bulk_threshold=RECORDS, budget_share=SHARE,"
          + " lag_ms=MS, formula_reread=INTERVAL, see docs/salesforce.md; hubspot: budget_share=SHARE, see docs/hubspot.md)")
  Map<String, String> sourceSettings = new LinkedHashMap<>();

  public SourceProvider.Settings settings(SourceProvider provider) {
    return settings(provider, List.of(), Duration.ZERO);
  }

  public SourceProvider.Settings settings(SourceProvider provider, List<String> webhookSecrets, Duration tolerance) {
    String given = key == null ? null : key.file != null ? SecretFile.read("--api-key-file", key.file) : key.value;
    // ./ferry.yaml's sync.<source> holds what the options leave out: the key, the rate, the source's own settings
    ProjectConfig.SourceSync file = ProjectConfig.load(Optional.empty()).sync().source(provider.name());
    String apiKey = firstPresent(given, System.getenv(provider.keyVariable()))
        .or(file::apiKey)
        .orElseThrow(() -> FerryException.usage("no " + provider.name() + " key: set " + provider.keyVariable()
            + ", use --api-key-file or --api-key, or add sync." + provider.name() + ".api_key to ferry.yaml"));
    Secrets.register(apiKey);
    double requestRate = rate != null ? rate : file.rate().orElse(provider.defaultRate());
    if (!(requestRate > 0)) {
      throw FerryException.usage("--rate must be positive");
    }
    for (Map.Entry<String, String> setting : sourceSettings.entrySet()) {
      String name = setting.getKey();
      if (!provider.settingNames().containsKey(name)) {
        throw FerryException.usage("unknown --setting '" + name + "' for " + provider.name() + (provider.settingNames().isEmpty()
            ? " (it has no settings of its own)" : " (available: " + String.join(", ", provider.settingNames().keySet()) + ")"));
      }
      provider.settingProblem(name, setting.getValue()).ifPresent(expected -> {
        throw FerryException.usage("--setting " + name + " must be " + expected + ", not '" + setting.getValue() + "'");
      });
    }
    Map<String, String> options = new LinkedHashMap<>(file.settingValues());
    options.putAll(sourceSettings); // the command line wins over the file
    return new SourceProvider.Settings(apiKey, baseUrl(provider), requestRate, webhookSecrets, tolerance, options);
  }

  private URI baseUrl(SourceProvider provider) {
    if (apiBase != null) {
      return apiBase;
    }
    Optional<String> variable = firstPresent(System.getenv(provider.baseUrlVariable()));
    try {
      return variable.map(URI::create).orElseGet(provider::defaultBaseUrl);
    } catch (IllegalArgumentException e) {
      throw FerryException.usage(provider.baseUrlVariable() + " is not a URL: " + variable.get());
    }
  }

  private static Optional<String> firstPresent(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return Optional.of(value.trim());
      }
    }
    return Optional.empty();
  }
}
