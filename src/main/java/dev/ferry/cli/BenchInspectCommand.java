package dev.ferry.cli;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.pg.PgCatalogReader;
import dev.ferry.config.ProjectConfig;
import dev.ferry.db.Database;
import dev.ferry.errors.ExitCodes;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.inference.RowSampler;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry bench inspect}: builds a wide synthetic schema (2,000 tables × 30 columns, then 100
 * tables, by default, with {@code *_id} reference columns so inference has work), times catalog
 * introspection and relationship inference in this process ("warm"), then {@code ferry inspect
 * --format json} as whole cold processes, alternated with the peers installed in {@code compat/}.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Time catalog introspection and relationship inference on a generated schema, in this process "
          + "(warm), then 'ferry inspect --format json' as whole cold processes beside the installed peers.",
      "Without --database-url it starts an embedded Postgres. With one, it creates and finally drops "
          + "the schema " + BenchInspectCommand.SCHEMA + " in that database.",
    })
public final class BenchInspectCommand implements Callable<Integer> {
  static final String SCHEMA = "ferry_bench";
  private static final long TARGET_MILLIS = 1000;
  private static final int TABLES_PER_BATCH = 100;
  private static final int MAX_REFERENCES_PER_TABLE = 5;
  private static final String[] PLAIN_TYPES = {
    "text", "bigint", "boolean", "timestamptz", "jsonb", "numeric(12,2)", "integer", "varchar(64)", "text[]"
  };

  @Mixin BenchSchemaOptions schema;

  @Option(names = "--runs", paramLabel = "N", description = "Timed runs after one warm-up run (default: ${DEFAULT-VALUE}).")
  int runs = 5;

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
        long buildStart = System.nanoTime();
        out.printf(
            Locale.ROOT,
            "Building %d tables × %d columns (%d columns) in schema %s...%n",
            size, schema.columnsPerTable, (long) size * schema.columnsPerTable, SCHEMA);
        out.flush();
        try {
          createSchema(connection, size, schema.columnsPerTable);
          out.printf(Locale.ROOT, "Built in %.1f s%n", (System.nanoTime() - buildStart) / 1e9);
          measure(connection, out);
          cold.measure(url, List.of("inspect", "--schema", SCHEMA, "--format", "json"), out);
        } finally {
          dropSchema(connection);
        }
      }
    } catch (SQLException e) {
      throw database.translate(e);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void measure(Connection connection, PrintWriter out) {
    PgCatalogReader reader = new PgCatalogReader();
    long[] introspection = new long[runs];
    long[] inference = new long[runs];
    long[] total = new long[runs];
    long[] inferenceCpu = new long[runs];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long gcDuringRuns = 0;
    RelationModel model = null;
    for (int run = -1; run < runs; run++) { // run -1 warms up the JIT and Postgres's caches
      model = null;
      System.gc(); // each run starts from a clean heap instead of paying for the previous one
      long gcBefore = gcMillis();
      long start = System.nanoTime();
      Catalog catalog = reader.read(connection, List.of(SCHEMA), "");
      long read = System.nanoTime();
      long cpuBefore = threads.getCurrentThreadCpuTime();
      // no ferry.yaml: the generated schema is the same wherever the benchmark runs
      model = ReadSide.load(catalog, ProjectConfig.EMPTY, RowSampler.NONE);
      long inferred = System.nanoTime();
      long cpuAfter = threads.getCurrentThreadCpuTime();
      if (run >= 0) {
        introspection[run] = (read - start) / 1_000_000;
        inference[run] = (inferred - read) / 1_000_000;
        total[run] = (inferred - start) / 1_000_000;
        inferenceCpu[run] = (cpuAfter - cpuBefore) / 1_000_000;
        gcDuringRuns += gcMillis() - gcBefore;
      }
    }
    out.printf(
        Locale.ROOT,
        "Read %d tables, %d columns; found %d references%n",
        model.catalog().tables().size(),
        model.catalog().tables().stream().mapToLong(t -> t.columns().size()).sum(),
        model.references().size());
    out.printf(Locale.ROOT, "Warm, in this process (JIT-compiled, classes loaded), over %d run%s after one warm-up run:%n",
        runs, runs == 1 ? "" : "s");
    out.println(line("introspection", introspection));
    out.println(line("inference", inference));
    long medianTotal = ColdRuns.median(total);
    out.printf(
        Locale.ROOT,
        "%s   target < %d ms: %s%n",
        line("total", total), TARGET_MILLIS, medianTotal < TARGET_MILLIS ? "met" : "missed");
    // on a busy machine wall-clock figures include waiting for a CPU; these two show how much
    out.println(line("inference CPU", inferenceCpu) + "   (this thread only)");
    out.printf(
        Locale.ROOT,
        "  garbage collection took %d ms of the timed runs; %d CPUs, load average %.1f%n",
        gcDuringRuns,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Time the JVM's collectors have spent so far, to tell collection pauses from real work. */
  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .filter(time -> time > 0)
        .sum();
  }

  private static String line(String label, long[] millis) {
    return String.format(
        Locale.ROOT, "  %-14s min %6d ms   median %6d ms", label, Arrays.stream(millis).min().orElseThrow(), ColdRuns.median(millis));
  }

  /**
   * Drops the benchmark schema, its tables first, {@value #TABLES_PER_BATCH} per statement, each in
   * its own transaction (autocommit): one {@code DROP SCHEMA ... CASCADE} over 2,000 tables takes a
   * lock per table, index and TOAST table in one transaction and runs out of shared memory on a
   * stock Postgres ({@code max_locks_per_transaction} 64).
   */
  static void dropSchema(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname")) {
      query.setString(1, SCHEMA);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          tables.add(SCHEMA + "." + rows.getString(1));
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (int from = 0; from < tables.size(); from += TABLES_PER_BATCH) {
        statement.execute("DROP TABLE IF EXISTS " + String.join(", ", tables.subList(from, Math.min(from + TABLES_PER_BATCH, tables.size()))) + " CASCADE");
      }
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  /**
   * Table {@code tNNNN} has a text {@code id}, up to five {@code tMMMM_id} columns pointing at
   * other tables, a self-referencing {@code parent_id} on every third table, then columns of
   * assorted types; every other table gets an index. Sent {@value #TABLES_PER_BATCH} tables per
   * statement so building stays fast.
   */
  static void createSchema(Connection connection, int tables, int columnsPerTable) throws SQLException {
    Random random = new Random(42);
    int digits = Math.max(4, String.valueOf(tables - 1).length());
    String tableName = "t%0" + digits + "d";
    try (Statement statement = connection.createStatement()) {
      dropSchema(connection);
      statement.execute("CREATE SCHEMA " + SCHEMA);
      StringBuilder batch = new StringBuilder();
      for (int table = 0; table < tables; table++) {
        String name = String.format(Locale.ROOT, tableName, table);
        List<String> columns = new ArrayList<>();
        columns.add("id text PRIMARY KEY");
        int references = Math.min(MAX_REFERENCES_PER_TABLE, (columnsPerTable - 1) / 3);
        for (int i = 0; i < references && tables > 1; i++) {
          int target = random.nextInt(tables);
          String column = String.format(Locale.ROOT, tableName, target) + "_id text";
          if (target != table && !columns.contains(column)) {
            columns.add(column);
          }
        }
        if (table % 3 == 0 && columns.size() < columnsPerTable) {
          columns.add("parent_id text");
        }
        for (int i = 0; columns.size() < columnsPerTable; i++) {
          columns.add("c" + i + " " + PLAIN_TYPES[(table + i) % PLAIN_TYPES.length] + (i % 4 == 0 ? " NOT NULL" : ""));
        }
        batch.append("CREATE TABLE ").append(SCHEMA).append('.').append(name)
            .append(" (").append(String.join(", ", columns)).append(");\n");
        if (table % 2 == 0 && columns.size() > 1) {
          String firstColumn = columns.get(1).substring(0, columns.get(1).indexOf(' '));
          batch.append("CREATE INDEX ON ").append(SCHEMA).append('.').append(name)
              .append(" (").append(firstColumn).append(");\n");
        }
        if ((table + 1) % TABLES_PER_BATCH == 0 || table == tables - 1) {
          statement.execute(batch.toString());
          batch.setLength(0);
        }
      }
    }
  }
}
