package dev.ferry.sync.source.stripe;

import dev.ferry.sandbox.stripe.Faults;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceConformanceTest;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The Stripe source against the local Stripe sandbox. */
class StripeSourceConformanceTest extends SourceConformanceTest {
  private SandboxData data;
  private StripeSandbox sandbox;
  private long mutations;

  @BeforeEach
  void startSandbox() throws Exception {
    data = SandboxData.generate(13, 600);
    sandbox = new StripeSandbox(data).start();
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  @Override
  protected Source newSource(double rate, int maxAttempts) {
    return new StripeSource(new StripeConfig(sandbox.apiKey(), URI.create(sandbox.baseUrl()), rate, maxAttempts, Duration.ofMillis(50)));
  }

  @Override
  protected void change(int n) {
    data.mutate(++mutations, n);
  }

  @Override
  protected void assertDatabaseMatches(String url, String schema) throws SQLException {
    SandboxComparison.assertMatches(url, schema, data);
  }

  @Override
  protected void degrade(double rate, double errorFraction) {
    sandbox.rateLimit(rate, 1).retryHeaders(true, true);
    sandbox.faults().seed(9).errorRate(errorFraction);
  }

  @Override
  protected void dropConnectionsAfter(int n, int failing) {
    Faults.Kind[] script = new Faults.Kind[n + failing];
    Arrays.fill(script, 0, n, Faults.Kind.NONE);
    Arrays.fill(script, n, n + failing, Faults.Kind.DROP_CONNECTION);
    sandbox.faults().script(script);
  }

  @Override
  protected void heal() {
    sandbox.faults().clear();
    sandbox.rateLimit(0);
  }

  @Override
  protected long refusedRequests() {
    return sandbox.stats().rateLimitedResponses() + sandbox.stats().serverErrorResponses();
  }

  @Override
  protected long peakRequestsInLimitWindow() {
    return sandbox.stats().peakRequestsPerSecond();
  }
}
