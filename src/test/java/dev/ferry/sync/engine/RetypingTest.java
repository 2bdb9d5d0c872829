package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sync.writer.ColumnType;
import dev.ferry.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** Each conversion of a retyped column, run by real Postgres: what converts arrives, what does not is NULL, none fails. */
class RetypingTest {
  private static final String URL = TestPostgres.newDatabase("retyping");

  private static int tables;

  /** The value, held in a column of type {@code from} (a real column: Postgres folds a constant's cast before CASE), converted. */
  private static String converted(String value, String from, ColumnType to) throws Exception {
    String table = "held_" + ++tables;
    TestPostgres.execute(URL, "CREATE TABLE " + table + " (k " + from + "); INSERT INTO " + table + " VALUES (" + value + ")");
    return TestPostgres.column(URL, "SELECT (" + Retyping.convert("k", from, to) + ")::text FROM " + table).get(0);
  }

  @Test
  void everyValueThatConvertsArrivesAndTheRestIsNullWithoutFailingTheMigration() throws Exception {
    assertThat(converted("'[\"a\", \"b\"]'", "jsonb", ColumnType.TEXT_ARRAY)).isEqualTo("{a,b}");
    assertThat(converted("'\"x\"'", "jsonb", ColumnType.TEXT_ARRAY)).isEqualTo("{x}");
    assertThat(converted("'{a,b}'", "text", ColumnType.TEXT_ARRAY)).isEqualTo("{a,b}");
    assertThat(converted("'abc'", "text", ColumnType.TEXT_ARRAY)).isEqualTo("{abc}");
    assertThat(converted("'\"hello\"'", "jsonb", ColumnType.TEXT)).isEqualTo("hello");
    assertThat(converted("'{\"a\": 1}'", "jsonb", ColumnType.TEXT)).isEqualTo("{\"a\": 1}");
    assertThat(converted("'{\"a\": 1}'", "text", ColumnType.JSONB)).isEqualTo("{\"a\": 1}");
    assertThat(converted("'plain words'", "text", ColumnType.JSONB)).isEqualTo("\"plain words\"");
    assertThat(converted("42", "bigint", ColumnType.JSONB)).isEqualTo("42");
    assertThat(converted("'2026-01-01 00:00:10+00'", "timestamp with time zone", ColumnType.BIGINT)).isEqualTo("1767225610");
    assertThat(converted("1767225610", "bigint", ColumnType.TIMESTAMPTZ))
        .isEqualTo(TestPostgres.column(URL, "SELECT '2026-01-01 00:00:10+00'::timestamptz::text").get(0));
    assertThat(converted("1000000000000", "bigint", ColumnType.TIMESTAMPTZ)).isNull();
    assertThat(converted("'2026-03-04'", "text", ColumnType.DATE)).isEqualTo("2026-03-04");
    assertThat(converted("'nope'", "text", ColumnType.DATE)).isNull();
    assertThat(converted("'true'", "text", ColumnType.BOOLEAN)).isEqualTo("true");
    assertThat(converted("'12.5'", "numeric", ColumnType.BIGINT)).isNull();
    assertThat(converted("'12'", "jsonb", ColumnType.BIGINT)).isEqualTo("12");
    assertThat(converted("'12.5'", "text", ColumnType.NUMERIC)).isEqualTo("12.5");
  }
}
