package dev.ferry.catalog.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.PgType;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.db.Database;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Length, precision and scale decoded from typmods, checked against what Postgres prints. */
class PgCatalogReaderTypmodTest {
  private static Table table;

  @BeforeAll
  static void read() throws Exception {
    String url = TestPostgres.newDatabase("typmods");
    TestPostgres.execute(
        url,
        """
        CREATE TABLE public.types (
          fixed char(2), bits bit(8), varying_bits varbit(16), plain_char char,
          money_ish numeric(5, -2), whole numeric(7), clock time(2), clock_tz timetz(0),
          stamp timestamp(6), span interval(3), span_days interval day, span_plain interval,
          many_stamps timestamptz(1)[]);
        """);
    try (Connection connection = Database.of(url).connect()) {
      table = new PgCatalogReader().read(connection, List.of("public"), "").table(new QualifiedName("public", "types")).orElseThrow();
    }
  }

  private static PgType type(String column) {
    return table.column(column).orElseThrow().type();
  }

  private static String modifiers(String column) {
    PgType type = type(column);
    return type.sql() + " length=" + type.length() + " precision=" + type.precision() + " scale=" + type.scale();
  }

  @Test
  void decodesCharacterAndBitLengths() {
    assertThat(modifiers("fixed")).isEqualTo("character(2) length=2 precision=null scale=null");
    assertThat(modifiers("plain_char")).isEqualTo("character(1) length=1 precision=null scale=null");
    assertThat(modifiers("bits")).isEqualTo("bit(8) length=8 precision=null scale=null");
    assertThat(modifiers("varying_bits")).isEqualTo("bit varying(16) length=16 precision=null scale=null");
  }

  @Test
  void decodesNumericPrecisionAndScaleIncludingNegativeScales() {
    assertThat(modifiers("money_ish")).isEqualTo("numeric(5,-2) length=null precision=5 scale=-2");
    assertThat(modifiers("whole")).isEqualTo("numeric(7,0) length=null precision=7 scale=0");
  }

  @Test
  void decodesFractionalSecondPrecisionOfTimeTypes() {
    assertThat(modifiers("clock")).isEqualTo("time(2) without time zone length=null precision=2 scale=null");
    assertThat(modifiers("clock_tz")).isEqualTo("time(0) with time zone length=null precision=0 scale=null");
    assertThat(modifiers("stamp")).isEqualTo("timestamp(6) without time zone length=null precision=6 scale=null");
    assertThat(modifiers("span")).isEqualTo("interval(3) length=null precision=3 scale=null");
    assertThat(modifiers("span_days")).isEqualTo("interval day length=null precision=null scale=null");
    assertThat(modifiers("span_plain")).isEqualTo("interval length=null precision=null scale=null");
  }

  @Test
  void givesArrayElementsTheColumnsModifiers() {
    PgType stamps = type("many_stamps");
    assertThat(stamps.sql()).isEqualTo("timestamp(1) with time zone[]");
    assertThat(stamps.element().sql()).isEqualTo("timestamp(1) with time zone");
    assertThat(stamps.element().precision()).isEqualTo(1);
  }
}
