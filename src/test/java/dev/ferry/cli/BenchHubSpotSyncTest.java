package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import org.junit.jupiter.api.Test;

class BenchHubSpotSyncTest {
  @Test
  void printsTheBackfillsShareOfTheRequestLimitObjectsPerSecondAndWebhookLatency() {
    Run run = Cli.run("bench", "sync", "--source", "hubspot", "--contacts", "150", "--webhooks", "20", "--rss-size", "300");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("hubspot backfill at the default rate \\(10\\.0 requests/s\\): [1-9][0-9,]* objects of 19 types in [0-9.]+ s"
            + " = [0-9,]+ objects/s; [1-9][0-9,]* requests = [0-9.]+ requests/s = [0-9]+% of the limit of 100 per 10 s"
            + " \\(target >= 90%\\); busiest rolling 10 s: [0-9]+ requests; 0 answered 429")
        .containsPattern("hubspot webhook to committed row: 20 signed deliveries after 50 not counted, median [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms")
        .containsPattern("hubspot webhook to committed row in bursts of 10: 20 signed deliveries after 50 not counted, median [0-9.]+ ms, p99 [0-9.]+ ms,"
            + " max [0-9.]+ ms \\(target p99 <= 100 ms\\); [0-9.]+ API requests per delivery")
        .containsPattern("hubspot backfill memory: 300 contacts \\(625 objects; 625 rows in Postgres\\) in [0-9.]+ s by a child"
            + " 'ferry sync' JVM \\(-Xmx256m\\): peak RSS [1-9][0-9]* MB");
  }
}
