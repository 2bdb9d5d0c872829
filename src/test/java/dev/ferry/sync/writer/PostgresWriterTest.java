package dev.ferry.sync.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.db.Database;
import dev.ferry.testing.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresWriterTest {
  private static final TableSpec CUSTOMER =
      new TableSpec("stripe", "customer", List.of(
          new ColumnSpec("id", ColumnType.TEXT),
          new ColumnSpec("email", ColumnType.TEXT),
          new ColumnSpec("balance", ColumnType.BIGINT),
          new ColumnSpec("delinquent", ColumnType.BOOLEAN),
          new ColumnSpec("created", ColumnType.TIMESTAMPTZ),
          new ColumnSpec("rate", ColumnType.NUMERIC),
          new ColumnSpec("metadata", ColumnType.JSONB),
          new ColumnSpec("discounts", ColumnType.TEXT_ARRAY)), null);
  private static final TableSpec LINE =
      new TableSpec("stripe", "line", List.of(new ColumnSpec("id", ColumnType.TEXT), new ColumnSpec("invoice_id", ColumnType.TEXT)), "invoice_id");

  private String url;
  private Connection connection;
  private final PostgresWriter writer = new PostgresWriter();

  @BeforeEach
  void createTables() throws SQLException {
    url = TestPostgres.newDatabase("writer");
    TestPostgres.execute(url, "CREATE SCHEMA ferry; " + PostgresWriter.CURSORS_DDL + "; " + PostgresWriter.TOMBSTONES_DDL + ";"
        + "CREATE SCHEMA stripe; CREATE TABLE stripe.customer (id text PRIMARY KEY, email text, balance bigint,"
        + " delinquent boolean, created timestamptz, rate numeric, metadata jsonb, discounts text[],"
        + " _ferry_changed_at timestamptz, _ferry_synced_at timestamptz NOT NULL DEFAULT now());"
        + "CREATE TABLE stripe.line (id text PRIMARY KEY, invoice_id text, _ferry_changed_at timestamptz,"
        + " _ferry_synced_at timestamptz NOT NULL DEFAULT now())");
    connection = Database.of(url).connect();
    connection.setAutoCommit(false);
  }

  @Test
  void writesEveryColumnTypeThroughCopyIncludingCharactersCopyMustEscape() throws SQLException {
    TableBatch batch = new TableBatch(CUSTOMER);
    String awkward = "tab\there\nnew line \\ back\\slash \"quoted\" {brace}, comma";
    batch.upsert(new Object[] {"cus_1", awkward, 1234L, true, Instant.ofEpochSecond(1_700_000_000),
        new BigDecimal("12.3456"), "{\"plan\": \"gold\", \"note\": \"a\\tb\"}", List.of("di_1", "di \"2\", {x}")}, 0);
    batch.upsert(new Object[] {"cus_2", null, null, null, null, null, null, null}, 0);
    writer.write(connection, new WriteBatch("stripe", "stripe.<type>", List.of(batch), Map.of()));

    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT email, balance, delinquent, extract(epoch from created)::bigint, rate, metadata->>'plan',"
                + " metadata->>'note', discounts FROM stripe.customer WHERE id = 'cus_1'")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo(awkward);
      assertThat(row.getLong(2)).isEqualTo(1234L);
      assertThat(row.getBoolean(3)).isTrue();
      assertThat(row.getLong(4)).isEqualTo(1_700_000_000L);
      assertThat(row.getBigDecimal(5)).isEqualByComparingTo("12.3456");
      assertThat(row.getString(6)).isEqualTo("gold");
      assertThat(row.getString(7)).isEqualTo("a\tb");
      assertThat((String[]) row.getArray(8).getArray()).containsExactly("di_1", "di \"2\", {x}");
    }
    assertThat(count("SELECT count(*) FROM stripe.customer WHERE id = 'cus_2' AND email IS NULL")).isEqualTo(1);
  }

  @Test
  void dedupesABatchByIdSoTheLastChangeWinsAndSavesTheCursorWithTheRows() throws SQLException {
    TableBatch batch = new TableBatch(CUSTOMER);
    batch.upsert(customer("cus_1", "first@example.com"), 0);
    batch.upsert(customer("cus_2", "gone@example.com"), 0);
    batch.upsert(customer("cus_1", "second@example.com"), 0);
    batch.delete("cus_2", 0);
    writer.write(connection, new WriteBatch("stripe", "stripe.<type>", List.of(batch), Map.of("changes", "evt|evt_9|100")));

    assertThat(count("SELECT count(*) FROM stripe.customer")).isEqualTo(1);
    assertThat(string("SELECT email FROM stripe.customer WHERE id = 'cus_1'")).isEqualTo("second@example.com");
    assertThat(string("SELECT cursor FROM ferry.cursors WHERE source = 'stripe' AND stream = 'changes'"))
        .isEqualTo("evt|evt_9|100");
  }

  @Test
  void aBatchOfNewRowsAndRowsTheTableHoldsUpsertsBothAfterTheStraightCopyMeetsTheConflict() throws SQLException {
    write(customer("cus_2", "old@example.com"), 0);
    TableBatch batch = new TableBatch(CUSTOMER);
    batch.upsert(customer("cus_1", "new@example.com"), 0);
    batch.upsert(customer("cus_2", "updated@example.com"), 0); // conflicts midway through the straight COPY
    batch.upsert(customer("cus_3", "also-new@example.com"), 0);
    new PostgresWriter().write(connection, new WriteBatch("stripe", "stripe.<type>", List.of(batch), Map.of("backfill:customer:w0", "p2")));

    assertThat(strings("SELECT id || ' ' || email FROM stripe.customer ORDER BY id"))
        .containsExactly("cus_1 new@example.com", "cus_2 updated@example.com", "cus_3 also-new@example.com");
    assertThat(string("SELECT cursor FROM ferry.cursors WHERE stream = 'backfill:customer:w0'")).isEqualTo("p2");
  }

  @Test
  void aFailedBatchLeavesNeitherRowsNorCursorBehind() throws SQLException {
    TableBatch good = new TableBatch(CUSTOMER);
    good.upsert(customer("cus_1", "a@example.com"), 0);
    TableBatch broken = new TableBatch(new TableSpec("stripe", "missing_table", List.of(new ColumnSpec("id", ColumnType.TEXT)), null));
    broken.upsert(new Object[] {"x_1"}, 0);

    assertThatThrownBy(() -> writer.write(connection, new WriteBatch("stripe", "stripe.<type>", List.of(good, broken), Map.of("changes", "c1"))))
        .isInstanceOf(SQLException.class);
    assertThat(count("SELECT count(*) FROM stripe.customer")).isZero();
    assertThat(count("SELECT count(*) FROM ferry.cursors")).isZero();
  }

  @Test
  void neverReplacesARowWithAnOlderChangeButSnapshotsAlwaysApply() throws SQLException {
    write(customer("cus_1", "newer@example.com"), 200);
    write(customer("cus_1", "older@example.com"), 100);
    assertThat(string("SELECT email FROM stripe.customer")).isEqualTo("newer@example.com");
    write(customer("cus_1", "same-second@example.com"), 200);
    assertThat(string("SELECT email FROM stripe.customer")).isEqualTo("same-second@example.com");
    write(customer("cus_1", "snapshot@example.com"), 0);
    assertThat(string("SELECT email FROM stripe.customer")).isEqualTo("snapshot@example.com");
  }

  @Test
  void aParentsChildSetReplacesItsPreviousChildrenOnly() throws SQLException {
    TableBatch first = new TableBatch(LINE);
    first.replaceChildren("stripe.invoice", "in_1", List.of(new Object[] {"il_1", "in_1"}, new Object[] {"il_2", "in_1"}), 0);
    first.replaceChildren("stripe.invoice", "in_2", List.<Object[]>of(new Object[] {"il_3", "in_2"}), 0);
    writer.write(connection, new WriteBatch("stripe", "stripe.<type>", List.of(first), Map.of()));

    TableBatch second = new TableBatch(LINE);
    second.replaceChildren("stripe.invoice", "in_1", List.<Object[]>of(new Object[] {"il_2", "in_1"}), 0);
    writer.write(connection, new WriteBatch("stripe", "stripe.<type>", List.of(second), Map.of()));

    assertThat(strings("SELECT id FROM stripe.line ORDER BY id")).containsExactly("il_2", "il_3");
  }

  @Test
  void aSweepRemovesRowsNotWrittenSinceTheGivenInstantTogetherWithTheCursor() throws SQLException {
    write(customer("cus_gone", "gone@example.com"), 0);
    java.time.OffsetDateTime started;
    try (Statement statement = connection.createStatement(); ResultSet now = statement.executeQuery("SELECT clock_timestamp()")) {
      now.next();
      started = now.getObject(1, java.time.OffsetDateTime.class);
    }
    connection.commit();
    write(customer("cus_kept", "kept@example.com"), 0);

    writer.write(connection, new WriteBatch("stripe", "stripe.<type>", List.of(), Map.of("backfill:customer", "done"),
        List.of(new WriteBatch.Sweep(CUSTOMER, started)), List.of()));

    assertThat(strings("SELECT id FROM stripe.customer")).containsExactly("cus_kept");
    assertThat(string("SELECT cursor FROM ferry.cursors WHERE stream = 'backfill:customer'")).isEqualTo("done");
  }

  private void write(Object[] row, long changedAt) throws SQLException {
    TableBatch batch = new TableBatch(CUSTOMER);
    batch.upsert(row, changedAt);
    writer.write(connection, new WriteBatch("stripe", "stripe.<type>", List.of(batch), Map.of()));
  }

  @Test
  void aPatchSetsItsColumnsOnRowsHeldAndNothingElse() throws SQLException {
    TableBatch first = new TableBatch(CUSTOMER);
    first.upsert(customer("cus_1", "one@example.com"), 1_700_000_000L);
    first.upsert(customer("cus_2", "two@example.com"), 0);
    first.upsert(customer("cus_3", "three@example.com"), 0);
    writer.write(connection, new WriteBatch("stripe", "stripe.<type>", List.of(first), Map.of()));

    java.util.BitSet rate = new java.util.BitSet();
    rate.set(CUSTOMER.columnIndex("rate"));
    TableBatch patches = new TableBatch(CUSTOMER);
    patches.patch(new Object[] {"cus_1", "ignored", 9L, true, null, new BigDecimal("1.25"), null, null}, rate);
    patches.patch(new Object[] {"cus_9", null, null, null, null, new BigDecimal("7"), null, null}, rate); // no such row
    patches.upsert(customer("cus_2", "two again"), 0);
    patches.patch(new Object[] {"cus_2", null, null, null, null, new BigDecimal("2.5"), null, null}, rate); // after its upsert
    patches.patch(new Object[] {"cus_3", null, null, null, null, new BigDecimal("3"), null, null}, rate);
    patches.delete("cus_3", 0); // after its patch
    int changed = writer.write(connection, new WriteBatch("stripe", "stripe.<type>", List.of(patches), Map.of("changes", "c2")));

    assertThat(strings("SELECT id || ' ' || email || ' ' || balance || ' ' || delinquent || ' ' || coalesce(rate::text, '-') || ' '"
        + " || coalesce(extract(epoch from _ferry_changed_at)::bigint::text, '-') FROM stripe.customer ORDER BY id"))
        .containsExactly("cus_1 one@example.com 0 false 1.25 1700000000", "cus_2 two again 0 false 2.5 -");
    assertThat(changed).isEqualTo(3); // the patch of cus_1, the upsert of cus_2, the delete of cus_3
    assertThat(string("SELECT cursor FROM ferry.cursors WHERE stream = 'changes'")).isEqualTo("c2");

    TableBatch same = new TableBatch(CUSTOMER);
    same.patch(new Object[] {"cus_1", null, null, null, null, new BigDecimal("1.25"), null, null}, rate);
    assertThat(writer.write(connection, new WriteBatch("stripe", "stripe.<type>", List.of(same), Map.of()))).isZero();
  }

  private static Object[] customer(String id, String email) {
    return new Object[] {id, email, 0L, false, null, null, "{}", List.of()};
  }

  private long count(String sql) throws SQLException {
    return Long.parseLong(string(sql));
  }

  private String string(String sql) throws SQLException {
    List<String> values = strings(sql);
    return values.isEmpty() ? null : values.get(0);
  }

  private List<String> strings(String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new java.util.ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      connection.commit();
      return values;
    }
  }
}
