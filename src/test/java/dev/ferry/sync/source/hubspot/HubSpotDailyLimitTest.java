package dev.ferry.sync.source.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sandbox.hubspot.HubSpotAccount;
import dev.ferry.sandbox.hubspot.HubSpotSandbox;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HubSpot's daily request limit: a sync stays inside the share of it that it may use (read from
 * HubSpot's X-HubSpot-RateLimit-Daily headers), stops at once on a 429 of the DAILY policy instead of
 * retrying, keeps what it committed, and a rerun after the daily count resets completes the sync.
 */
class HubSpotDailyLimitTest {
  private static final int DAILY = 60;

  @Test
  void aSyncStopsAtItsShareOfTheDailyLimitAndARerunAfterTheResetCompletes() throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(7, 400);
    String url = TestPostgres.newDatabase("hubspot_daily_share");
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).dailyLimit(DAILY, true).start()) {
      Run stopped = sync(sandbox, url, "--setting", "budget_share=0.5");
      assertThat(stopped.exit()).as(stopped.out()).isNotZero();
      assertThat(stopped.err()).contains(" of its " + DAILY + " daily API requests, the 50% share this sync may use;")
          .contains("raise --setting budget_share").hasLineCount(1);
      assertThat(sandbox.rateLimited()).as("never sent past the limit: no 429").isZero();
      assertThat(sandbox.requests()).as("requests stop near the share (answers in flight may add a few)").isLessThan(DAILY);

      sandbox.dailyLimit(0, true);
      Run completed = sync(sandbox, url);
      assertThat(completed.exit()).as(completed.err()).isZero();
      HubSpotComparison.assertMatches(url, "hubspot", account);
    }
  }

  @Test
  void a429OfTheDailyPolicyStopsTheSyncWithoutRetryingAndARerunCompletes() throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(8, 400);
    String url = TestPostgres.newDatabase("hubspot_daily_429");
    // without the daily headers (as on OAuth calls) Ferry cannot see the count coming: HubSpot's 429 tells it
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).dailyLimit(DAILY, false).start()) {
      Run stopped = sync(sandbox, url, "--setting", "budget_share=1");
      assertThat(stopped.exit()).as(stopped.out()).isNotZero();
      assertThat(stopped.err()).contains("the account's daily API requests are used up (429, policy DAILY);")
          .contains("rerun after HubSpot's daily count resets").hasLineCount(1);
      long refusedBeforeStop = sandbox.rateLimited();
      assertThat(refusedBeforeStop).as("no request retried after a DAILY 429, beyond those already in flight").isPositive();
      assertThat(sandbox.requests()).isLessThanOrEqualTo(DAILY + refusedBeforeStop);

      sandbox.resetDailyCount();
      sandbox.dailyLimit(0, false);
      Run completed = sync(sandbox, url);
      assertThat(completed.exit()).as(completed.err()).isZero();
      HubSpotComparison.assertMatches(url, "hubspot", account);
    }
  }

  private static Run sync(HubSpotSandbox sandbox, String url, String... extra) {
    List<String> args = new ArrayList<>(List.of("sync", "hubspot", "--database-url", url, "--api-base", sandbox.baseUrl(),
        "--api-key", sandbox.token(), "--rate", "1000"));
    args.addAll(List.of(extra));
    return Cli.run(args);
  }
}
