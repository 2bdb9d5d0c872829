package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.errors.ExitCodes;
import dev.ferry.testing.HangGuard;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C while {@code ferry demo}'s embedded Postgres is starting, in a real process: the signal is
 * sent when the event happens (the demo said it is starting, and the server's {@code initdb} or
 * {@code postgres} process exists), never after a fixed wait. It goes to the whole process tree, as
 * a terminal sends it to the foreground process group.
 */
class InterruptTest {
  @TempDir Path dir;

  @Test
  void ctrlCWhileEmbeddedPostgresStartsSaysInterruptedExits130AndLeavesNoFolder() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), "dev.ferry.Ferry",
        "demo", "--size", "20", "--out", dir.resolve("out").toString());
    Process ferry = new ProcessBuilder(command).directory(dir.toFile())
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
    ferry.getOutputStream().close();
    BufferedReader stdout = new BufferedReader(new InputStreamReader(ferry.getInputStream(), StandardCharsets.UTF_8));
    assertThat(stdout.readLine()).startsWith("== starting an embedded Postgres");

    Optional<ProcessHandle> server = Optional.empty();
    for (long checks = 0; server.isEmpty() && ferry.isAlive(); checks++) {
      server = ferry.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/initdb") || c.endsWith("/postgres")).orElse(false))
          .findFirst();
      if (server.isEmpty()) {
        Thread.sleep(5); // polling for the event; the test's outcome does not depend on how long it takes
      }
    }
    assertThat(server).as("the server process the demo starts").isPresent();
    // Ctrl-C reaches the whole process group. Which process handles it first is up to the scheduler; the order
    // is fixed here so the outcome does not depend on it: Ferry first (until it says so), then the server it
    // started, whose failure Ferry must then report as the interruption it is.
    List<Long> children = ferry.descendants().map(ProcessHandle::pid).toList();
    signalInterrupt(List.of(ferry.pid()));
    Path stderr = dir.resolve("stderr.txt");
    while (ferry.isAlive() && !Files.readString(stderr).contains("ferry: interrupted")) {
      Thread.sleep(5); // polling for the event, as above
    }
    signalInterrupt(children);

    assertThat(ferry.waitFor(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES)).isTrue();
    assertThat(ferry.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
    assertThat(Files.readString(dir.resolve("stderr.txt"))).isEqualTo("ferry: interrupted\n");
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("ferry-pg-"));
    }
  }

  private static void signalInterrupt(List<Long> pids) throws Exception {
    List<String> kill = new ArrayList<>(List.of("kill", "-INT"));
    pids.forEach(pid -> kill.add(String.valueOf(pid)));
    new ProcessBuilder(kill).inheritIO().start().waitFor();
  }
}
