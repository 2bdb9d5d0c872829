package dev.ferry.testing;

import dev.ferry.db.Database;
import dev.ferry.db.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real Postgres for tests: one embedded server per test JVM, and a fresh database per call to
 * {@link #newDatabase}. No mocks: every test that needs a database talks to this server.
 */
public final class TestPostgres {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedDatabase server;

  private TestPostgres() {}

  public static synchronized EmbeddedDatabase server() {
    if (server == null) {
      server = EmbeddedDatabase.start();
    }
    return server;
  }

  /** Creates an empty database named after {@code hint} and returns its URL (postgres://...). */
  public static String newDatabase(String hint) {
    String name = (hint.toLowerCase().replaceAll("[^a-z0-9]+", "_") + "_" + COUNTER.incrementAndGet());
    if (name.length() > 60) {
      name = name.substring(name.length() - 60);
    }
    EmbeddedDatabase pg = server();
    try (Connection connection = Database.of(pg.url("postgres")).connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return pg.url(name);
  }

  /** Runs a SQL script (several statements separated by semicolons) against {@code url}. */
  public static void execute(String url, String sql) {
    try (Connection connection = Database.of(url).connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
    }
  }
}
