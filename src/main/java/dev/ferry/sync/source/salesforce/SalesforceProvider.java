package dev.ferry.sync.source.salesforce;

import dev.ferry.errors.FerryException;
import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.sync.source.BudgetShare;
import dev.ferry.sync.source.LocalSandbox;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceProvider;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
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
  static final String BUDGET_SHARE = BudgetShare.SETTING;
  /** Milliseconds an incremental window ends before now. */
  static final String LAG_MS = "lag_ms";
  /** How often formula fields are read again ({@code 6h}, {@code 30m}, {@code 1d}, {@code off}). */
  static final String FORMULA_REREAD = "formula_reread";

  @Override
  public Map<String, String> settingNames() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put(BULK_THRESHOLD, "records (from /limits/recordCount) above which an object is backfilled through Bulk API 2.0,"
        + " not the REST query API (default " + SalesforceConfig.DEFAULT_BULK_THRESHOLD + ")");
    names.put(BUDGET_SHARE, "share of the org's daily API requests the sync may use, above 0 and at most 1 (default "
        + SalesforceConfig.DEFAULT_BUDGET_SHARE + ")");
    names.put(LAG_MS, "milliseconds before now that an incremental window ends, so that commits landing out of stamp order"
        + " are not passed over (default " + SalesforceConfig.DEFAULT_LAG.toMillis() + ")");
    names.put(FORMULA_REREAD, "how often an incremental run reads formula fields again, as their changes leave SystemModstamp alone:"
        + " a number of seconds, minutes, hours or days (90s, 30m, 6h, 1d) or off (default "
        + SalesforceConfig.DEFAULT_FORMULA_REREAD.toHours() + "h)");
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
      config = config.withClock(config.clock(), Duration.ofMillis(parse(LAG_MS, lag).longValue()));
    }
    String reread = settings.options().get(FORMULA_REREAD);
    if (reread != null) {
      Duration interval = interval(reread).orElseThrow(() -> FerryException.usage("--setting " + FORMULA_REREAD + " must be "
          + expected(FORMULA_REREAD) + ", not '" + reread + "'"));
      config = config.withFormulaReread(interval.isZero() ? null : interval);
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
    boolean valid = name.equals(FORMULA_REREAD) ? interval(value).isPresent() : value(name, value).isPresent();
    return valid ? Optional.empty() : Optional.of(expected(name));
  }

  private static String expected(String name) {
    return switch (name) {
      case BULK_THRESHOLD -> "a whole number of records, 0 or more";
      case LAG_MS -> "a whole number of milliseconds, 0 or more";
      case FORMULA_REREAD -> "an interval such as 90s, 30m, 6h or 1d, or off";
      default -> BudgetShare.EXPECTED;
    };
  }

  /** The setting's value when {@code text} is a valid one. */
  private static Optional<Number> value(String name, String text) {
    if (name.equals(BUDGET_SHARE)) {
      return BudgetShare.parse(text).map(share -> share);
    }
    try {
      long value = Long.parseLong(text.strip());
      return value >= 0 ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code 6h} and the like; {@code off} is zero (ferry.yaml's {@code off} arrives as YAML's {@code false}). */
  private static Optional<Duration> interval(String text) {
    String value = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (value.equals("off") || value.equals("false")) {
      return Optional.of(Duration.ZERO);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([1-9][0-9]{0,8})([smhd])").matcher(value);
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    });
  }

  private static Number parse(String name, String text) {
    return value(name, text).orElseThrow(() -> FerryException.usage("--setting " + name + " must be " + expected(name) + ", not '" + text + "'"));
  }
}
