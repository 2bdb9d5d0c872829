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
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 at random instants: {@code ferry sync} runs as a child JVM and is destroyed forcibly at
 * random delays, through the backfill and then through incremental runs over fresh mutations; after
 * the last, uninterrupted run the database equals the sandbox object for object.
 */
class KillResumeTest {
  private static final int KILLS = 24;

  @Test
  void killingTheSyncAtRandomPointsOfBackfillAndIncrementalLosesAndDuplicatesNothing() throws Exception {
    SandboxData data = SandboxData.generate(21, 4000);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      String url = TestPostgres.newDatabase("kill_resume");
      Path log = Files.createTempFile("ferry-kill-", ".log");
      SplittableRandom random = new SplittableRandom(5);
      int killed = 0;
      int completed = 0;
      int killedInBackfill = 0;
      int round = 0;
      while (killed < KILLS) {
        if (round++ % 2 == 1) {
          data.mutate(100 + round, 400); // fresh events, so later kills land in incremental runs too
        }
        Process child = startSync(sandbox, url, log);
        CountDownLatch working = new CountDownLatch(1);
        Thread reader = copyOutput(child, log, working);
        working.await(60, TimeUnit.SECONDS); // JVM start-up is not an interesting instant to kill at
        boolean finished = child.waitFor(random.nextInt(4000), TimeUnit.MILLISECONDS);
        if (finished) {
          assertThat(child.exitValue()).as("exit of an uninterrupted run (see %s)", log).isZero();
          completed++;
        } else {
          child.destroyForcibly();
          child.waitFor();
          killed++;
          boolean backfilling = TableManagerTest.query(url, "SELECT to_regclass('ferry.cursors')").get(0) == null
              || !TableManagerTest.query(url, "SELECT count(*) FROM ferry.cursors WHERE stream ~ '^backfill:[a-z_]+$'"
                  + " AND cursor <> 'done'").equals(List.of("0"))
              || TableManagerTest.query(url, "SELECT 1 FROM ferry.cursors WHERE stream ~ '^backfill:'").isEmpty();
          if (backfilling) {
            killedInBackfill++;
          }
        }
        reader.join();
      }
      Process last = startSync(sandbox, url, log);
      Thread lastReader = copyOutput(last, log, new CountDownLatch(1));
      assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
      lastReader.join();
      assertThat(last.exitValue()).as("final run (see %s)", log).isZero();

      assertThat(killed).isGreaterThanOrEqualTo(20);
      assertThat(killedInBackfill).as("kills during the backfill").isPositive();
      assertThat(killed - killedInBackfill).as("kills during incremental runs").isPositive();
      SandboxComparison.assertMatches(url, "stripe", data);
      assertThat(TableManagerTest.query(url, "SELECT count(*) FROM ferry.runs WHERE status = 'running'"))
          .as("runs cut short stay recorded as running")
          .allSatisfy(count -> assertThat(Integer.parseInt(count)).isGreaterThanOrEqualTo(20));
      System.out.println("kill/resume: " + killed + " kills (" + killedInBackfill + " in the backfill), " + completed
          + " runs finished between kills");
    }
  }

  private static Process startSync(StripeSandbox sandbox, String url, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.ferry.Ferry",
        "sync", "stripe", "--database-url", url, "--api-key", sandbox.apiKey(), "--api-base", sandbox.baseUrl(),
        "--rate", "400");
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
