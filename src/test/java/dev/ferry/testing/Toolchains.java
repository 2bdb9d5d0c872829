package dev.ferry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The real toolchains the compatibility checks run (Prisma, Ruby/ActiveRecord, Elixir...). Each
 * lives in {@code compat/<name>/} with an idempotent {@code install.sh} that installs it from the
 * package registries; {@link #ensure} runs it once per test JVM, so {@code mvn verify} works on a
 * fresh machine and a missing toolchain fails loudly instead of skipping.
 */
public final class Toolchains {
  private static final Map<String, Path> READY = new HashMap<>();

  private Toolchains() {}

  /** Installs (if needed) and returns {@code compat/<name>}; fails the test when installing fails. */
  public static synchronized Path ensure(String name) {
    return READY.computeIfAbsent(name, n -> {
      Path dir = projectRoot().resolve("compat").resolve(n);
      Result result = whileLocked(n, () -> run(dir, Map.of(), "bash", "install.sh"));
      if (result.exitCode() != 0) {
        throw new IllegalStateException("installing toolchain " + n + " failed:\n" + result.output());
      }
      return dir;
    });
  }

  /** Surefire runs test classes in two JVMs (pom.xml): one installer at a time per toolchain across them. */
  private static Result whileLocked(String name, Supplier<Result> install) {
    try {
      Path lock = Files.createDirectories(projectRoot().resolve("target")).resolve("toolchain-" + name + ".lock");
      try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return install.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("not inside the Ferry project");
    }
    return dir;
  }

  /** The outcome of a process: exit code and combined stdout+stderr. */
  public record Result(int exitCode, String output) {}

  /** Runs a command in {@code dir}, merging stderr into stdout; one that outlives {@link HangGuard#LIMIT} is killed and fails. */
  public static Result run(Path dir, Map<String, String> env, String... command) {
    return run(dir, env, List.of(command));
  }

  public static Result run(Path dir, Map<String, String> env, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Path log = Files.createTempFile("ferry-tool-", ".log");
      builder.redirectOutput(log.toFile());
      Process process = builder.start();
      if (!process.waitFor(HangGuard.LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("hung (still running after " + HangGuard.LIMIT + "): " + String.join(" ", command));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
