package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.Toolchains;
import dev.ferry.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./ferry launcher starts the JVM with the options the cold benchmarks measure as "the launcher's". */
class LauncherTest {
  @Test
  void launcherUsesTheOptionsTheBenchmarksMeasure() throws Exception {
    String launcher = Files.readString(Toolchains.projectRoot().resolve("ferry"));
    assertThat(launcher)
        .contains("\nopts=(" + String.join(" ", ColdCommands.LAUNCHER_OPTIONS) + ")\n")
        .contains("exec java \"${opts[@]}\" ${FERRY_JAVA_OPTS:-} -jar \"$jar\" \"$@\"");
  }

  /**
   * The script run with a {@code java} on the PATH that prints its arguments: short commands get the
   * short-lived options, {@code serve} and {@code bench} (long-running, warm) the JVM's own.
   */
  @Test
  void serveAndBenchRunWithTheJvmsOwnCompilerAndHeap(@TempDir Path root) throws Exception {
    fakeProject(root);
    String shortLived = String.join(" ", ColdCommands.LAUNCHER_OPTIONS);
    assertThat(launch(root, "inspect")).startsWith(shortLived + " ");
    for (String longRunning : List.of("serve", "bench")) {
      assertThat(launch(root, longRunning)).startsWith("-Xshare:auto ").doesNotContain("TieredStopAtLevel").doesNotContain("-Xmn");
    }
  }

  /**
   * The first run of a command after a build lists its classes and names the archive Ferry dumps from
   * them; once the archive is newer than the jar, runs map it. serve, which ends by a signal, does neither.
   */
  @Test
  void firstRunListsTheClassesAndLaterRunsMapTheArchive(@TempDir Path root) throws Exception {
    fakeProject(root);
    Path target = root.resolve("target");
    String firstRun = launch(root, "inspect");
    assertThat(firstRun).containsPattern("-XX:DumpLoadedClassList=(\\S+/target/ferry-inspect\\.\\d+\\.classlist) -Dferry\\.loadedClassList=\\1 ")
        .contains("-Dferry.classDataArchive=" + target.resolve("ferry-inspect.jsa") + " ")
        .doesNotContain("SharedArchiveFile");
    Files.writeString(target.resolve("ferry-inspect.jsa"), "");
    Files.setLastModifiedTime(target.resolve("ferry.jar"), java.nio.file.attribute.FileTime.fromMillis(0));
    assertThat(launch(root, "inspect")).contains("-XX:SharedArchiveFile=" + target.resolve("ferry-inspect.jsa") + " -Xlog:cds=off ")
        .doesNotContain("DumpLoadedClassList");
    assertThat(launch(root, "serve")).doesNotContain("DumpLoadedClassList").doesNotContain("SharedArchiveFile");
  }

  private static void fakeProject(Path root) throws Exception {
    Files.copy(Toolchains.projectRoot().resolve("ferry"), root.resolve("ferry"));
    Files.createDirectories(root.resolve("src/main"));
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.createDirectories(root.resolve("target"));
    Files.writeString(root.resolve("target/ferry.jar"), "");
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
    bin.resolve("java").toFile().setExecutable(true);
  }

  private static String launch(Path root, String command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("ferry").toString(), command, "--help").redirectErrorStream(true);
    builder.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output.strip();
  }

  @Test
  void docsGiveTheSameOptionsForRunningTheJarDirectly() throws Exception {
    String options = String.join(" ", ColdCommands.LAUNCHER_OPTIONS);
    assertThat(Files.readString(Toolchains.projectRoot().resolve("docs/cli.md")))
        .contains("`" + options + "`")
        .contains("`java " + options + " -jar target/ferry.jar inspect`");
  }

  /** The documented fast path, run: the built classes stand in for target/ferry.jar (built after the tests). */
  @Test
  void theJarsFastPathRunsInspectWithNothingFromTheJvmInItsOutput() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ColdCommands.LAUNCHER_OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.ferry.Ferry", "inspect"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    String url = TestPostgres.newDatabase("launcher");
    try (var connection = dev.ferry.db.Database.of(url).connect(); var statement = connection.createStatement()) {
      statement.execute("CREATE TABLE customer (id text PRIMARY KEY, email text)");
    }
    builder.environment().put("DATABASE_URL", url);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output).contains("customer").doesNotContain("[warning]").doesNotContain("[error]");
  }
}
