package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.TestPostgres;
import dev.ferry.testing.Toolchains;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> sandbox.execute(args(commands.get(0), null)));
    for (int i = 0; i < 200 && !sandboxOut.toString().contains("ferry sync salesforce "); i++) {
      Thread.sleep(50);
    }
    assertThat(sandboxOut.toString()).contains(commands.get(1).replace("./ferry ", "").replace(" --database-url \"$DATABASE_URL\"", ""));
    String url = TestPostgres.newDatabase("salesforce_docs");
    StringWriter out = new StringWriter();
    CommandLine sync = FerryCommand.newCommandLine();
    sync.setOut(new PrintWriter(out, true));
    sync.setErr(new PrintWriter(out, true));
    assertThat(sync.execute(args(commands.get(1), url))).as(out.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("synced salesforce into schema salesforce: ");
    running.cancel(true);
  }

  private static String[] args(String command, String databaseUrl) {
    List<String> args = new ArrayList<>();
    for (String word : command.substring("./ferry ".length()).split(" ")) {
      args.add(word.equals("\"$DATABASE_URL\"") ? databaseUrl : word);
    }
    return args.toArray(String[]::new);
  }
}
