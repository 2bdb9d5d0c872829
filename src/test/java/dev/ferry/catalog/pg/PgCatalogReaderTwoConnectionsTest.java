package dev.ferry.catalog.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Index;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.db.Database;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Constraints and indexes read on a second connection: the same catalog, seen in the first connection's snapshot. */
class PgCatalogReaderTwoConnectionsTest {
  private static final String SCHEMA =
      "CREATE SCHEMA app; CREATE TABLE app.parent (id bigint PRIMARY KEY, code text UNIQUE);"
          + " CREATE TABLE app.child (id bigint PRIMARY KEY, parent_id bigint REFERENCES app.parent, note text);"
          + " CREATE INDEX child_parent ON app.child (parent_id) WHERE note IS NOT NULL;";

  @Test
  void readsTheSameCatalogAsOneConnectionAndOpensOneMore() {
    String url = TestPostgres.newDatabase("two_connections");
    TestPostgres.execute(url, SCHEMA);
    AtomicInteger opened = new AtomicInteger();
    Catalog alone;
    Catalog beside;
    try (Connection connection = Database.of(url).connect()) {
      alone = new PgCatalogReader().read(connection, List.of("app"), "");
      beside = new PgCatalogReader().read(connection, () -> {
        opened.incrementAndGet();
        return Database.of(url).connect();
      }, List.of("app"), "");
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    assertThat(opened).hasValue(1);
    assertThat(beside.tables()).isEqualTo(alone.tables());
    assertThat(beside.table(new QualifiedName("app", "child")).orElseThrow().foreignKeys()).hasSize(1);
    assertThat(indexNames(beside.table(new QualifiedName("app", "child")).orElseThrow())).contains("child_parent");
  }

  @Test
  void secondConnectionSeesTheFirstOnesSnapshot() throws Exception {
    String url = TestPostgres.newDatabase("two_connections_snapshot");
    TestPostgres.execute(url, SCHEMA);
    Catalog catalog;
    try (Connection connection = Database.of(url).connect()) {
      // a migration commits between the first connection's snapshot and the second one's queries
      catalog = new PgCatalogReader().read(connection, () -> {
        TestPostgres.execute(url, "CREATE INDEX child_note ON app.child (note); ALTER TABLE app.child ADD CONSTRAINT child_note_key UNIQUE (note)");
        return Database.of(url).connect();
      }, List.of("app"), "");
    }
    Table child = catalog.table(new QualifiedName("app", "child")).orElseThrow();
    assertThat(indexNames(child)).doesNotContain("child_note", "child_note_key");
    assertThat(child.uniqueConstraints()).isEmpty();
    try (Connection connection = Database.of(url).connect()) {
      Table after = new PgCatalogReader().read(connection, List.of("app"), "").table(new QualifiedName("app", "child")).orElseThrow();
      assertThat(indexNames(after)).contains("child_note", "child_note_key");
    }
  }

  @Test
  void readsOnOneConnectionWhenNoSecondCanBeOpened() throws Exception {
    String url = TestPostgres.newDatabase("two_connections_limit");
    String role = "one_connection_" + url.substring(url.lastIndexOf('/') + 1).replaceAll("[^a-z0-9_]", "");
    TestPostgres.execute(url, SCHEMA + " CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 1;");
    String limited = url.replace("://postgres@", "://" + role + "@");
    AtomicInteger tried = new AtomicInteger();
    Catalog catalog;
    try (Connection connection = Database.of(limited).connect()) {
      catalog = new PgCatalogReader().read(connection, () -> {
        tried.incrementAndGet();
        return Database.of(limited).connect();
      }, List.of("app"), "");
    }
    Catalog alone;
    try (Connection connection = Database.of(url).connect()) {
      alone = new PgCatalogReader().read(connection, List.of("app"), "");
    }
    assertThat(tried).hasValue(1);
    assertThat(catalog.tables()).isEqualTo(alone.tables());
    assertThat(indexNames(catalog.table(new QualifiedName("app", "child")).orElseThrow())).contains("child_parent");
  }

  private static List<String> indexNames(Table table) {
    return table.indexes().stream().map(Index::name).toList();
  }
}
