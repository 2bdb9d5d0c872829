package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.db.Database;
import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import dev.ferry.sandbox.RequestGate;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.HangGuard;
import dev.ferry.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One writer per destination: while a {@code ferry sync} is held mid-backfill or mid-change-feed by
 * the sandbox (a request left unanswered), a second {@code sync} or a {@code serve} on the same
 * destination refuses with one line and exit code 8 without reading the API, and the first one
 * finishes alone.
 */
class DestinationLockTest {

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
        assertThat(refused.err()).startsWith("ferry: another ferry sync or serve is writing to schema stripe (database session ")
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
      assertThat(TestPostgres.column(url, "SELECT status FROM ferry.runs WHERE destination = 'stripe.<type>'"))
          .as("refused runs leave no run behind").containsExactly("succeeded", "succeeded");
    }
  }

  /**
   * The lock's own session is terminated while {@code --watch} runs: the next write claims the lock
   * again and goes on. Terminated again, and taken by another process before the next write: that
   * write does not happen, and the watch stops with the busy line.
   */
  @Test
  void aLockLostWithItsSessionIsClaimedAgainOrTheWatchStopsWithTheBusyLine() throws Exception {
    SandboxData data = SandboxData.generate(18, 200);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      String url = TestPostgres.newDatabase("destination_relock");
      ReconnectTest.Events events = new ReconnectTest.Events();
      SyncEngine engine = new SyncEngine(Database.of(url), ReconnectTest.stripe(sandbox), TableLayout.ownSchema("stripe"), events);
      engine.run(SyncEngine.Options.once());
      CompletableFuture<SyncEngine.Summary> watch = CompletableFuture.supplyAsync(
          () -> engine.run(new SyncEngine.Options(List.of(), 2, true, Duration.ofMillis(20), 500)));
      ReconnectTest.awaitTrue(() -> events.count("caught up; watching") == 1);

      assertThat(terminateLockSession(url)).isEqualTo(1);
      data.mutate(31, 30);
      ReconnectTest.awaitTrue(() -> ReconnectTest.customers(url).equals(new TreeSet<>(data.liveIds(ObjectType.CUSTOMER))));
      assertThat(events.count("the destination's lock was lost with its database session; claimed it again")).isEqualTo(1);
      assertThat(watch).isNotDone();

      // the watch is held in its next read of the change feed, so every page it read before is written and
      // the other engine claims the lock before the watch can write again
      RequestGate feed = sandbox.holdAfter(0, path -> path.equals("/v1/events"));
      assertThat(feed.awaitHeld(HangGuard.LIMIT.toMillis())).as("the watch reads the change feed again").isTrue();
      assertThat(terminateLockSession(url)).isEqualTo(1);
      SyncEngine other = new SyncEngine(Database.of(url), ReconnectTest.stripe(sandbox), TableLayout.ownSchema("stripe"), events);
      claimOnceReleased(other);
      TreeSet<String> before = ReconnectTest.customers(url);
      data.mutate(32, 30);
      feed.open();
      assertThatThrownBy(() -> watch.get(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES)).cause().isInstanceOf(FerryException.class)
          .hasMessageStartingWith("another ferry sync or serve is writing to schema stripe (database session ")
          .satisfies(e -> assertThat(((FerryException) e).exitCode()).isEqualTo(ExitCodes.BUSY));
      assertThat(ReconnectTest.customers(url)).as("nothing written without the lock").isEqualTo(before);
      other.releaseDestination();
      engine.run(SyncEngine.Options.once());
      SandboxComparison.assertMatches(url, "stripe", data);
    }
  }

  /**
   * Claims the destination as soon as the terminated session has let its lock go: pg_terminate_backend only
   * signals, and until the backend exits the lock is still granted to it, the refusal naming no holder.
   */
  private static void claimOnceReleased(SyncEngine engine) {
    for (long attempt = 0; ; attempt++) {
      try {
        engine.claimDestination();
        return;
      } catch (FerryException refused) {
        if (refused.getMessage().contains("(database session ") || attempt > HangGuard.LIMIT.toMillis() / 5) {
          throw refused; // another writer holds it, not the session being ended
        }
        Thread.onSpinWait();
      }
    }
  }

  /** Ends the session holding an advisory lock (the destination's), as an administrator's pg_terminate_backend does. */
  private static int terminateLockSession(String url) throws Exception {
    return TestPostgres.column(url, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
        + " AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())").size();
  }

  private static Run ferry(String... args) {
    return Cli.run(args);
  }
}
