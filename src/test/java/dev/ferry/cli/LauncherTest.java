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

/** The ./ferry launcher starts the JVM with the options the cold benchmarks measure as "the launcher's". */
class LauncherTest {
  @Test
  void launcherUsesTheOptionsTheBenchmarksMeasure() throws Exception {
    String launcher = Files.readString(Toolchains.projectRoot().resolve("ferry"));
    assertThat(launcher)
        .contains("\nopts=(" + String.join(" ", ColdCommands.LAUNCHER_OPTIONS) + ")\n")
        .contains("exec java \"${opts[@]}\" ${FERRY_JAVA_OPTS:-} -jar \"$jar\" \"$@\"");
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
