package dev.ferry.cli;

import dev.ferry.db.EmbeddedDatabase;
import dev.ferry.errors.FerryException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** What {@code ferry bench inspect} and {@code ferry bench generate} share: the synthetic schema's sizes and where it is built. */
final class BenchSchemaOptions {
  @Option(names = "--tables", paramLabel = "N", split = ",",
      description = "Schema sizes to generate, one after the other (default: 2000,100).")
  List<Integer> tables = List.of(2000, 100);

  @Option(names = "--columns-per-table", paramLabel = "N", description = "Columns per table, the id included (default: ${DEFAULT-VALUE}).")
  int columnsPerTable = 30;

  @Option(names = "--database-url", paramLabel = "URL",
      description = "Postgres to use instead of an embedded one (DATABASE_URL is deliberately not read).")
  String databaseUrl;

  /** A benchmark run against the Postgres at a URL. */
  @FunctionalInterface
  interface Bench {
    int run(String url) throws Exception;
  }

  /** Checks the sizes and {@code runs}, then runs {@code bench} on --database-url, or on an embedded Postgres started for it. */
  int run(int runs, PrintWriter out, Bench bench) throws Exception {
    if (tables.stream().anyMatch(n -> n < 1) || columnsPerTable < 1 || runs < 1) {
      throw FerryException.usage("--tables, --columns-per-table and --runs must be at least 1");
    }
    if (databaseUrl != null) {
      return bench.run(databaseUrl);
    }
    out.println("Starting an embedded Postgres...");
    out.flush();
    try (EmbeddedDatabase embedded = EmbeddedDatabase.start()) {
      return bench.run(embedded.url("postgres"));
    }
  }
}
