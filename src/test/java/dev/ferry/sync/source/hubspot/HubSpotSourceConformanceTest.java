package dev.ferry.sync.source.hubspot;

import dev.ferry.sandbox.hubspot.HubSpotAccount;
import dev.ferry.sandbox.hubspot.HubSpotSandbox;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceConformanceTest;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The HubSpot source against the local HubSpot sandbox: the suite the Stripe source passes. */
class HubSpotSourceConformanceTest extends SourceConformanceTest {
  private HubSpotAccount account;
  private HubSpotSandbox sandbox;
  private long mutations;

  @BeforeEach
  void startSandbox() throws Exception {
    account = HubSpotAccount.generate(13, 400);
    sandbox = new HubSpotSandbox(account).tenSecondLimit(0).searchPerSecond(0).start();
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  @Override
  protected Source newSource(double rate, int maxAttempts) {
    return new HubSpotSource(new HubSpotConfig(sandbox.token(), URI.create(sandbox.baseUrl()), rate, rate, maxAttempts,
        Duration.ofMillis(5), HubSpotConfig.DEFAULT_BUDGET_SHARE), null);
  }

  @Override
  protected void change(int n) {
    account.mutate(++mutations, n);
  }

  @Override
  protected void assertDatabaseMatches(String url, String schema) throws SQLException {
    HubSpotComparison.assertMatches(url, schema, account);
  }

  @Override
  protected void degrade(double rate, double errorFraction) {
    sandbox.tenSecondLimit((int) (rate * 10));
    sandbox.errorFraction(errorFraction, 9);
  }

  @Override
  protected void dropConnectionsAfter(int n, int failing) {
    sandbox.dropAfter(n, failing);
  }

  @Override
  protected void heal() {
    sandbox.heal();
    sandbox.tenSecondLimit(0);
  }

  @Override
  protected long refusedRequests() {
    return sandbox.rateLimited();
  }

  @Override
  protected int limitWindowSeconds() {
    return 10;
  }

  @Override
  protected long peakRequestsInLimitWindow() {
    return sandbox.peakRequestsIn(limitWindowSeconds());
  }
}
