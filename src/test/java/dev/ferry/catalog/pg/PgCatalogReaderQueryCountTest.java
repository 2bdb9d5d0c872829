package dev.ferry.catalog.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.Catalog;
import dev.ferry.db.Database;
import dev.ferry.testing.TestPostgres;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The reader sends the same number of statements whether a schema has 3 tables or 60. */
class PgCatalogReaderQueryCountTest {

  @Test
  void readsThreeTablesAndSixtyTablesInTheSameNumberOfQueries() throws Exception {
    String small = TestPostgres.newDatabase("query_count_small");
    String large = TestPostgres.newDatabase("query_count_large");
    TestPostgres.execute(small, schemaWithTables(3));
    TestPostgres.execute(large, schemaWithTables(60));

    Counted smallRead = readCounting(small);
    Counted largeRead = readCounting(large);

    assertThat(smallRead.catalog().tables()).hasSize(3);
    assertThat(largeRead.catalog().tables()).hasSize(60);
    assertThat(largeRead.catalog().tables().get(59).foreignKeys()).hasSize(1);
    assertThat(smallRead.statements()).isBetween(1, 9);
    assertThat(largeRead.statements()).isEqualTo(smallRead.statements());
  }

  /** Tables with every feature the reader looks at, so each query has rows to return. */
  private static String schemaWithTables(int count) {
    StringBuilder sql =
        new StringBuilder(
            "CREATE SCHEMA app; CREATE TYPE app.status AS ENUM ('a', 'b'); CREATE DOMAIN app.code AS varchar(9);");
    for (int i = 0; i < count; i++) {
      sql.append(
          String.format(
              "CREATE TABLE app.t%03d (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, status app.status,"
                  + " code app.code UNIQUE, codes varchar(4)[], amount numeric(10,2) DEFAULT 0%s);"
                  + " CREATE INDEX t%03d_status ON app.t%03d (status) WHERE status IS NOT NULL;"
                  + " COMMENT ON TABLE app.t%03d IS 'table %d';",
              i, i == 0 ? "" : ", prev_id bigint REFERENCES app.t" + String.format("%03d", i - 1), i, i, i, i));
    }
    return sql.toString();
  }

  private record Counted(Catalog catalog, int statements) {}

  private static Counted readCounting(String url) throws Exception {
    AtomicInteger executed = new AtomicInteger();
    try (Connection real = Database.of(url).connect()) {
      Connection counting = countingProxy(real, Connection.class, executed);
      Catalog catalog = new PgCatalogReader().read(counting, List.of("app"), "");
      return new Counted(catalog, executed.get());
    }
  }

  /** Wraps a JDBC object so that statements it creates count every execute* call. */
  private static <T> T countingProxy(T target, Class<T> type, AtomicInteger executed) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute")) {
            executed.incrementAndGet();
          }
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (result instanceof PreparedStatement prepared) {
            return countingProxy(prepared, PreparedStatement.class, executed);
          }
          if (result instanceof Statement statement) {
            return countingProxy(statement, Statement.class, executed);
          }
          return result;
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
