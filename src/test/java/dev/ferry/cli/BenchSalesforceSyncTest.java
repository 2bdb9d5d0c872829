package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import org.junit.jupiter.api.Test;

class BenchSalesforceSyncTest {
  @Test
  void printsRestAndBulkObjectsPerSecondTheRequestBudgetChangeLatencyAndBulkMemory() {
    Run run = Cli.run("bench", "sync", "--source", "salesforce", "--accounts", "40", "--changes", "3", "--rss-size", "600");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("salesforce backfill through the REST query API: [1-9][0-9,]* records of 18 objects in [0-9.]+ s = [0-9,]+ objects/s;"
            + " [1-9][0-9,]* API requests \\([0-9.]+% of the org's 1,000,000 daily requests; the sync stops at 50%\\)")
        .containsPattern("salesforce backfill through the Bulk API 2.0: [1-9][0-9,]* records of 18 objects in [0-9.]+ s = [0-9,]+ objects/s;")
        .containsPattern("salesforce change to row through polling \\(250 ms interval, window ends 500 ms before now\\): 3 changes,"
            + " median [0-9]+ ms, p95 [0-9]+ ms, max [0-9]+ ms")
        .containsPattern("salesforce Bulk API 2.0 backfill memory: [1-9][0-9,]* records in [0-9.]+ s = [0-9,]+ records/s by a child"
            + " 'ferry sync' JVM \\(-Xmx256m\\): [0-9.]+ s CPU; peak RSS [1-9][0-9]* MB; RSS at 1/4, 1/2, 3/4, end:"
            + " [0-9]+ / [0-9]+ / [0-9]+ / [0-9]+ MB");
  }
}
