package dev.ferry.sync.source;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A SaaS API Ferry can sync, found by name through {@link ServiceLoader}: adding one is a package
 * with its {@link Source}, a provider and a line in
 * {@code META-INF/services/dev.ferry.sync.source.SourceProvider}; the commands, the engine and the
 * writer stay as they are.
 */
public interface SourceProvider {
  /** The name on the command line and under {@code sync:} in ferry.yaml ({@code stripe}). */
  String name();

  /** The environment variable holding the API key ({@code STRIPE_API_KEY}). */
  String keyVariable();

  /** The environment variable holding webhook signing secrets, comma-separated ({@code STRIPE_WEBHOOK_SECRET}). */
  String webhookSecretVariable();

  URI defaultBaseUrl();

  /** The environment variable that overrides {@link #defaultBaseUrl()} ({@code STRIPE_API_BASE}), e.g. for a local sandbox. */
  default String baseUrlVariable() {
    return name().toUpperCase(java.util.Locale.ROOT) + "_API_BASE";
  }

  /** Requests per second to stay under unless told otherwise. */
  double defaultRate();

  /** A source that reads the API as {@code settings} say. */
  Source open(Settings settings);

  /** A source that only describes its object types, without any API access (for {@code ferry tables}). */
  Source offline();

  /**
   * Starts this source's local sandbox holding a generated account of about {@code size} objects
   * (the same seed gives the same account), for {@code ferry demo}; empty when the source has none.
   */
  default Optional<LocalSandbox> startSandbox(long seed, int size) throws IOException {
    return Optional.empty();
  }

  /**
   * The relationships {@code ferry demo} shows first, as {@code table.relationship} in the synced schema
   * ({@code subscription.customer}): the ones a user of this source asks for first.
   */
  default List<String> demoRelationships() {
    return List.of();
  }

  /**
   * The source's own settings ({@code --setting NAME=VALUE}) and what each means, for help and
   * messages; empty when it has none.
   */
  default Map<String, String> settingNames() {
    return Map.of();
  }

  /**
   * What setting {@code name} takes, in the user's words ("a share above 0 and at most 1, such as
   * 0.5"), when {@code value} is not that; empty when it is. Checked before {@link #open}, for
   * {@code --setting} and ferry.yaml alike.
   */
  default Optional<String> settingProblem(String name, String value) {
    return Optional.empty();
  }

  /**
   * How to reach the API; webhook secrets only where deliveries are received ({@code ferry serve});
   * {@code options}: the source's own settings, named as {@link #settingNames()} says.
   */
  record Settings(String apiKey, URI baseUrl, double rate, List<String> webhookSecrets, Duration webhookTolerance,
      Map<String, String> options) {
    public Settings {
      webhookSecrets = List.copyOf(webhookSecrets);
      options = Map.copyOf(options);
    }

    public Settings(String apiKey, URI baseUrl, double rate, List<String> webhookSecrets, Duration webhookTolerance) {
      this(apiKey, baseUrl, rate, webhookSecrets, webhookTolerance, Map.of());
    }

    @Override
    public String toString() {
      return "Settings[" + baseUrl + ", rate=" + rate + ", " + options + "]"; // never the key or the secrets
    }
  }

  /** Every provider on the class path, by name. */
  static List<SourceProvider> all() {
    return ServiceLoader.load(SourceProvider.class).stream().map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(SourceProvider::name)).toList();
  }

  static Optional<SourceProvider> named(String name) {
    return all().stream().filter(provider -> provider.name().equals(name)).findFirst();
  }

  /** The names of every provider, for messages ("available: stripe"). */
  static List<String> names() {
    return all().stream().map(SourceProvider::name).toList();
  }
}
