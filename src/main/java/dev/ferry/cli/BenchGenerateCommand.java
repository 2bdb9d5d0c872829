package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;

import dev.ferry.errors.FerryException;

import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.Target;
import dev.ferry.codegen.TargetRegistry;
import dev.ferry.db.Database;
import dev.ferry.db.EmbeddedDatabase;
import dev.ferry.read.ReadRequest;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.RelationModel;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry bench generate}: builds the same wide schema as {@code ferry bench inspect}, reads it
 * once, then times every target rendering its files in memory (no disk), after introspection.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Time each target generating models for a generated schema (after introspection).",
      "Without --database-url it starts an embedded Postgres. With one, it creates and finally drops "
          + "the schema " + BenchInspectCommand.SCHEMA + " in that database.",
    })
public final class BenchGenerateCommand implements Callable<Integer> {
  private static final long TARGET_MILLIS = 2000;

  @Option(names = "--tables", paramLabel = "N", description = "Tables to generate (default: ${DEFAULT-VALUE}).")
  int tables = 2000;

  @Option(names = "--columns-per-table", paramLabel = "N", description = "Columns per table, the id included (default: ${DEFAULT-VALUE}).")
  int columnsPerTable = 30;

  @Option(names = "--runs", paramLabel = "N", description = "Timed runs per target after one warm-up run (default: ${DEFAULT-VALUE}).")
  int runs = 3;

  @Option(names = "--target", paramLabel = "ID", description = "Only these targets (default: all).")
  List<String> only = List.of();

  @Option(names = "--database-url", paramLabel = "URL", description = "Postgres to use instead of an embedded one (DATABASE_URL is deliberately not read).")
  String databaseUrl;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws SQLException {
    if (tables < 1 || columnsPerTable < 1 || runs < 1) {
      throw FerryException.usage("--tables, --columns-per-table and --runs must be at least 1");
    }
    if (databaseUrl != null) {
      return bench(Database.of(databaseUrl));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting an embedded Postgres...");
    out.flush();
    try (EmbeddedDatabase embedded = EmbeddedDatabase.start()) {
      return bench(Database.of(embedded.url("postgres")));
    }
  }

  private int bench(Database database) throws SQLException {
    PrintWriter out = spec.commandLine().getOut();
    BenchInspectCommand schema = new BenchInspectCommand();
    schema.tables = tables;
    schema.columnsPerTable = columnsPerTable;
    try (Connection connection = database.connect()) {
      out.printf(Locale.ROOT, "Building %d tables × %d columns in schema %s...%n", tables, columnsPerTable, BenchInspectCommand.SCHEMA);
      out.flush();
      try {
        schema.createSchema(connection);
        long readStart = System.nanoTime();
        RelationModel model = ReadSide.load(connection, new ReadRequest(List.of(BenchInspectCommand.SCHEMA), "", false, Optional.empty()));
        out.printf(Locale.ROOT, "Read %d tables, %d references in %d ms (not counted below)%n",
            model.entities().size(), model.references().size(), (System.nanoTime() - readStart) / 1_000_000);
        measure(model, out);
      } finally {
        BenchInspectCommand.dropSchema(connection);
      }
    } catch (SQLException e) {
      throw database.translate(e);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void measure(RelationModel model, PrintWriter out) {
    out.printf(Locale.ROOT, "Generation per target over %d runs after one warm-up run (target < %d ms each):%n", runs, TARGET_MILLIS);
    for (Target target : TargetRegistry.load().all()) {
      if (!only.isEmpty() && !only.contains(target.id())) {
        continue;
      }
      long[] millis = new long[runs];
      List<GeneratedFile> files = List.of();
      for (int run = -1; run < runs; run++) {
        // a fresh request per run, so nothing a target caches per request is reused
        GenerationRequest request = new GenerationRequest(model, Map.of(), Instant.parse("2000-01-01T00:00:00Z"));
        long start = System.nanoTime();
        files = target.generate(request);
        if (run >= 0) {
          millis[run] = (System.nanoTime() - start) / 1_000_000;
        }
      }
      long bytes = files.stream().mapToLong(f -> f.content().length()).sum();
      long median = median(millis);
      out.printf(Locale.ROOT, "  %-14s min %6d ms   median %6d ms   %5d files %8.1f MB   %s%n", target.id(),
          Arrays.stream(millis).min().orElseThrow(), median, files.size(), bytes / 1e6, median < TARGET_MILLIS ? "met" : "missed");
      out.flush();
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
