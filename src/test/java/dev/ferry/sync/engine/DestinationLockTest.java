package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.FerryCommand;
import dev.ferry.sandbox.stripe.RequestGate;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * One writer per destination: while a {@code ferry sync} is held mid-backfill or mid-change-feed by
 * the sandbox (a request left unanswered), a second {@code sync} or a {@code serve} on the same
 * destination refuses with one line and exit code 8 without reading the API, and the first one
 * finishes alone.
 */
class DestinationLockTest {
  private record Run(int exit, String out, String err) {}

  @Test
  void aSecondSyncOrServeOnTheSameDestinationRefusesWhileTheFirstWrites() throws Exception {
    SandboxData data = SandboxData.generate(17, 600);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      String url = TestPostgres.newDatabase("destination_lock");
      String[] sync = {"sync", "stripe", "--database-url", url, "--api-key", sandbox.apiKey(), "--api-base", sandbox.baseUrl()};

      // concurrent backfills: the first is held after its third object-list request
      RequestGate gate = sandbox.holdAfter(3, path -> !path.equals("/v1/events"));
      CompletableFuture<Run> first = CompletableFuture.supplyAsync(() -> ferry(sync));
      assertThat(gate.awaitHeld(120_000)).as("the first backfill reached its third list request").isTrue();
      long requestsBefore = sandbox.stats().requestsReceived();
      Run second = ferry(sync);
      Run serve = ferry("serve", "stripe", "--database-url", url, "--api-key", sandbox.apiKey(),
          "--api-base", sandbox.baseUrl(), "--webhook-secret", "whsec_lock_test", "--host", "127.0.0.1", "--port", "0");
      assertThat(sandbox.stats().requestsReceived()).as("refused runs read nothing from the API").isEqualTo(requestsBefore);
      gate.open();
      assertThat(first.join().exit()).as(first.join().err()).isZero();
      for (Run refused : new Run[] {second, serve}) {
        assertThat(refused.exit()).isEqualTo(8);
        assertThat(refused.err()).startsWith("ferry: another ferry sync or serve is writing to stripe.<type> (database session ")
            .endsWith("; stop it or wait for it to finish, then rerun\n")
            .hasLineCount(1);
      }
      SandboxComparison.assertMatches(url, "stripe", data);

      // concurrent incremental runs: the first is held before its first page of events
      data.mutate(5, 200);
      gate = sandbox.holdAfter(0, path -> path.equals("/v1/events"));
      first = CompletableFuture.supplyAsync(() -> ferry(sync));
      assertThat(gate.awaitHeld(120_000)).isTrue();
      assertThat(ferry(sync).exit()).isEqualTo(8);
      gate.open();
      assertThat(first.join().exit()).as(first.join().err()).isZero();
      SandboxComparison.assertMatches(url, "stripe", data);
      assertThat(TableManagerTest.query(url, "SELECT status FROM ferry.runs WHERE destination = 'stripe.<type>'"))
          .as("refused runs leave no run behind").containsExactly("succeeded", "succeeded");
    }
  }

  private static Run ferry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = FerryCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
