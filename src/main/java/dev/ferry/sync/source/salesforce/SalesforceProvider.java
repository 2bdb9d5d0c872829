package dev.ferry.sync.source.salesforce;

import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.sync.source.LocalSandbox;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceProvider;
import java.io.IOException;
import java.net.URI;
import java.util.List;
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

  @Override
  public Source open(Settings settings) {
    SalesforceConfig config = SalesforceConfig.of(settings.apiKey(), settings.baseUrl(), settings.rate());
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
}
