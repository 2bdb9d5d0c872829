package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sandbox.RequestGate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code ferry sync ...} as a whole child JVM, killed with -9 at a sandbox's request gate: the kill
 * point is a request count, never a delay, so the outcome does not depend on the machine's speed.
 */
public final class ChildSync {
  private ChildSync() {}

  /**
   * Starts {@code ferry <arguments>} and waits until it either exits or the sandbox holds one of its
   * requests at {@code gate}; then kills it (-9) and opens the gate. Returns whether it was killed.
   * Its output is appended to {@code log}.
   */
  public static boolean runAndKillAtGate(List<String> arguments, Path log, RequestGate gate) throws Exception {
    return runAndKillAtGate(arguments, log, gate, () -> true);
  }

  /**
   * As {@link #runAndKillAtGate(List, Path, RequestGate)}, but once a request is held, kills only when
   * {@code ready} also holds (an event the test sees, such as a batch the child committed before
   * the gate stopped it), or lets the child finish if it exits first.
   */
  public static boolean runAndKillAtGate(List<String> arguments, Path log, RequestGate gate, BooleanSupplier ready) throws Exception {
    Process child = start(arguments);
    Thread reader = copyOutput(child, log);
    try {
      while (!(gate.awaitHeld(50) && ready.getAsBoolean())) {
        if (!child.isAlive()) {
          reader.join();
          assertThat(child.exitValue()).as("exit of an uninterrupted run (see %s)", log).isZero();
          return false;
        }
      }
      child.destroyForcibly();
      assertThat(child.waitFor(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES)).as("killed child exits").isTrue();
      reader.join();
      Files.writeString(log, "-- killed while the sandbox held " + gate.heldPath() + System.lineSeparator(),
          StandardOpenOption.APPEND);
      return true;
    } finally {
      gate.open();
    }
  }

  private static Process start(List<String> arguments) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.ferry.Ferry"));
    command.addAll(arguments);
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Appends the child's output to {@code log}. */
  private static Thread copyOutput(Process child, Path log) {
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          Files.writeString(log, line + System.lineSeparator(), StandardOpenOption.APPEND);
        }
      } catch (IOException e) {
        // the child was killed mid-line
      }
    });
    reader.start();
    return reader;
  }
}
