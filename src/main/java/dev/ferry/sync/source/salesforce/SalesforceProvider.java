package dev.ferry.sync.source.salesforce;

import dev.ferry.errors.FerryException;
import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.sync.source.LocalSandbox;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceProvider;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Salesforce as a {@link SourceProvider}: {@code ferry sync salesforce}. */
public final class SalesforceProvider implements SourceProvider {
  @Override
  public String name() {
    return "salesforce";
  }

  /** {@code CONSUMER_KEY:CONSUMER_SECRET}, {@code refresh:...} or {@code jwt:...} ({@link SalesforceConfig}). */
  @Override
  public String keyVariable() {
    return "SALESFORCE_CREDENTIALS";
  }

  @Override
  public String webhookSecretVariable() {
    return "SALESFORCE_WEBHOOK_SECRET";
  }

  @Override
  public URI defaultBaseUrl() {
    return SalesforceConfig.DEFAULT_LOGIN;
  }

  @Override
  public double defaultRate() {
    return SalesforceConfig.DEFAULT_RATE;
  }

  /** Records above which an object is read through Bulk API 2.0. */
  static final String BULK_THRESHOLD = "bulk_threshold";
  /** Share of the org's daily API requests a sync may use. */
  static final String BUDGET_SHARE = "budget_share";
  /** Milliseconds an incremental window ends before now. */
  static final String LAG_MS = "lag_ms";

  @Override
  public Map<String, String> settingNames() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put(BULK_THRESHOLD, "records (from /limits/recordCount) above which an object is backfilled through Bulk API 2.0,"
        + " not the REST query API (default " + SalesforceConfig.DEFAULT_BULK_THRESHOLD + ")");
    names.put(BUDGET_SHARE, "share of the org's daily API requests the sync may use, above 0 and at most 1 (default "
        + SalesforceConfig.DEFAULT_BUDGET_SHARE + ")");
    names.put(LAG_MS, "milliseconds before now that an incremental window ends, so that commits landing out of stamp order"
        + " are not passed over (default " + SalesforceConfig.DEFAULT_LAG.toMillis() + ")");
    return names;
  }

  @Override
  public Source open(Settings settings) {
    SalesforceConfig config = SalesforceConfig.of(settings.apiKey(), settings.baseUrl(), settings.rate());
    String threshold = settings.options().get(BULK_THRESHOLD);
    if (threshold != null) {
      config = config.withBulkThreshold(parse(BULK_THRESHOLD, threshold).longValue());
    }
    String share = settings.options().get(BUDGET_SHARE);
    if (share != null) {
      config = config.withBudgetShare(parse(BUDGET_SHARE, share).doubleValue());
    }
    String lag = settings.options().get(LAG_MS);
    if (lag != null) {
      config = config.withClock(config.clock(), java.time.Duration.ofMillis(parse(LAG_MS, lag).longValue()));
    }
    try {
      config.flow();
    } catch (IllegalArgumentException e) {
      throw new dev.ferry.sync.source.SourceException(e.getMessage(), true, null);
    }
    return new SalesforceSource(config, List.of());
  }

  @Override
  public Source offline() {
    return SalesforceSource.offline();
  }

  /** About {@code size} records: an account brings a dozen (contacts, opportunities, cases, activities...). */
  @Override
  public Optional<LocalSandbox> startSandbox(long seed, int size) throws IOException {
    SalesforceSandbox sandbox = SalesforceSandbox.generated(seed, Math.max(1, size / 12)).start();
    return Optional.of(LocalSandbox.of(sandbox.baseUrl() + " (sandbox org, seed " + seed + ", "
            + sandbox.org().total() + " records)",
        List.of("--api-base", sandbox.baseUrl(), "--api-key", SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET,
            "--rate", "1000"), sandbox::close));
  }

  @Override
  public List<String> demoRelationships() {
    return List.of("opportunity.account", "account.opportunities", "contact.account", "account.owner", "task.who");
  }

  @Override
  public Optional<String> settingProblem(String name, String value) {
    return value(name, value).isPresent() ? Optional.empty() : Optional.of(expected(name));
  }

  private static String expected(String name) {
    return switch (name) {
      case BULK_THRESHOLD -> "a whole number of records, 0 or more";
      case LAG_MS -> "a whole number of milliseconds, 0 or more";
      default -> "a share above 0 and at most 1, such as 0.5";
    };
  }

  /** The setting's value when {@code text} is a valid one. */
  private static Optional<Number> value(String name, String text) {
    try {
      boolean share = name.equals(BUDGET_SHARE);
      Number value = share ? (Number) Double.parseDouble(text.strip()) : (Number) Long.parseLong(text.strip());
      boolean valid = share ? value.doubleValue() > 0 && value.doubleValue() <= 1 : value.longValue() >= 0;
      return valid ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Number parse(String name, String text) {
    return value(name, text).orElseThrow(() -> FerryException.usage("--setting " + name + " must be " + expected(name) + ", not '" + text + "'"));
  }
}
