package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.StripeSandboxes;
import dev.ferry.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ferry sync stripe} end to end: the sandbox over HTTP, real Postgres. */
class StripeSyncTest {
  @RegisterExtension final StripeSandboxes sandboxes = new StripeSandboxes();
  private StripeSandbox sandbox;

  private StripeSandbox start(SandboxData data) throws Exception {
    sandbox = sandboxes.start(data);
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
  void theSummaryNamesTheDestinationAndCountsRowsHeldAndWrittenPerTable() throws Exception {
    SandboxData data = SandboxData.generate(5, 400);
    start(data);
    String url = TestPostgres.newDatabase("sync_summary");

    Run first = sync(url);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("synced stripe into schema stripe: ").doesNotContain("<type>");
    // one line per type when output is not a terminal, each ending with its final count
    assertThat(first.out()).containsPattern("backfill customer: done, [1-9]\\d* objects");
    Map<String, long[]> afterFirst = rowsTable(url, first.out());
    // into empty tables a first run inserts every row it holds, and updates and deletes nothing
    afterFirst.forEach((table, row) -> assertThat(row).as(table).containsExactly(row[0], row[0], 0, 0));
    assertThat(afterFirst.get("customer")[0]).isPositive();

    Run unchanged = sync(url);
    assertThat(unchanged.exit()).as(unchanged.err()).isZero();
    assertThat(unchanged.out()).contains("0 objects backfilled, 0 changes applied").doesNotContain("changes: applied");
    Map<String, long[]> afterNoOp = rowsTable(url, unchanged.out());
    afterNoOp.forEach((table, row) -> assertThat(row).as(table).containsExactly(afterFirst.get(table)[0], 0, 0, 0));
    // tables made at the pinned version hold no column it lacks
    assertThat(unchanged.out()).doesNotContain("deprecated").doesNotContain("retyped");
    assertThat(Cli.run("tables", "list", "stripe", "--database-url", url).expecting(0).out())
        .contains("stripe.customer: ").contains(afterFirst.size() + " tables at API version "
            + dev.ferry.vendor.stripe.StripeApi.VERSION + ", 0 deprecated columns").doesNotContain("(deprecated");

    // known changes: one customer created, two renamed, one (without subscriptions or discount) deleted
    String gone = TestPostgres.column(url, "SELECT min(id) FROM stripe.customer c WHERE discount_id IS NULL"
        + " AND NOT EXISTS (SELECT 1 FROM stripe.subscription s WHERE s.customer_id = c.id)").get(0);
    List<String> renamed = TestPostgres.column(url, "SELECT id FROM stripe.customer WHERE id <> '" + gone + "' ORDER BY id LIMIT 2");
    for (String id : renamed) {
      data.edit(ObjectType.CUSTOMER, id, "customer.updated", customer -> customer.put("name", "Renamed " + id));
    }
    assertThat(stripe("POST", "/v1/customers", "email=new%40example.com")).isEqualTo(200);
    assertThat(stripe("DELETE", "/v1/customers/" + gone, null)).isEqualTo(200);
    Run changed = sync(url);
    assertThat(changed.exit()).as(changed.err()).isZero();
    assertThat(changed.out()).contains("0 objects backfilled, 4 changes applied");
    Map<String, long[]> afterKnown = rowsTable(url, changed.out());
    afterKnown.forEach((table, row) -> assertThat(row).as(table).containsExactly(afterFirst.get(table)[0],
        table.equals("customer") ? 1 : 0, table.equals("customer") ? 2 : 0, table.equals("customer") ? 1 : 0));

    // random changes: each table holds what it held, plus what the run inserted, minus what it deleted
    data.mutate(21, 30);
    Run random = sync(url);
    assertThat(random.exit()).as(random.err()).isZero();
    Map<String, long[]> afterRandom = rowsTable(url, random.out());
    long written = 0;
    for (Map.Entry<String, long[]> table : afterRandom.entrySet()) {
      long[] row = table.getValue();
      assertThat(row[0]).as(table.getKey()).isEqualTo(afterKnown.get(table.getKey())[0] + row[1] - row[3]);
      written += row[1] + row[2] + row[3];
    }
    assertThat(written).isPositive();
  }

  /**
   * The summary's table: per table the rows held, inserted, updated, deleted; every "rows" figure and
   * the total equal count(*), and the total line adds up the columns. Returns table → those four figures.
   */
  private static Map<String, long[]> rowsTable(String url, String out) throws Exception {
    List<String> lines = out.lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.matches("table +rows +inserted +updated +deleted")).findFirst().orElseThrow());
    Map<String, long[]> tables = new java.util.LinkedHashMap<>();
    java.util.regex.Pattern row = java.util.regex.Pattern.compile("(\\S+|total \\(\\d+ tables\\)) +(\\d+) +(\\d+) +(\\d+) +(\\d+)");
    long[] sums = new long[4];
    for (String line : lines.subList(header + 1, lines.size())) {
      java.util.regex.Matcher matched = row.matcher(line);
      assertThat(matched.matches()).as(line).isTrue();
      long[] figures = new long[4];
      for (int i = 0; i < 4; i++) {
        figures[i] = Long.parseLong(matched.group(i + 2));
      }
      if (matched.group(1).startsWith("total")) {
        assertThat(matched.group(1)).isEqualTo("total (" + tables.size() + " tables)");
        assertThat(figures).containsExactly(sums);
        break;
      }
      assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe." + matched.group(1))).as(matched.group(1))
          .containsExactly(String.valueOf(figures[0]));
      for (int i = 0; i < 4; i++) {
        sums[i] += figures[i];
      }
      tables.put(matched.group(1), figures);
    }
    assertThat(tables.size()).isGreaterThan(20);
    String all = String.join(" UNION ALL ", TestPostgres.column(url,
        "SELECT 'SELECT count(*) FROM stripe.' || table_name FROM information_schema.tables WHERE table_schema = 'stripe'"));
    assertThat(TestPostgres.column(url, "SELECT sum(count) FROM (" + all + ") c")).containsExactly(String.valueOf(sums[0]));
    return tables;
  }

  /** A write request to the sandbox's API, as a Stripe client sends it; returns the HTTP status. */
  private int stripe(String method, String path, String form) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl().replaceFirst("/$", "") + path))
        .header("Authorization", "Bearer " + sandbox.apiKey())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .method(method, form == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(form))
        .build();
    return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void aFieldAddedToTheSandboxBecomesAColumnOnTheNextRunWithNoRowLost() throws Exception {
    SandboxData data = SandboxData.generate(3, 300);
    start(data);
    String url = TestPostgres.newDatabase("sync_new_field");
    assertThat(sync(url, "--objects", "customer").exit()).isZero();
    List<String> before = TestPostgres.column(url, "SELECT id FROM stripe.customer ORDER BY id");

    data.addField(ObjectType.CUSTOMER, "loyalty_tier", id -> new TextNode("tier-" + id.substring(id.length() - 2)));
    // a fresh backfill of the type reads every customer again (a new field produces no event)
    TestPostgres.execute(url, "DELETE FROM ferry.cursors WHERE stream LIKE 'backfill:customer%'");
    Run run = sync(url, "--objects", "customer");
    assertThat(run.exit()).as(run.err()).isZero();

    assertThat(TestPostgres.column(url, "SELECT id FROM stripe.customer ORDER BY id")).isEqualTo(before);
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer WHERE loyalty_tier LIKE 'tier-%'"))
        .containsExactly(String.valueOf(before.size()));
    // the pinned version has no such field: the column is marked so, and listed as such
    assertThat(TestPostgres.column(url, "SELECT col_description('stripe.customer'::regclass, attnum) FROM pg_attribute"
        + " WHERE attrelid = 'stripe.customer'::regclass AND attname = 'loyalty_tier'"))
        .containsExactly("ferry:deprecated=not in stripe API version " + dev.ferry.vendor.stripe.StripeApi.VERSION
            + "; kept with the values synced before");
    assertThat(Cli.run("tables", "list", "stripe", "--database-url", url).expecting(0).out())
        .contains("  loyalty_tier (deprecated: not in stripe API version ");
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
    assertThat(TestPostgres.column(url, "SELECT status FROM ferry.runs")).containsExactly("failed");
  }

  @Test
  void anUnknownObjectTypeIsANotFoundErrorNamingTheKnownTypes() {
    String url = TestPostgres.newDatabase("sync_unknown_type");
    Run run = Cli.run("tables", "add", "stripe", "widget", "--database-url", url);
    assertThat(run.exit()).isEqualTo(5);
    assertThat(run.err()).contains("unknown Stripe object type 'widget' (known: account, customer");
  }

  private Run sync(String url, String... extra) {
    return Cli.syncStripe(sandbox, url, extra);
  }
}
