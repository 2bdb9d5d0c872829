package dev.ferry.sync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sandbox.RequestGate;
import dev.ferry.sandbox.salesforce.SalesforceOrg;
import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.testing.ChildSync;
import dev.ferry.testing.TestPostgres;
import dev.ferry.vendor.salesforce.SObject;
import dev.ferry.vendor.salesforce.SalesforceNames;
import dev.ferry.vendor.salesforce.SalesforceObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 of a whole {@code ferry sync salesforce} process at chosen requests: during the REST
 * backfill (after a random number of query pages), then during incremental runs over fresh updates
 * (at the first or second {@code queryAll}). Kill points are request counts held by the sandbox's
 * gate, never delays. The org stamps changes a second behind the wall clock, and each round of
 * changes is made at least a second after the last kill, so its stamps fall after the feed's start
 * (taken by an earlier run, half a second behind its clock) and inside the window of every later run.
 * After the last, uninterrupted run every table holds exactly the org's records, each once, with the
 * updated values.
 */
class SalesforceKillResumeTest {
  private static final Predicate<String> INCREMENTAL = path -> path.contains("/queryAll");
  private static final Predicate<String> BACKFILL = path -> path.contains("/query") && !INCREMENTAL.test(path);

  @Test
  void killingTheSyncProcessAtChosenRequestsLosesAndDuplicatesNothing() throws Exception {
    try (SalesforceSandbox sandbox = SalesforceSandbox.generated(12, 60).batchSize(50).start()) {
      SalesforceOrg org = sandbox.org();
      org.clock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-1)));
      String url = TestPostgres.newDatabase("salesforce_kill");
      Path log = Files.createTempFile("ferry-salesforce-kill-", ".log");
      List<String> sync = List.of("sync", "salesforce", "--database-url", url, "--api-base", sandbox.baseUrl(),
          "--api-key", SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET, "--rate", "1000");
      SplittableRandom random = new SplittableRandom(9);
      int kills = 0;
      for (int run = 0; run < 3; run++) {
        RequestGate gate = sandbox.holdAfter(1 + random.nextInt(6), BACKFILL);
        assertThat(ChildSync.runAndKillAtGate(sync, log, gate)).as("backfill run %d reached its kill point (see %s)", run, log).isTrue();
        kills++;
      }
      List<String> contacts = org.read("Contact", rows -> rows.stream().map(r -> r.get("Id").toString()).sorted().toList());
      for (int round = 0; round < 3; round++) {
        awaitClockPast(Instant.now().plusMillis(1100));
        for (int i = round; i < contacts.size(); i += 3) {
          org.update("Contact", contacts.get(i), Map.of("Title", "round " + round));
        }
        RequestGate gate = sandbox.holdAfter(random.nextInt(2), INCREMENTAL);
        assertThat(ChildSync.runAndKillAtGate(sync, log, gate)).as("incremental run %d reached its kill point (see %s)", round, log).isTrue();
        kills++;
      }
      assertThat(ChildSync.runAndKillAtGate(sync, log, sandbox.holdAfter(0, path -> false))).as("final run (see %s)", log).isFalse();

      for (SObject object : SalesforceObjects.all()) {
        String table = "salesforce.\"" + SalesforceNames.table(object.name()) + "\"";
        assertThat(TestPostgres.column(url, "SELECT count(*) || '/' || count(DISTINCT id) FROM " + table)).as(object.name())
            .containsExactly(org.count(object.name()) + "/" + org.count(object.name()));
      }
      Map<String, String> titles = new TreeMap<>();
      org.read("Contact", rows -> {
        rows.forEach(r -> titles.put(r.get("Id").toString(), String.valueOf(r.get("Title"))));
        return null;
      });
      List<String> synced = TestPostgres.column(url, "SELECT id || '=' || coalesce(title, 'null') FROM salesforce.contact ORDER BY id");
      assertThat(synced).containsExactlyElementsOf(titles.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
      assertThat(kills).isEqualTo(6);
    }
  }

  /** Not a fault trigger: only orders the stamps after the last kill, whatever the machine's speed. */
  private static void awaitClockPast(Instant instant) throws InterruptedException {
    while (Instant.now().isBefore(instant)) {
      Thread.sleep(50);
    }
  }
}
