package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import org.junit.jupiter.api.Test;

class BenchHubSpotSyncTest {
  @Test
  void printsTheBackfillsShareOfTheRequestLimitObjectsPerSecondAndWebhookLatency() {
    Run run = Cli.run("bench", "sync", "--source", "hubspot", "--contacts", "150", "--webhooks", "20");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("hubspot backfill at the default rate \\(9\\.5 requests/s\\): [1-9][0-9,]* objects of 19 types in [0-9.]+ s"
            + " = [0-9,]+ objects/s; [1-9][0-9,]* requests = [0-9.]+ requests/s = [0-9]+% of the limit of 100 per 10 s"
            + " \\(target >= 90%\\); [0-9]+ answered 429")
        .containsPattern("hubspot webhook to committed row: 20 signed deliveries, median [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms");
  }
}
