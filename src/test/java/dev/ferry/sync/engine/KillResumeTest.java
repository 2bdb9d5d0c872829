package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.testing.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 at random instants: {@code ferry sync} runs as a child JVM and is destroyed forcibly at
 * random delays, first through the backfill (held to a slow request rate so that it spans several
 * runs on any machine) and then through incremental runs over fresh mutations; after the last,
 * uninterrupted run the database equals the sandbox object for object.
 */
class KillResumeTest {
  private static final int KILLS = 24;
  private static final int BACKFILL_RATE = 8; // several seconds of requests for this account: several runs
  private static final int INCREMENTAL_RATE = 400;

  @Test
  void killingTheSyncAtRandomPointsOfBackfillAndIncrementalLosesAndDuplicatesNothing() throws Exception {
    SandboxData data = SandboxData.generate(21, 4000);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      String url = TestPostgres.newDatabase("kill_resume");
      Path log = Files.createTempFile("ferry-kill-", ".log");
      SplittableRandom random = new SplittableRandom(5);
      int killedInBackfill = 0;
      int killedInIncremental = 0;
      int backfillRuns = 0;
      // phase 1: kill the backfill until a run completes it (a kill that lands after it counts as incremental)
      while (backfilling(url)) {
        assertThat(backfillRuns++).as("runs needed to finish the backfill (see %s)", log).isLessThan(60);
        if (runAndMaybeKill(sandbox, url, log, BACKFILL_RATE, 300 + random.nextInt(1500))) {
          if (backfilling(url)) {
            killedInBackfill++;
          } else {
            killedInIncremental++;
          }
        }
      }
      // phase 2: fresh mutations between runs, so kills land in incremental runs
      int completed = 0;
      int round = 0;
      while (killedInBackfill + killedInIncremental < KILLS) {
        assertThat(round).as("incremental rounds (see %s)", log).isLessThan(200);
        data.mutate(100 + round++, 400);
        if (runAndMaybeKill(sandbox, url, log, INCREMENTAL_RATE, random.nextInt(1500))) {
          killedInIncremental++;
        } else {
          completed++;
        }
      }
      assertThat(backfilling(url)).as("kills in incremental runs leave the backfill done").isFalse();
      Process last = startSync(sandbox, url, INCREMENTAL_RATE);
      Thread lastReader = copyOutput(last, log, new CountDownLatch(1));
      assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
      lastReader.join();
      assertThat(last.exitValue()).as("final run (see %s)", log).isZero();

      assertThat(killedInBackfill).as("kills during the backfill").isGreaterThanOrEqualTo(3);
      assertThat(killedInIncremental).as("kills during incremental runs").isGreaterThanOrEqualTo(3);
      SandboxComparison.assertMatches(url, "stripe", data);
      assertThat(TableManagerTest.query(url, "SELECT count(*) FROM ferry.runs WHERE status = 'running'"))
          .as("runs cut short stay recorded as running")
          .allSatisfy(count -> assertThat(Integer.parseInt(count)).isGreaterThanOrEqualTo(KILLS - 4));
      System.out.println("kill/resume: " + (killedInBackfill + killedInIncremental) + " kills (" + killedInBackfill
          + " in the backfill over " + backfillRuns + " runs, " + killedInIncremental + " in incremental runs), "
          + completed + " incremental runs finished between kills");
    }
  }

  /**
   * Starts a sync, waits for its first output line (JVM start-up is not an interesting instant to kill
   * at), then {@code delayMillis} more; kills it if it is still running. Returns whether it was killed.
   */
  private static boolean runAndMaybeKill(StripeSandbox sandbox, String url, Path log, int rate, int delayMillis)
      throws Exception {
    Process child = startSync(sandbox, url, rate);
    CountDownLatch working = new CountDownLatch(1);
    Thread reader = copyOutput(child, log, working);
    working.await(60, TimeUnit.SECONDS);
    boolean finished = child.waitFor(delayMillis, TimeUnit.MILLISECONDS);
    if (finished) {
      reader.join();
      assertThat(child.exitValue()).as("exit of an uninterrupted run (see %s)", log).isZero();
      return false;
    }
    child.destroyForcibly();
    child.waitFor();
    reader.join();
    return true;
  }

  /** Whether some object type's backfill is not yet marked done (or not even planned). */
  private static boolean backfilling(String url) throws Exception {
    return TableManagerTest.query(url, "SELECT to_regclass('ferry.cursors')").get(0) == null
        || TableManagerTest.query(url, "SELECT 1 FROM ferry.cursors WHERE stream ~ '^backfill:'").isEmpty()
        || !TableManagerTest.query(url, "SELECT count(*) FROM ferry.cursors WHERE stream ~ '^backfill:[a-z_]+$'"
            + " AND cursor <> 'done'").equals(List.of("0"));
  }

  private static Process startSync(StripeSandbox sandbox, String url, int rate) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.ferry.Ferry",
        "sync", "stripe", "--database-url", url, "--api-key", sandbox.apiKey(), "--api-base", sandbox.baseUrl(),
        "--rate", String.valueOf(rate));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Appends the child's output to {@code log}, counting down {@code working} at its first line (the run has started). */
  private static Thread copyOutput(Process child, Path log, CountDownLatch working) {
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          working.countDown();
          Files.writeString(log, line + System.lineSeparator(), StandardOpenOption.APPEND);
        }
      } catch (IOException e) {
        // the child was killed mid-line
      } finally {
        working.countDown();
      }
    });
    reader.start();
    return reader;
  }

}
