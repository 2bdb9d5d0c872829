package dev.ferry.catalog.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.ForeignKey;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.db.Database;
import dev.ferry.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Names come back exactly as Postgres stores them, and user input is bound, never spliced in. */
class PgCatalogReaderIdentifierTest {
  /** 63 bytes, Postgres's limit (NAMEDATALEN - 1): 29 two-byte letters and 5 ASCII ones. */
  private static final String LONGEST = "é".repeat(29) + "_name";

  private static final String SCHEMA_NAME = "My Schema \"quoted\"";
  private static String url;
  private static Catalog catalog;

  @BeforeAll
  static void createSchema() throws Exception {
    assertThat(LONGEST.getBytes(StandardCharsets.UTF_8)).hasSize(63);
    url = TestPostgres.newDatabase("identifiers");
    TestPostgres.execute(
        url,
        """
        CREATE SCHEMA "My Schema ""quoted""\";
        SET search_path = "My Schema ""quoted""\";
        CREATE TABLE "Order" ("Id" int PRIMARY KEY, "select" text, "from" int, "user name" text,
                              "naïve ""col""\" text, "%s" int);
        CREATE TABLE "Ünïcödé Täble" ("ID" int PRIMARY KEY, "Order Id" int REFERENCES "Order" ("Id"));
        CREATE TABLE "%s" ("group" text PRIMARY KEY);
        CREATE TABLE "order" (id int);
        CREATE TABLE "a'b; DROP TABLE x; --" (id int);
        CREATE UNIQUE INDEX "Idx ""weird""\" ON "Order" ("select", "from");
        COMMENT ON COLUMN "Order"."select" IS 'it''s ''quoted''';
        """
            .formatted(LONGEST, LONGEST));
    try (Connection connection = Database.of(url).connect()) {
      catalog = new PgCatalogReader().read(connection, List.of(SCHEMA_NAME), "");
    }
  }

  private static Table table(String name) {
    return catalog.table(new QualifiedName(SCHEMA_NAME, name)).orElseThrow();
  }

  @Test
  void keepsMixedCaseSpacesQuotesAndUnicodeInTableNames() {
    assertThat(catalog.schemas()).containsExactly(SCHEMA_NAME);
    assertThat(catalog.tables())
        .extracting(t -> t.name().name())
        .containsExactlyInAnyOrder("Order", "order", "Ünïcödé Täble", LONGEST, "a'b; DROP TABLE x; --");
  }

  @Test
  void keepsReservedWordsQuotesAndLongNamesInColumns() {
    assertThat(table("Order").columns())
        .extracting(c -> c.name())
        .containsExactly("Id", "select", "from", "user name", "naïve \"col\"", LONGEST);
    assertThat(table(LONGEST).primaryKey().orElseThrow().columns()).containsExactly("group");
    assertThat(table("Order").column("select").orElseThrow().comment()).isEqualTo("it's 'quoted'");
  }

  @Test
  void keepsExactNamesInKeysAndIndexes() {
    ForeignKey reference = table("Ünïcödé Täble").foreignKeys().get(0);
    assertThat(reference.columns()).containsExactly("Order Id");
    assertThat(reference.target()).isEqualTo(new QualifiedName(SCHEMA_NAME, "Order"));
    assertThat(reference.targetColumns()).containsExactly("Id");
    assertThat(table("Order").indexes())
        .filteredOn(i -> i.name().equals("Idx \"weird\""))
        .singleElement()
        .satisfies(i -> assertThat(i.columns()).containsExactly("select", "from"));
  }

  @Test
  void matchesAPrefixWithQuotesAndSemicolonsAsPlainText() throws Exception {
    try (Connection connection = Database.of(url).connect()) {
      Catalog hostile = new PgCatalogReader().read(connection, List.of(SCHEMA_NAME), "a'b; DROP");
      assertThat(hostile.tables()).extracting(t -> t.name().name()).containsExactly("a'b; DROP TABLE x; --");
      Catalog caseSensitive = new PgCatalogReader().read(connection, List.of(SCHEMA_NAME), "O");
      assertThat(caseSensitive.tables()).extracting(t -> t.name().name()).containsExactly("Order");
    }
  }
}
