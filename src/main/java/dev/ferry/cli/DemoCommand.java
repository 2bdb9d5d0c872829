package dev.ferry.cli;

import dev.ferry.db.EmbeddedDatabase;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry demo}: Ferry's main job end to end with nothing installed and no API key. It starts
 * an embedded Postgres and the local Stripe sandbox, then runs the same commands a user would
 * ({@code sync}, {@code inspect}, {@code generate all}) against them, and stops both on exit
 * (Ctrl-C included).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run Ferry end to end on an embedded Postgres and a local Stripe sandbox.",
      "Syncs a generated Stripe account, inspects the synced tables, then generates models and migrations."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", defaultValue = "ferry-demo",
      description = "Where the generated models and migrations go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--size", paramLabel = "N", defaultValue = "400",
      description = "Objects in the generated Stripe account (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "Seed of the generated account; the same seed gives the same data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("== starting an embedded Postgres (no server to install) and the local Stripe sandbox");
    stdout.flush();
    try (EmbeddedDatabase postgres = EmbeddedDatabase.start();
        StripeSandbox sandbox = new StripeSandbox(SandboxData.generate(seed, size)).start()) {
      String url = postgres.url("postgres");
      stdout.println("   postgres: " + url);
      stdout.println("   stripe:   " + sandbox.baseUrl() + " (sandbox account, seed " + seed + ", " + size + " objects)");
      Path outDir = out.toAbsolutePath().normalize();
      String[][] steps = {
        {"sync", "stripe", "--database-url", url, "--api-base", sandbox.baseUrl(), "--api-key", sandbox.apiKey(), "--rate", "1000"},
        {"inspect", "--database-url", url, "--schema", "stripe"},
        {"generate", "all", "--database-url", url, "--schema", "stripe", "--out", outDir.toString()},
      };
      for (String[] step : steps) {
        stdout.println();
        stdout.println("== ferry " + step[0] + (step[0].equals("sync") ? " stripe" : step[0].equals("generate") ? " all" : " --schema stripe"));
        stdout.flush();
        int code = subcommand().execute(step);
        if (code != ExitCodes.OK) {
          return code;
        }
      }
      stdout.println();
      stdout.println("== done: models and test migrations are in " + outDir);
      stdout.println("   (the embedded Postgres and the sandbox stop now; point --database-url at your own database to keep going)");
      stdout.flush();
      return ExitCodes.OK;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Stripe sandbox: " + e.getMessage(), e);
    }
  }

  private CommandLine subcommand() {
    CommandLine commandLine = FerryCommand.newCommandLine();
    commandLine.setOut(spec.commandLine().getOut());
    commandLine.setErr(spec.commandLine().getErr());
    return commandLine;
  }
}
