package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sandbox.RequestGate;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.testing.ChildSync;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 at chosen points: {@code ferry sync} runs as a child JVM; the sandbox answers a chosen
 * number of its requests and holds the next one unanswered, and the child is destroyed forcibly
 * while it waits (its other backfill slices may be mid-write). First through the backfill (after a
 * random number of list pages), then through incremental runs over fresh mutations (after a random
 * number of event pages). Kill points are request counts, never delays, so the outcome does not
 * depend on the machine's speed. After the last, uninterrupted run the database equals the sandbox
 * object for object.
 */
class KillResumeTest {
  private static final int BACKFILL_RUNS = 6;
  private static final int INCREMENTAL_KILLS = 9;
  private static final Predicate<String> EVENTS = path -> path.equals("/v1/events");

  @Test
  void killingTheSyncAtChosenRequestsOfBackfillAndIncrementalLosesAndDuplicatesNothing() throws Exception {
    SandboxData data = SandboxData.generate(21, 4000);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      String url = TestPostgres.newDatabase("kill_resume");
      Path log = Files.createTempFile("ferry-kill-", ".log");
      SplittableRandom random = new SplittableRandom(5);
      int kills = 0;
      int killedInBackfill = 0;
      // phase 1: runs answer 1 to 15 object-list requests, then are killed waiting for the next (the
      // account's backfill takes far more requests than these runs are allowed together)
      for (int run = 0; run < BACKFILL_RUNS; run++) {
        RequestGate gate = sandbox.holdAfter(1 + random.nextInt(15), EVENTS.negate());
        if (runAndKillAtGate(sandbox, url, log, gate)) {
          kills++;
          killedInBackfill += backfilling(url) ? 1 : 0;
        }
      }
      // phase 2: fresh mutations, then a run killed waiting for event page 1 or 2 (its first run finishes
      // the backfill; events are read only by the change feed, after it); every third round also runs to the end
      int killedInIncremental = 0;
      int completed = 0;
      for (int round = 0; round < INCREMENTAL_KILLS; round++) {
        data.mutate(100 + round, 400);
        RequestGate gate = sandbox.holdAfter(random.nextInt(2), EVENTS);
        assertThat(runAndKillAtGate(sandbox, url, log, gate)).as("incremental run %d reached its kill point (see %s)", round, log)
            .isTrue();
        assertThat(backfilling(url)).as("a kill in the change feed leaves the backfill done").isFalse();
        killedInIncremental++;
        kills++;
        if (round % 3 == 2) {
          assertThat(runAndKillAtGate(sandbox, url, log, sandbox.holdAfter(0, path -> false))).isFalse();
          completed++;
        }
      }
      assertThat(runAndKillAtGate(sandbox, url, log, sandbox.holdAfter(0, path -> false)))
          .as("final run (see %s)", log).isFalse();

      assertThat(killedInBackfill).as("kills during the backfill").isEqualTo(BACKFILL_RUNS);
      SandboxComparison.assertMatches(url, "stripe", data);
      assertThat(TestPostgres.column(url, "SELECT status || '|' || count(*) FROM ferry.runs GROUP BY status ORDER BY status"))
          .as("every run cut short is marked abandoned by the next run")
          .containsExactly("abandoned|" + kills, "succeeded|" + (completed + 1));
      System.out.println("kill/resume: " + kills + " kills (" + killedInBackfill + " in the backfill over " + BACKFILL_RUNS
          + " runs, " + killedInIncremental + " in incremental runs), " + completed
          + " incremental runs finished between kills; " + sandbox.stats().requestsServed() + " requests served");
    }
  }

  private static boolean runAndKillAtGate(StripeSandbox sandbox, String url, Path log, RequestGate gate) throws Exception {
    return ChildSync.runAndKillAtGate(List.of("sync", "stripe", "--database-url", url, "--api-key", sandbox.apiKey(),
        "--api-base", sandbox.baseUrl()), log, gate);
  }

  /** Whether some object type's backfill is not yet marked done (or not even planned). */
  private static boolean backfilling(String url) throws Exception {
    return TestPostgres.column(url, "SELECT to_regclass('ferry.cursors')").get(0) == null
        || TestPostgres.column(url, "SELECT 1 FROM ferry.cursors WHERE stream ~ '^backfill:'").isEmpty()
        || !TestPostgres.column(url, "SELECT count(*) FROM ferry.cursors WHERE stream ~ '^backfill:[a-z_]+$'"
            + " AND cursor <> 'done'").equals(List.of("0"));
  }
}
