package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import org.junit.jupiter.api.Test;

class BenchSyncCommandTest {
  @Test
  void printsWriterBackfillWebhookAndMemoryFiguresForWhatItRan() {
    Run run = Cli.run("bench", "sync", "--writer-rows", "5000", "--batch", "1000", "--backfill-size", "300",
        "--rate", "500", "--webhooks", "20", "--changes", "10", "--rss-size", "300");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("writer: 5,000 Stripe-shaped customer rows .*, new rows, 1 connection: .* rows/s")
        .containsPattern("writer: 5,000 Stripe-shaped customer rows .*, new rows, 2 connections: .* rows/s")
        .containsPattern("writer: 5,000 Stripe-shaped customer rows .*, the same rows again \\(upserts\\), 2 connections: .* rows/s")
        .containsPattern("writer against raw COPY, 5,000 new rows, 1 connection, medians of 3 alternated rounds: writer [0-9,]+ rows/s,"
            + " raw COPY [0-9,]+ rows/s: [0-9]+ % of raw COPY \\(target >= 80 %\\); load average [0-9.]+\n")
        .containsPattern("backfill: 300-object sandbox account at 500 req/s: [0-9,]+ requests")
        .containsPattern("listed objects +[1-9][0-9,]* = +[0-9,]+ objects/s \\([0-9.]+ per request")
        .containsPattern("all objects +[1-9][0-9,]* = +[0-9,]+ objects/s")
        .containsPattern("webhook to row: 20 signed deliveries, .* p50 [0-9.]+ ms, p99 [0-9.]+ ms")
        .containsPattern("change to row by polling: 10 changes, --watch every 250 ms: p50 [0-9]+ ms, p99 [0-9]+ ms")
        .containsPattern("backfill memory: [0-9,]+ objects \\(300-object sandbox account\\) .* peak RSS [1-9][0-9]* MB");
  }
}
