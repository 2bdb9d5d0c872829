package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.errors.ExitCodes;
import dev.ferry.testing.HangGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ctrl-C during {@code ferry demo}, in a real process group, as a terminal sends it: Ferry runs in
 * a group of its own ({@code setsid}), and SIGINT goes to the whole group at once (Ferry, initdb and
 * its postgres, pg_ctl; a started server is in a session of its own, as pg_ctl detaches it), at
 * moments the output, the processes and the server's log show, never after a fixed wait. Which
 * process handles it first is then up to the scheduler; the reverse order (the server's processes
 * first, until they are gone, then Ferry) is sent on purpose too. Every time: exit 130,
 * {@code ferry: interrupted} alone on stderr, and no {@code ferry-pg-*} folder left.
 */
class InterruptTest {
  @TempDir Path dir;

  /** Moments of the demo's start, each seen from outside the process. */
  enum Moment {
    /** The demo said it starts the server (the JVM unpacks or runs initdb). */
    SAID_STARTING(run -> run.stdout().contains("== starting an embedded Postgres")),
    /**
     * initdb runs and handles SIGINT (its SigCgt in /proc): before it sets its handlers a signal ends it
     * without a word, which no log can tell from a crash (stated in the closing note as a known gap).
     */
    INITDB(run -> run.initdbHandlesInterrupts()),
    /** initdb's own postgres (bootstrap or single-user) runs, initdb handling SIGINT. */
    INITDB_POSTGRES(run -> run.initdbHandlesInterrupts() && run.serverProcess("/postgres")),
    /** The server accepts connections; the demo is checking it. */
    SERVER_READY(run -> run.serverLog().contains("database system is ready to accept connections")),
    /** The server is up and the demo syncs into it. */
    SYNCING(run -> run.stdout().contains("== ferry sync"));

    final Predicate<Run> reached;

    Moment(Predicate<Run> reached) {
      this.reached = reached;
    }
  }

  @ParameterizedTest
  @EnumSource(Moment.class)
  void ctrlCToTheWholeGroupSaysInterruptedExits130AndLeavesNoFolder(Moment moment) throws Exception {
    Run run = start(dir.resolve(moment.toString()));
    run.await(moment);
    signal("-" + run.process.pid()); // the whole group, as the terminal does
    run.assertInterrupted();
  }

  /** SIGINT to the server's processes (initdb's, or the started server), then to Ferry once they are gone. */
  @ParameterizedTest
  @EnumSource(value = Moment.class, names = {"INITDB", "INITDB_POSTGRES", "SERVER_READY", "SYNCING"})
  void ctrlCReachingTheServerBeforeFerryStillSaysInterrupted(Moment moment) throws Exception {
    Run run = start(dir.resolve(moment.toString()));
    run.await(moment);
    List<ProcessHandle> server = run.serverProcesses();
    assertThat(server).as("the server's processes at %s", moment).isNotEmpty();
    for (ProcessHandle process : server) {
      signal(String.valueOf(process.pid()));
    }
    for (ProcessHandle process : server) {
      process.onExit().get(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES);
    }
    if (run.process.isAlive()) {
      signal(String.valueOf(run.process.pid())); // may have ended meanwhile, on the server's failure
    }
    run.assertInterrupted();
  }

  private Run start(Path base) throws Exception {
    Path tmp = Files.createDirectories(base.resolve("tmp"));
    // the binaries are unpacked where the tests' own servers have them; the servers' folders go to tmp
    String binaries = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString();
    // SIGINT at its default in the child, whatever the build inherited (a shell's `&` without job control
    // ignores it, and the JVM then honours that, as nohup intends); setsid: a process group of its own
    List<String> command = List.of("env", "--default-signal=INT", "setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Djava.io.tmpdir=" + tmp, "-Dot.epg.working-dir=" + binaries, "-cp", System.getProperty("java.class.path"), "dev.ferry.Ferry",
        "demo", "--size", "20", "--out", base.resolve("out").toString());
    Process process = new ProcessBuilder(command).directory(Files.createDirectories(base).toFile())
        .redirectOutput(base.resolve("stdout.txt").toFile()).redirectError(base.resolve("stderr.txt").toFile()).start();
    process.getOutputStream().close();
    return new Run(process, base, tmp);
  }

  private static void signal(String target) throws Exception {
    new ProcessBuilder(List.of("kill", "-INT", "--", target)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }

  private record Run(Process process, Path base, Path tmp) {
    void await(Moment moment) throws Exception {
      while (!moment.reached.test(this)) {
        assertThat(process.isAlive()).as("the demo is still running before %s; stderr: %s", moment, read(base.resolve("stderr.txt"))).isTrue();
        Thread.sleep(2); // polling for the event; the outcome does not depend on how long it takes
      }
    }

    void assertInterrupted() throws Exception {
      assertThat(process.waitFor(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES)).isTrue();
      assertThat(read(base.resolve("stderr.txt"))).isEqualTo("ferry: interrupted\n");
      assertThat(process.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
      try (Stream<Path> left = Files.list(tmp)) {
        assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("ferry-pg-"));
      }
    }

    String stdout() {
      return read(base.resolve("stdout.txt"));
    }

    boolean serverProcess(String suffix) {
      return process.descendants().anyMatch(p -> p.info().command().map(c -> c.endsWith(suffix)).orElse(false));
    }

    boolean initdbHandlesInterrupts() {
      return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/initdb")).orElse(false))
          .anyMatch(InterruptTest::catchesSigint);
    }

    String serverLog() {
      return serverFiles("server.log").stream().map(InterruptTest::read).reduce("", String::concat);
    }

    /** Ferry's children (initdb and its postgres, pg_ctl) and the started server with its workers. */
    List<ProcessHandle> serverProcesses() {
      List<ProcessHandle> processes = new ArrayList<>(process.descendants().toList());
      for (Path pidFile : serverFiles("data/postmaster.pid")) {
        read(pidFile).lines().findFirst().flatMap(pid -> ProcessHandle.of(Long.parseLong(pid.trim()))).ifPresent(postmaster -> {
          processes.add(postmaster);
          processes.addAll(postmaster.descendants().toList());
        });
      }
      return processes;
    }

    private List<Path> serverFiles(String name) {
      try (Stream<Path> folders = Files.list(tmp)) {
        return folders.filter(p -> p.getFileName().toString().startsWith("ferry-pg-")).map(p -> p.resolve(name)).toList();
      } catch (java.io.IOException e) {
        return List.of();
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return ""; // being written or removed: looked at again
    }
  }

  /** Whether {@code process} has a handler for SIGINT: bit 1 of the SigCgt mask in /proc/PID/status. */
  private static boolean catchesSigint(ProcessHandle process) {
    try {
      return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
          .filter(line -> line.startsWith("SigCgt:"))
          .anyMatch(line -> (Long.parseUnsignedLong(line.substring("SigCgt:".length()).trim(), 16) & 0x2) != 0);
    } catch (java.io.IOException | RuntimeException gone) {
      return false;
    }
  }
}
