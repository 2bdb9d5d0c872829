package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.FerryCommand;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.testing.StripeSandboxes;
import dev.ferry.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database an older Ferry synced: its {@code ferry} state schema is rebuilt as that version wrote
 * it (the layouts below are those of the upgrade steps' history: v1 with cursors and synced types per
 * source and runs without a destination, v2 adding {@code runs.destination}, v3 {@code tombstones}, v4
 * {@code applied_events} and {@code rejected}, with a quarantined object), holding the rows of a real sync. The current Ferry
 * upgrades it in place, keeps every cursor and tombstone, and syncs on from where the old one
 * stopped: no type is backfilled again, except one whose backfill the old Ferry left unfinished.
 */
class StateUpgradeTest {
  @RegisterExtension final StripeSandboxes sandboxes = new StripeSandboxes();
  private StripeSandbox sandbox;

  @ParameterizedTest(name = "from state schema v{0}")
  @ValueSource(ints = {1, 2, 3, 4})
  void anOlderStateSchemaIsUpgradedInPlaceAndTheSyncGoesOnFromItsCursors(int version) throws Exception {
    SandboxData data = SandboxData.generate(41, 250);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("state_v" + version);
    assertThat(sync(url).exit).isZero();
    data.mutate(42, 80);
    assertThat(sync(url).exit).isZero();
    int cursors = count(url, "ferry.cursors");
    int tombstones = count(url, "ferry.tombstones");
    assertThat(tombstones).as("customers deleted by the mutations").isPositive();
    String changes = TestPostgres.column(url, "SELECT cursor FROM ferry.cursors WHERE stream = 'changes'").get(0);

    rebuildAs(url, version);
    assertThat(TestPostgres.column(url, "SELECT version FROM ferry.schema_version")).containsExactly(String.valueOf(version));
    // the old Ferry was killed during a run, in the middle of backfilling coupons again (v1's plans had no start instant)
    TestPostgres.execute(url, "INSERT INTO ferry.runs (source, status) VALUES ('stripe', 'running');"
        + "UPDATE ferry.cursors SET cursor = '{\"all\":\"||\"}' WHERE stream = 'backfill:coupon';"
        + "DELETE FROM ferry.cursors WHERE stream LIKE 'backfill:coupon:%'");
    assertThat(count(url, "ferry.cursors")).as("coupon windows to read again").isLessThan(cursors);

    data.mutate(43, 80);
    Run upgraded = sync(url);

    assertThat(upgraded.exit).as(upgraded.err).isZero();
    assertThat(TestPostgres.column(url, "SELECT version FROM ferry.schema_version"))
        .containsExactly(String.valueOf(TableManager.STATE_SCHEMA_VERSION));
    assertThat(upgraded.out).contains("1 earlier run ended without finishing")
        .containsPattern("\\b" + data.liveIds(ObjectType.COUPON).size() + " objects backfilled");
    assertThat(TestPostgres.column(url, "SELECT DISTINCT destination FROM ferry.cursors")).containsExactly("stripe.<type>");
    assertThat(TestPostgres.column(url, "SELECT DISTINCT destination FROM ferry.synced_types")).containsExactly("stripe.<type>");
    assertThat(count(url, "ferry.cursors")).as("every cursor kept, the coupon windows read again").isEqualTo(cursors);
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM ferry.cursors WHERE cursor <> 'done' AND stream <> 'changes'"))
        .containsExactly("0");
    assertThat(TestPostgres.column(url, "SELECT cursor FROM ferry.cursors WHERE stream = 'changes'").get(0))
        .as("the change feed went on from the old cursor").isNotEqualTo(changes);
    if (version >= 3) {
      assertThat(count(url, "ferry.tombstones")).as("tombstones kept").isGreaterThanOrEqualTo(tombstones);
    }
    if (version >= 4) {
      assertThat(TestPostgres.column(url, "SELECT destination || ' ' || object_id || ': ' || reason FROM ferry.rejected"))
          .containsExactly("stripe.<type> cus_old: quarantined by the old Ferry");
    }
    SandboxComparison.assertMatches(url, "stripe", data);

    Run next = sync(url);
    assertThat(next.exit).as(next.err).isZero();
    assertThat(next.out).contains("0 objects backfilled, 0 changes applied");
  }

  /**
   * Replaces the {@code ferry} schema by the layout of {@code version} holding the same rows, as that
   * Ferry would have left them (per source, without the columns and tables later versions added).
   */
  private static void rebuildAs(String url, int version) {
    StringBuilder sql = new StringBuilder("ALTER SCHEMA ferry RENAME TO ferry_now; CREATE SCHEMA ferry;"
        + "CREATE TABLE ferry.schema_version (version integer NOT NULL);"
        + "INSERT INTO ferry.schema_version VALUES (" + version + ");"
        + "CREATE TABLE ferry.cursors (source text NOT NULL, stream text NOT NULL, cursor text,"
        + " updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (source, stream));"
        + "CREATE TABLE ferry.migrations (id bigserial PRIMARY KEY, source text NOT NULL,"
        + " statement text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());"
        + "CREATE TABLE ferry.runs (id bigserial PRIMARY KEY, source text NOT NULL, started_at timestamptz NOT NULL"
        + " DEFAULT now(), finished_at timestamptz, status text NOT NULL, objects bigint NOT NULL DEFAULT 0, message text);"
        + "CREATE TABLE ferry.synced_types (source text NOT NULL, object_type text NOT NULL, schema_name text NOT NULL,"
        + " table_name text NOT NULL, added_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (source, object_type));"
        + "INSERT INTO ferry.cursors SELECT source, stream, cursor, updated_at FROM ferry_now.cursors;"
        + "INSERT INTO ferry.migrations SELECT id, source, statement, applied_at FROM ferry_now.migrations;"
        + "INSERT INTO ferry.synced_types SELECT source, object_type, schema_name, table_name, added_at FROM ferry_now.synced_types;"
        + "INSERT INTO ferry.runs SELECT id, source, started_at, finished_at, status, objects, message FROM ferry_now.runs;");
    if (version >= 2) {
      sql.append("ALTER TABLE ferry.runs ADD COLUMN destination text;"
          + "UPDATE ferry.runs r SET destination = n.destination FROM ferry_now.runs n WHERE n.id = r.id;");
    }
    if (version >= 3) {
      sql.append("CREATE TABLE ferry.tombstones (table_name text NOT NULL, id text NOT NULL,"
          + " deleted_at timestamptz NOT NULL, PRIMARY KEY (table_name, id));"
          + "INSERT INTO ferry.tombstones SELECT * FROM ferry_now.tombstones;");
    }
    if (version >= 4) {
      sql.append("CREATE TABLE ferry.applied_events (source text NOT NULL, destination text NOT NULL,"
          + " event_id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (source, destination, event_id));"
          + "CREATE INDEX applied_events_applied_at ON ferry.applied_events (applied_at);"
          + "INSERT INTO ferry.applied_events SELECT * FROM ferry_now.applied_events;"
          + "CREATE TABLE ferry.rejected (id bigserial PRIMARY KEY, source text NOT NULL,"
          + " object_type text NOT NULL, object_id text, reason text NOT NULL, payload text,"
          + " rejected_at timestamptz NOT NULL DEFAULT now(), UNIQUE (source, object_type, object_id));"
          + "INSERT INTO ferry.rejected (source, object_type, object_id, reason) VALUES ('stripe', 'customer', 'cus_old',"
          + " 'quarantined by the old Ferry');");
    }
    sql.append("SELECT setval(pg_get_serial_sequence('ferry.runs', 'id'), (SELECT max(id) FROM ferry.runs));"
        + "SELECT setval(pg_get_serial_sequence('ferry.migrations', 'id'), (SELECT max(id) FROM ferry.migrations));"
        + "DROP SCHEMA ferry_now CASCADE");
    TestPostgres.execute(url, sql.toString());
  }

  private static int count(String url, String table) throws Exception {
    return Integer.parseInt(TestPostgres.column(url, "SELECT count(*) FROM " + table).get(0));
  }

  private record Run(int exit, String out, String err) {}

  private Run sync(String url) {
    List<String> args = new ArrayList<>(List.of("sync", "stripe", "--database-url", url, "--api-key", sandbox.apiKey(),
        "--api-base", sandbox.baseUrl(), "--rate", "1000"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = FerryCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }
}
