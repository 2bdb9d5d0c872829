package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.Toolchains;
import java.nio.file.Files;
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
}
