package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.errors.ExitCodes;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.TestPostgres;
import dev.ferry.testing.Toolchains;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docs/salesforce.md's "Try it" commands, run as written ($DATABASE_URL expanded as a shell would). */
class SalesforceDocsTest {
  @Test
  void the_try_it_commands_start_a_sandbox_and_sync_it() throws Exception {
    String doc = Files.readString(Toolchains.projectRoot().resolve("docs/salesforce.md"));
    int open = doc.indexOf("## Try it\n\n```text\n") + "## Try it\n\n```text\n".length();
    String block = doc.substring(open, doc.indexOf("```", open));
    List<String> commands = block.lines().filter(l -> l.startsWith("./ferry ")).toList();
    assertThat(commands).hasSize(2);
    StringWriter sandboxOut = new StringWriter();
    CommandLine sandbox = FerryCommand.newCommandLine();
    sandbox.setOut(new PrintWriter(sandboxOut, true));
    sandbox.setErr(new PrintWriter(sandboxOut, true));
    // its own thread, so that interrupting it ends the sandbox command and frees the documented port
    Thread running = new Thread(() -> sandbox.execute(args(commands.get(0), null)), "docs-sandbox");
    running.start();
    try {
      while (running.isAlive() && !sandboxOut.toString().contains("ferry sync salesforce ")) {
        Thread.sleep(50); // polling for the event; the outcome does not depend on how long it takes
      }
      assertThat(sandboxOut.toString()).contains(commands.get(1).replace("./ferry ", "").replace(" --database-url \"$DATABASE_URL\"", ""));
      String url = TestPostgres.newDatabase("salesforce_docs");
      Run sync = Cli.run(args(commands.get(1), url));
      assertThat(sync.exit()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);
      assertThat(sync.out()).contains("synced salesforce into schema salesforce: ");
    } finally {
      running.interrupt();
      running.join();
    }
  }

  private static String[] args(String command, String databaseUrl) {
    List<String> args = new ArrayList<>();
    for (String word : command.substring("./ferry ".length()).split(" ")) {
      args.add(word.equals("\"$DATABASE_URL\"") ? databaseUrl : word);
    }
    return args.toArray(String[]::new);
  }
}
