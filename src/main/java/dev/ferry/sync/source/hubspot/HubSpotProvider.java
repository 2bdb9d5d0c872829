package dev.ferry.sync.source.hubspot;

import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceProvider;
import java.net.URI;
import java.time.Clock;

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
    return new HubSpotSource(HubSpotConfig.of(settings.apiKey(), settings.baseUrl(), settings.rate()), signature);
  }

  @Override
  public Source offline() {
    return new HubSpotSource(null, null);
  }
}
