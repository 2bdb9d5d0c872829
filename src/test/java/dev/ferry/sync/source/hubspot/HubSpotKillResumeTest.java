package dev.ferry.sync.source.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sandbox.RequestGate;
import dev.ferry.sandbox.hubspot.HubSpotAccount;
import dev.ferry.sandbox.hubspot.HubSpotSandbox;
import dev.ferry.testing.ChildSync;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 of a whole {@code ferry sync hubspot} process at chosen requests: first during the backfill
 * (after a random number of list and association reads), then during incremental runs over fresh
 * changes (at the first or second search request). Kill points are request counts held by the
 * sandbox's gate, never delays. After the last, uninterrupted run the database equals the account
 * record for record and link for link.
 */
class HubSpotKillResumeTest {
  private static final Predicate<String> SEARCH = path -> path.endsWith("/search");
  /** Object list pages and batch association reads: the backfill's own requests, not the discovery of properties. */
  private static final Predicate<String> BACKFILL = path -> path.matches("/crm/v3/objects/[^/]+") || path.startsWith("/crm/v4/associations/");

  @Test
  void killingTheSyncProcessAtChosenRequestsLosesAndDuplicatesNothing() throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(31, 1500);
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).searchPerSecond(0).start()) {
      String url = TestPostgres.newDatabase("hubspot_kill");
      Path log = Files.createTempFile("ferry-hubspot-kill-", ".log");
      List<String> sync = List.of("sync", "hubspot", "--database-url", url, "--api-base", sandbox.baseUrl(),
          "--api-key", sandbox.token(), "--rate", "1000");
      SplittableRandom random = new SplittableRandom(7);
      int kills = 0;
      for (int run = 0; run < 4; run++) {
        RequestGate gate = sandbox.holdAfter(1 + random.nextInt(8), BACKFILL);
        assertThat(ChildSync.runAndKillAtGate(sync, log, gate)).as("backfill run %d reached its kill point (see %s)", run, log).isTrue();
        kills++;
      }
      for (int round = 0; round < 4; round++) {
        account.mutate(300 + round, 150);
        RequestGate gate = sandbox.holdAfter(random.nextInt(2), SEARCH);
        assertThat(ChildSync.runAndKillAtGate(sync, log, gate)).as("incremental run %d reached its kill point (see %s)", round, log).isTrue();
        kills++;
      }
      assertThat(ChildSync.runAndKillAtGate(sync, log, sandbox.holdAfter(0, path -> false))).as("final run (see %s)", log).isFalse();

      HubSpotComparison.assertMatches(url, "hubspot", account);
      assertThat(kills).isEqualTo(8);
    }
  }
}
