package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The process's command line holds only the subcommand being run (a cold start reflects over one
 * command), and answers every argument list as the command line with all subcommands does.
 */
class LazyCommandsTest {
  @Test
  void aNamedCommandIsTheOnlyOneMade() {
    assertThat(FerryCommand.newCommandLine(new String[] {"--debug", "inspect", "--format", "json"}).getSubcommands())
        .containsOnlyKeys("inspect");
    assertThat(FerryCommand.newCommandLine(new String[] {"bench", "inspect"}).getSubcommands()).containsOnlyKeys("bench");
    assertThat(FerryCommand.newCommandLine().getSubcommands().keySet()).containsExactlyElementsOf(FerryCommand.COMMANDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "--help", "--version", "help", "help generate", "inspekt", "inspect --bogus", "inspect --help",
      "generate", "generate --help", "bench", "bench inspect --help", "sandbox --help", "tables", "sync --help", "serve --help",
      "demo --help", "--debug", "--debug generate nonsense"})
  void everyAnswerIsTheSameAsWithAllCommands(String line) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");
    assertThat(run(FerryCommand.newCommandLine(args), args)).isEqualTo(run(FerryCommand.newCommandLine(), args));
  }

  private static List<Object> run(CommandLine commandLine, String[] args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = commandLine.setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return List.of(code, out.toString(), err.toString());
  }
}
