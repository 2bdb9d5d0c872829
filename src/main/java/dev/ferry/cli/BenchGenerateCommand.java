package dev.ferry.cli;

import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.Target;
import dev.ferry.codegen.TargetRegistry;
import dev.ferry.db.Database;
import dev.ferry.errors.ExitCodes;
import dev.ferry.read.ReadRequest;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.RelationModel;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry bench generate}: builds the same wide schema as {@code ferry bench inspect}, reads it
 * once, times every target rendering its files in memory (no disk, "warm"), then {@code ferry
 * generate all} (or each {@code --target}) as whole cold processes beside the installed peers.
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
  /** Issue 15's targets: each renders the 2,000-table schema in 0.5 s warm. */
  private static final Map<String, Long> OWN_TARGET_MILLIS = Map.of("jpa", 500L, "jooq", 500L, "sqlalchemy", 500L, "django", 500L);

  @Mixin BenchSchemaOptions schema;

  @Option(names = "--runs", paramLabel = "N", description = "Timed runs per target after one warm-up run (default: ${DEFAULT-VALUE}).")
  int runs = 3;

  @Option(names = "--target", paramLabel = "ID", description = "Only these targets (default: all).")
  List<String> only = List.of();

  @Mixin ColdOptions cold;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    cold.validate();
    return schema.run(runs, spec.commandLine().getOut(), this::bench);
  }

  private int bench(String url) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Database database = Database.of(url);
    try (Connection connection = database.connect()) {
      for (int size : schema.tables) {
        out.printf(Locale.ROOT, "Building %d tables × %d columns in schema %s...%n", size, schema.columnsPerTable, BenchInspectCommand.SCHEMA);
        out.flush();
        try {
          BenchInspectCommand.createSchema(connection, size, schema.columnsPerTable);
          long readStart = System.nanoTime();
          RelationModel model = ReadSide.load(connection, database::connect, new ReadRequest(List.of(BenchInspectCommand.SCHEMA), "", false, Optional.empty()));
          out.printf(Locale.ROOT, "Read %d tables, %d references in %d ms (not counted below)%n",
              model.entities().size(), model.references().size(), (System.nanoTime() - readStart) / 1_000_000);
          measure(model, out);
          List<String> targets = only.isEmpty() ? List.of("all") : only;
          for (String target : targets) {
            cold.measure(url, List.of("generate", target, "--schema", BenchInspectCommand.SCHEMA), out);
          }
        } finally {
          BenchInspectCommand.dropSchema(connection);
        }
      }
    } catch (SQLException e) {
      throw database.translate(e);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void measure(RelationModel model, PrintWriter out) {
    out.printf(Locale.ROOT, "Warm, in this process: generation per target over %d runs after one warm-up run (target < %d ms each, %s):%n",
        runs, TARGET_MILLIS, "< 500 ms for " + String.join(", ", new java.util.TreeSet<>(OWN_TARGET_MILLIS.keySet())));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (Target target : TargetRegistry.load().all()) {
      if (!only.isEmpty() && !only.contains(target.id())) {
        continue;
      }
      long[] millis = new long[runs];
      long[] cpuMillis = new long[runs];
      long[] processMillis = new long[runs];
      long[] gcMillis = new long[runs];
      List<GeneratedFile> files = List.of();
      for (int run = -1; run < runs; run++) {
        // a fresh request per run, so nothing a target caches per request is reused
        GenerationRequest request = new GenerationRequest(model, Map.of(), Instant.parse("2000-01-01T00:00:00Z"));
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long processStart = process.getProcessCpuTime();
        long gcStart = gcMillis();
        files = target.generate(request);
        if (run >= 0) {
          millis[run] = (System.nanoTime() - start) / 1_000_000;
          cpuMillis[run] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
          processMillis[run] = (process.getProcessCpuTime() - processStart) / 1_000_000;
          gcMillis[run] = gcMillis() - gcStart;
        }
      }
      long bytes = files.stream().mapToLong(f -> f.content().length()).sum();
      long median = ColdRuns.median(millis);
      long goal = OWN_TARGET_MILLIS.getOrDefault(target.id(), TARGET_MILLIS);
      // on a busy machine the wall figures include waiting for a CPU; the CPU medians show how much
      out.printf(Locale.ROOT, "  %-14s min %6d ms   median %6d ms   CPU median %6d ms (process %6d ms, GC %5d ms)   %5d files %8.1f MB   %s%n",
          target.id(), Arrays.stream(millis).min().orElseThrow(), median, ColdRuns.median(cpuMillis), ColdRuns.median(processMillis),
          ColdRuns.median(gcMillis), files.size(), bytes / 1e6, median < goal ? "met" : "missed");
      out.flush();
    }
    out.printf(Locale.ROOT, "  CPU: this thread; process: every thread of this JVM (a target rendering on several, the collector, the compiler);"
        + " GC: collection time; %d CPUs, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
  }
}
