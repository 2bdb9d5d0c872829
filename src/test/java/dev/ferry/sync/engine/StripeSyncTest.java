package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.TestPostgres;
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
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("objects backfilled");
    SandboxComparison.assertMatches(url, "stripe", data);

    data.mutate(11, 400);
    Run second = sync(url);
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).contains("0 objects backfilled");
    SandboxComparison.assertMatches(url, "stripe", data);
  }

  @Test
  void theSummaryNamesTheDestinationCountsRowsLikeCountStarAndOnlyRealChanges() throws Exception {
    SandboxData data = SandboxData.generate(5, 400);
    start(data);
    String url = TestPostgres.newDatabase("sync_summary");

    Run first = sync(url);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("synced stripe into schema stripe: ").doesNotContain("<type>");
    assertRowsMatchCountStar(url, first.out());
    // one line per type when output is not a terminal, each ending with its final count
    assertThat(first.out()).containsPattern("backfill customer: done, [1-9]\\d* objects");

    Run unchanged = sync(url);
    assertThat(unchanged.exit()).as(unchanged.err()).isZero();
    assertThat(unchanged.out()).contains("0 objects backfilled, 0 changes applied").doesNotContain("changes: applied");
    assertRowsMatchCountStar(url, unchanged.out());

    data.mutate(21, 30);
    Run changed = sync(url);
    assertThat(changed.exit()).as(changed.err()).isZero();
    long applied = Long.parseLong(changed.out().replaceAll("(?s).* (\\d+) changes applied.*", "$1"));
    assertThat(applied).isPositive();
    assertRowsMatchCountStar(url, changed.out());
  }

  /** The summary's {@code rows:} line: every table's figure and the total equal count(*) of the tables. */
  private static void assertRowsMatchCountStar(String url, String out) throws Exception {
    String line = out.lines().filter(l -> l.startsWith("rows: ")).findFirst().orElseThrow();
    long total = 0;
    java.util.regex.Matcher table = java.util.regex.Pattern.compile("(\\w+) (\\d+)(,| \\()").matcher(line.substring("rows: ".length()));
    int tables = 0;
    while (table.find()) {
      assertThat(TableManagerTest.query(url, "SELECT count(*) FROM stripe." + table.group(1))).as(table.group(1))
          .containsExactly(table.group(2));
      total += Long.parseLong(table.group(2));
      tables++;
    }
    assertThat(tables).isGreaterThan(20);
    assertThat(line).endsWith("(" + total + " in " + tables + " tables)");
    String all = String.join(" UNION ALL ", TableManagerTest.query(url,
        "SELECT 'SELECT count(*) FROM stripe.' || table_name FROM information_schema.tables WHERE table_schema = 'stripe'"));
    assertThat(TableManagerTest.query(url, "SELECT sum(count) FROM (" + all + ") c")).containsExactly(String.valueOf(total));
  }

  @Test
  void aFieldAddedToTheSandboxBecomesAColumnOnTheNextRunWithNoRowLost() throws Exception {
    SandboxData data = SandboxData.generate(3, 300);
    start(data);
    String url = TestPostgres.newDatabase("sync_new_field");
    assertThat(sync(url, "--objects", "customer").exit()).isZero();
    List<String> before = TableManagerTest.query(url, "SELECT id FROM stripe.customer ORDER BY id");

    data.addField(ObjectType.CUSTOMER, "loyalty_tier", id -> new TextNode("tier-" + id.substring(id.length() - 2)));
    // a fresh backfill of the type reads every customer again (a new field produces no event)
    TestPostgres.execute(url, "DELETE FROM ferry.cursors WHERE stream LIKE 'backfill:customer%'");
    Run run = sync(url, "--objects", "customer");
    assertThat(run.exit()).as(run.err()).isZero();

    assertThat(TableManagerTest.query(url, "SELECT id FROM stripe.customer ORDER BY id")).isEqualTo(before);
    assertThat(TableManagerTest.query(url, "SELECT count(*) FROM stripe.customer WHERE loyalty_tier LIKE 'tier-%'"))
        .containsExactly(String.valueOf(before.size()));
  }

  @Test
  void aCursorOlderThanStripesThirtyDaysOfEventsIsReportedAndTheTypesAreBackfilledAgain() throws Exception {
    SandboxData data = SandboxData.generate(9, 300);
    start(data);
    String url = TestPostgres.newDatabase("sync_expired");
    assertThat(sync(url).exit()).isZero();
    data.mutate(12, 30);
    assertThat(sync(url).exit()).isZero(); // the cursor now names a real event

    data.advanceClock(Duration.ofDays(31)); // that event falls out of the Events API
    data.mutate(13, 60);
    Run run = sync(url);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("is no longer available (Stripe keeps events for 30 days); backfilling");
    assertThat(run.out()).doesNotContain(" 0 objects backfilled");
    SandboxComparison.assertMatches(url, "stripe", data);
  }

  @Test
  void aRefusedKeyStopsTheRunWithExitCode4AndTheKeyIsNeverPrinted() throws Exception {
    start(SandboxData.generate(4, 50));
    String url = TestPostgres.newDatabase("sync_bad_key");
    String key = "sk_test_notTheSandboxKey0123456789";
    Run run = Cli.run("sync", "stripe", "--database-url", url, "--api-key", key, "--api-base", sandbox.baseUrl());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).startsWith("ferry: sync stopped: Stripe API v1/events failed: HTTP 401").doesNotContain(key);
    assertThat(run.out()).doesNotContain(key);
    assertThat(TableManagerTest.query(url, "SELECT status FROM ferry.runs")).containsExactly("failed");
  }

  @Test
  void anUnknownObjectTypeIsANotFoundErrorNamingTheKnownTypes() {
    String url = TestPostgres.newDatabase("sync_unknown_type");
    Run run = Cli.run("tables", "add", "stripe", "widget", "--database-url", url);
    assertThat(run.exit()).isEqualTo(5);
    assertThat(run.err()).contains("unknown Stripe object type 'widget' (known: account, customer");
  }

  private Run sync(String url, String... extra) {
    List<String> args = new ArrayList<>(List.of("sync", "stripe", "--database-url", url, "--api-key", sandbox.apiKey(),
        "--api-base", sandbox.baseUrl(), "--rate", "1000"));
    args.addAll(List.of(extra));
    return Cli.run(args);
  }
}
