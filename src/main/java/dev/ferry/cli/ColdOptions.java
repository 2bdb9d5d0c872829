package dev.ferry.cli;

import dev.ferry.cli.ColdRuns.Command;
import dev.ferry.errors.FerryException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** The cold half of {@code ferry bench inspect} and {@code ferry bench generate}: whole processes beside the peers. */
final class ColdOptions {
  @Option(names = "--cold-runs", paramLabel = "N",
      description = "Whole-process runs of each command after one unmeasured round; 0 skips them (default: ${DEFAULT-VALUE}).")
  int coldRuns = 5;

  @Option(names = "--java-options", paramLabel = "OPTIONS",
      description = "JVM options of a Ferry variant to run cold; repeat to compare several in the same run, "
          + "\"\" is a plain JVM (default: the ./ferry launcher's).")
  List<String> javaOptions = new ArrayList<>();

  void validate() {
    if (coldRuns < 0) {
      throw FerryException.usage("--cold-runs must be 0 or more");
    }
  }

  /**
   * Runs {@code ferry <args>} (each JVM variant) and the installed peers over schema {@link
   * BenchInspectCommand#SCHEMA}, alternated, {@link #coldRuns} times, and prints their medians
   * with each peer's ratio to the first Ferry variant.
   */
  void measure(String databaseUrl, List<String> args, PrintWriter out) throws Exception {
    if (coldRuns == 0) {
      return;
    }
    Path scratch = Files.createTempDirectory("ferry-bench-");
    try {
      List<Command> commands = new ArrayList<>();
      List<String> variants = javaOptions.isEmpty() ? List.of(String.join(" ", ColdCommands.LAUNCHER_OPTIONS)) : javaOptions;
      for (String variant : variants) {
        List<String> options = ColdCommands.options(variant);
        String label = "ferry " + String.join(" ", args.stream().filter(a -> !a.startsWith("--schema") && !a.equals(BenchInspectCommand.SCHEMA)).toList())
            + (options.equals(ColdCommands.LAUNCHER_OPTIONS) ? "" : options.isEmpty() ? " [plain JVM]" : " [" + variant.trim() + "]");
        List<String> ferryArgs = new ArrayList<>(args);
        if (args.get(0).equals("generate")) {
          ferryArgs.addAll(List.of("--out", Files.createDirectories(scratch.resolve("ferry-" + commands.size())).toString()));
        }
        commands.add(ColdCommands.ferry(label, options, databaseUrl, ferryArgs));
      }
      out.printf(Locale.ROOT, "Cold, whole processes (a new JVM each, as users run it), medians of %d run%s after one unmeasured round, alternated:%n",
          coldRuns, coldRuns == 1 ? "" : "s");
      out.flush();
      ColdCommands.kyselyCodegen(databaseUrl, BenchInspectCommand.SCHEMA, Files.createDirectories(scratch.resolve("kysely")), out)
          .ifPresent(commands::add);
      ColdCommands.prismaDbPull(databaseUrl, BenchInspectCommand.SCHEMA, Files.createDirectories(scratch.resolve("prisma")), out)
          .ifPresent(commands::add);
      out.flush();
      ColdRuns.print(out, commands, ColdRuns.alternate(commands, coldRuns, scratch));
    } finally {
      try (Stream<Path> paths = Files.walk(scratch)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
