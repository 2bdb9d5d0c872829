package dev.ferry.cli;

import dev.ferry.db.Database;
import dev.ferry.db.EmbeddedDatabase;
import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import dev.ferry.errors.OsReason;
import dev.ferry.sync.source.LocalSandbox;
import dev.ferry.sync.source.SourceProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry demo}: Ferry's main job end to end with nothing installed and no API key. It starts
 * an embedded Postgres and the chosen source's local sandbox (Stripe unless {@code --source} says
 * otherwise; the source's provider starts it), then runs the same commands a user would ({@code sync},
 * {@code inspect}, {@code generate all}) against them, and stops both on exit (Ctrl-C included). It
 * tells the story in a screenful: what was synced, a few relationships, where the files went and what
 * to run next; the full inspect report goes to {@code <out>/inspect.txt} ({@code --verbose} prints
 * every step's whole output instead).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run Ferry end to end on an embedded Postgres and a local sandbox of Stripe, HubSpot or Salesforce.",
      "Syncs a generated account, inspects the synced tables, then generates models and migrations."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--source", paramLabel = "NAME", defaultValue = "stripe",
      description = "Which source's sandbox to sync from: stripe, hubspot or salesforce (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "ferry-demo",
      description = "Where the generated models, migrations and the inspect report go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--size", paramLabel = "N", defaultValue = "400",
      description = "About how many objects the generated account holds (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "Seed of the generated account; the same seed gives the same data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--verbose", description = "Print the whole output of every step (the sync log, the full inspect report).")
  boolean verbose;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (size < 1) {
      throw FerryException.usage("--size must be at least 1");
    }
    List<String> withSandbox = SourceProvider.all().stream().filter(DemoCommand::hasSandbox).map(SourceProvider::name).toList();
    SourceProvider provider = SourceProvider.named(source).filter(DemoCommand::hasSandbox).orElseThrow(() ->
        FerryException.usage("no demo for source '" + source + "' (available: " + String.join(", ", withSandbox) + ")"));
    String schema = provider.name();
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("== starting an embedded Postgres (no server to install) and the local " + source + " sandbox");
    stdout.flush();
    try (EmbeddedDatabase postgres = EmbeddedDatabase.start();
        LocalSandbox sandbox = provider.startSandbox(seed, size).orElseThrow()) {
      String url = postgres.url("postgres");
      stdout.println("   postgres: " + url);
      stdout.println("   " + source + ": " + sandbox.summary());
      Path outDir = out.toAbsolutePath().normalize();
      Path report = outDir.resolve("inspect.txt");

      stdout.println();
      stdout.println("== ferry sync " + source);
      List<String> sync = new ArrayList<>(List.of("sync", source, "--database-url", url));
      sync.addAll(sandbox.syncOptions());
      String synced = step(stdout, sync.toArray(String[]::new));
      if (!verbose) {
        stdout.println("   " + summaryLine(synced));
        wrap(stdout, "   rows: ", rowCounts(url, schema));
      }

      stdout.println();
      stdout.println("== ferry inspect --schema " + schema);
      String inspected = step(stdout, "inspect", "--database-url", url, "--schema", schema);
      write(report, inspected);
      if (!verbose) {
        inspected.lines().skip(1).findFirst().ifPresent(summary -> stdout.println("   " + summary));
        stdout.println("   for example (no foreign keys in the database; both directions are inferred):");
        for (String relationship : provider.demoRelationships()) {
          relation(inspected, schema, relationship).ifPresent(line -> stdout.println("     " + line));
        }
        stdout.println("   every table, column and relationship: " + shown(report));
      }

      stdout.println();
      stdout.println("== ferry generate all");
      String generated = step(stdout, "generate", "all", "--database-url", url, "--schema", schema, "--out", outDir.toString());
      if (!verbose) {
        generated.lines().forEach(line -> stdout.println("   " + line));
      }

      stdout.println();
      stdout.println("== done: models and test migrations are in " + outDir);
      stdout.println("   next: read " + shown(outDir.resolve("prisma/schema/" + schema + ".prisma")) + " (or lib/, app/models/, src/main/java/),");
      stdout.println("   then on your own database: export DATABASE_URL=... " + provider.keyVariable() + "=...; ./ferry sync " + source);
      stdout.println("   (README, \"Using it on your database\"). The embedded Postgres and the sandbox stop now.");
      stdout.flush();
      return ExitCodes.OK;
    } catch (StepFailed e) {
      return e.code;
    } catch (IOException e) {
      throw new FerryException(ExitCodes.CANNOT_CONNECT, "cannot start the local " + source + " sandbox: " + OsReason.of(e), e);
    }
  }

  private static boolean hasSandbox(SourceProvider provider) {
    return !provider.demoRelationships().isEmpty();
  }

  /** Runs one ferry command; its output is returned (and printed as it comes with --verbose). */
  private String step(PrintWriter stdout, String... args) {
    StringWriter captured = new StringWriter();
    CommandLine commandLine = FerryCommand.newCommandLine();
    commandLine.setOut(verbose ? stdout : new PrintWriter(captured, true));
    commandLine.setErr(spec.commandLine().getErr());
    int code = commandLine.execute(args);
    stdout.flush();
    if (code != ExitCodes.OK) {
      throw new StepFailed(code);
    }
    return captured.toString();
  }

  private static final class StepFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    StepFailed(int code) {
      super(null, null, false, false);
      this.code = code;
    }
  }

  /** The sync's summary line ({@code synced stripe into schema stripe: ...}); the demo prints the rows itself. */
  private static String summaryLine(String output) {
    return output.lines().filter(line -> line.startsWith("synced ")).reduce((first, second) -> second).orElse("");
  }

  /** "customer 40, subscription 30, ...": rows per synced table, most first. */
  private static List<String> rowCounts(String url, String schema) {
    List<String> counts = new ArrayList<>();
    try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "' ORDER BY table_name")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      List<long[]> sized = new ArrayList<>();
      for (int i = 0; i < tables.size(); i++) {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + schema + ".\"" + tables.get(i).replace("\"", "\"\"") + "\"")) {
          rows.next();
          sized.add(new long[] {rows.getLong(1), i});
        }
      }
      sized.sort((a, b) -> Long.compare(b[0], a[0]));
      for (long[] entry : sized) {
        counts.add(tables.get((int) entry[1]) + " " + entry[0]);
      }
    } catch (SQLException e) {
      throw Database.of(url).translate(e);
    }
    return counts;
  }

  private static void wrap(PrintWriter stdout, String indent, List<String> items) {
    StringBuilder line = new StringBuilder(indent);
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i) + (i + 1 < items.size() ? "," : "");
      if (line.length() + item.length() + 1 > 100 && line.length() > indent.length()) {
        stdout.println(line.toString().stripTrailing());
        line = new StringBuilder(" ".repeat(indent.length()));
      }
      line.append(item).append(' ');
    }
    stdout.println(line.toString().stripTrailing());
  }

  /** The report's line for {@code table.name} ("subscription.customer → stripe.customer (...)"), if it has one. */
  private static Optional<String> relation(String report, String schema, String relationship) {
    String table = relationship.substring(0, relationship.indexOf('.'));
    String name = relationship.substring(table.length() + 1);
    int section = report.indexOf("\n== " + schema + "." + table + " (");
    if (section < 0) {
      return Optional.empty();
    }
    int end = report.indexOf("\n== ", section + 1);
    return report.substring(section, end < 0 ? report.length() : end).lines().map(String::strip)
        .filter(line -> line.startsWith(name + " → ") || line.startsWith(name + " ← ") || line.startsWith(name + " ↔ "))
        .findFirst().map(line -> table + "." + line);
  }


  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new FerryException(ExitCodes.CANNOT_WRITE, "cannot write " + file + ": " + OsReason.of(e), e);
    }
  }

  /** A path as the user would type it: relative to the working folder when under it. */
  private static String shown(Path path) {
    Path here = Path.of("").toAbsolutePath();
    return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
  }
}
