package dev.ferry.testing;

import dev.ferry.db.Database;
import dev.ferry.db.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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
      server = EmbeddedDatabase.startRemovedAfterExit();
    }
    return server;
  }

  /** Creates an empty database named after {@code hint} and returns its URL (postgres://...). */
  public static String newDatabase(String hint) {
    String name = uniqueName(hint);
    onServer("CREATE DATABASE \"" + name + "\"");
    return server().url(name);
  }

  /**
   * Makes a database once with {@code loader} (given its URL) and closes it to connections, so that
   * {@link #copyOf} can clone it: a test JVM loads or syncs a corpus once and every test gets its own copy.
   * Returns the template's name.
   */
  public static String newTemplate(String hint, Consumer<String> loader) {
    String name = uniqueName("template_" + hint);
    onServer("CREATE DATABASE \"" + name + "\"");
    loader.accept(server().url(name));
    // CREATE DATABASE ... TEMPLATE needs the template without sessions; it waits for terminated ones to end.
    onServer("ALTER DATABASE \"" + name + "\" WITH ALLOW_CONNECTIONS false IS_TEMPLATE true");
    onServer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    return name;
  }

  /** A new database named after {@code hint} holding a copy of {@code template} (from {@link #newTemplate}); returns its URL. */
  public static String copyOf(String template, String hint) {
    String name = uniqueName(hint);
    onServer("CREATE DATABASE \"" + name + "\" TEMPLATE \"" + template + "\"");
    return server().url(name);
  }

  private static String uniqueName(String hint) {
    String name = (hint.toLowerCase().replaceAll("[^a-z0-9]+", "_") + "_" + COUNTER.incrementAndGet());
    return name.length() > 60 ? name.substring(name.length() - 60) : name;
  }

  private static void onServer(String sql) {
    try (Connection connection = Database.of(server().url("postgres")).connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database setup failed (" + sql + "): " + e.getMessage(), e);
    }
  }

  /** The first column of {@code sql}'s rows on {@code url}, as text. */
  public static java.util.List<String> column(String url, String sql) {
    java.util.List<String> values = new java.util.ArrayList<>();
    try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement();
        java.sql.ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed (" + sql + "): " + e.getMessage(), e);
    }
    return values;
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
