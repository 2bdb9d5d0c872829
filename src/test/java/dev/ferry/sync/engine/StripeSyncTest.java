package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.cli.FerryCommand;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code ferry sync stripe} end to end: the sandbox over HTTP, real Postgres. */
class StripeSyncTest {
  private StripeSandbox sandbox;

  @AfterEach
  void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private StripeSandbox start(SandboxData data) throws Exception {
    sandbox = new StripeSandbox(data).start();
    return sandbox;
  }

  @Test
  void backfillThenIncrementalReachTheSandboxStateObjectForObject() throws Exception {
    SandboxData data = SandboxData.generate(7, 1500);
    start(data);
    String url = TestPostgres.newDatabase("sync_backfill");

    Run first = sync(url);
    assertThat(first.exit).as(first.err).isZero();
    assertThat(first.out).contains("objects backfilled");
    SandboxComparison.assertMatches(url, "stripe", data);

    data.mutate(11, 400);
    Run second = sync(url);
    assertThat(second.exit).as(second.err).isZero();
    assertThat(second.out).contains("0 objects backfilled");
    SandboxComparison.assertMatches(url, "stripe", data);
  }

  @Test
  void aFieldAddedToTheSandboxBecomesAColumnOnTheNextRunWithNoRowLost() throws Exception {
    SandboxData data = SandboxData.generate(3, 300);
    start(data);
    String url = TestPostgres.newDatabase("sync_new_field");
    assertThat(sync(url, "--objects", "customer").exit).isZero();
    List<String> before = TableManagerTest.query(url, "SELECT id FROM stripe.customer ORDER BY id");

    data.addField(ObjectType.CUSTOMER, "loyalty_tier", id -> new TextNode("tier-" + id.substring(id.length() - 2)));
    // a fresh backfill of the type reads every customer again (a new field produces no event)
    TestPostgres.execute(url, "DELETE FROM ferry.cursors WHERE stream LIKE 'backfill:customer%'");
    Run run = sync(url, "--objects", "customer");
    assertThat(run.exit).as(run.err).isZero();

    assertThat(TableManagerTest.query(url, "SELECT id FROM stripe.customer ORDER BY id")).isEqualTo(before);
    assertThat(TableManagerTest.query(url, "SELECT count(*) FROM stripe.customer WHERE loyalty_tier LIKE 'tier-%'"))
        .containsExactly(String.valueOf(before.size()));
  }

  @Test
  void aCursorOlderThanStripesThirtyDaysOfEventsIsReportedAndTheTypesAreBackfilledAgain() throws Exception {
    SandboxData data = SandboxData.generate(9, 300);
    start(data);
    String url = TestPostgres.newDatabase("sync_expired");
    assertThat(sync(url).exit).isZero();
    data.mutate(12, 30);
    assertThat(sync(url).exit).isZero(); // the cursor now names a real event

    data.advanceClock(Duration.ofDays(31)); // that event falls out of the Events API
    data.mutate(13, 60);
    Run run = sync(url);

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out).contains("is no longer available (Stripe keeps events for 30 days); backfilling");
    assertThat(run.out).doesNotContain(" 0 objects backfilled");
    SandboxComparison.assertMatches(url, "stripe", data);
  }

  @Test
  void aRefusedKeyStopsTheRunWithExitCode4AndTheKeyIsNeverPrinted() throws Exception {
    start(SandboxData.generate(4, 50));
    String url = TestPostgres.newDatabase("sync_bad_key");
    String key = "sk_test_notTheSandboxKey0123456789";
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = FerryCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));

    int exit = commandLine.execute("sync", "stripe", "--database-url", url, "--api-key", key, "--api-base", sandbox.baseUrl());

    assertThat(exit).isEqualTo(4);
    assertThat(err.toString()).startsWith("ferry: sync stopped: Stripe API v1/events failed: HTTP 401").doesNotContain(key);
    assertThat(out.toString()).doesNotContain(key);
    assertThat(TableManagerTest.query(url, "SELECT status FROM ferry.runs")).containsExactly("failed");
  }

  @Test
  void anUnknownObjectTypeIsANotFoundErrorNamingTheKnownTypes() {
    String url = TestPostgres.newDatabase("sync_unknown_type");
    StringWriter err = new StringWriter();
    var commandLine = FerryCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute("tables", "add", "stripe", "widget", "--database-url", url);
    assertThat(exit).isEqualTo(5);
    assertThat(err.toString()).contains("unknown Stripe object type 'widget' (known: account, customer");
  }

  private record Run(int exit, String out, String err) {}

  private Run sync(String url, String... extra) {
    List<String> args = new ArrayList<>(List.of("sync", "stripe", "--database-url", url, "--api-key", sandbox.apiKey(),
        "--api-base", sandbox.baseUrl(), "--rate", "1000"));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = FerryCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }
}
