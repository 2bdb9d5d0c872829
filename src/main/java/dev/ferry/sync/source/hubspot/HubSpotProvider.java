package dev.ferry.sync.source.hubspot;

import dev.ferry.errors.FerryException;
import dev.ferry.sandbox.hubspot.HubSpotAccount;
import dev.ferry.sandbox.hubspot.HubSpotSandbox;
import dev.ferry.sync.source.BudgetShare;
import dev.ferry.sync.source.LocalSandbox;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceProvider;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** HubSpot as a {@link SourceProvider}: {@code ferry sync hubspot}, {@code ferry serve hubspot}. */
public final class HubSpotProvider implements SourceProvider {
  @Override
  public String name() {
    return "hubspot";
  }

  @Override
  public String keyVariable() {
    return "HUBSPOT_ACCESS_TOKEN";
  }

  @Override
  public String webhookSecretVariable() {
    return "HUBSPOT_CLIENT_SECRET";
  }

  @Override
  public URI defaultBaseUrl() {
    return HubSpotConfig.DEFAULT_BASE;
  }

  @Override
  public double defaultRate() {
    return HubSpotConfig.DEFAULT_RATE;
  }

  @Override
  public Source open(Settings settings) {
    HubSpotSignature signature = settings.webhookSecrets().isEmpty() ? null
        : new HubSpotSignature(settings.webhookSecrets(), settings.webhookTolerance(), Clock.systemUTC());
    HubSpotConfig config = HubSpotConfig.of(settings.apiKey(), settings.baseUrl(), settings.rate());
    String share = settings.options().get(BudgetShare.SETTING);
    if (share != null) {
      config = config.withBudgetShare(BudgetShare.parse(share).orElseThrow(() -> FerryException.usage(
          "--setting " + BudgetShare.SETTING + " must be " + BudgetShare.EXPECTED + ", not '" + share + "'")));
    }
    return new HubSpotSource(config, signature);
  }

  @Override
  public Map<String, String> settingNames() {
    return Map.of(BudgetShare.SETTING, "share of the account's daily API requests the sync may use, above 0 and at most 1"
        + " (default " + HubSpotConfig.DEFAULT_BUDGET_SHARE + ")");
  }

  @Override
  public Optional<String> settingProblem(String name, String value) {
    return BudgetShare.parse(value).isPresent() ? Optional.empty() : Optional.of(BudgetShare.EXPECTED);
  }

  @Override
  public Source offline() {
    return new HubSpotSource(null, null);
  }

  /** About {@code size} CRM objects: a third of them contacts, the other types in proportion; no request limit. */
  @Override
  public Optional<LocalSandbox> startSandbox(long seed, int size) throws IOException {
    HubSpotAccount account = HubSpotAccount.generate(seed, Math.max(1, size / 3));
    HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).start();
    return Optional.of(LocalSandbox.of(sandbox.baseUrl() + " (sandbox account, seed " + seed + ", "
            + account.liveCount("contacts") + " contacts)",
        List.of("--api-base", sandbox.baseUrl(), "--api-key", sandbox.token(), "--rate", "1000"), sandbox::close));
  }

  @Override
  public List<String> demoRelationships() {
    return List.of("deal.companies", "company.contacts", "contact.owner", "deal.stage", "deal.pipeline");
  }
}
