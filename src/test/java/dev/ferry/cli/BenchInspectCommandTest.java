package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.errors.ExitCodes;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.TestPostgres;
import dev.ferry.testing.Toolchains;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Smoke tests: tiny sizes, checking that the benchmark runs and prints its figures (never their values). */
class BenchInspectCommandTest {
  private static final String FIGURE = "min +\\d+ ms   median +\\d+ ms";
  private static final String COLD = " +wall +\\d+ ms   CPU +\\d+ ms   peak RSS +\\d+ MB\n";
  private static final String RATIO = ":   wall \\d+\\.\\d\\d×   CPU \\d+\\.\\d\\d×   peak RSS \\d+\\.\\d\\d×\n";

  private static Run bench(String... args) {
    return Cli.run(args);
  }

  @Test
  void printsWarmTimesThenColdProcessesBesideKyselyCodegenOnAGivenDatabaseAndDropsItsSchema() throws Exception {
    Toolchains.ensure("kysely");
    String url = TestPostgres.newDatabase("bench_inspect");
    Run outcome = bench("bench", "inspect", "--tables", "12,5", "--columns-per-table", "7", "--runs", "3", "--cold-runs", "1",
        "--java-options", "", "--java-options", String.join(" ", ColdCommands.LAUNCHER_OPTIONS), "--database-url", url);

    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.out())
        .contains("Building 12 tables × 7 columns (84 columns) in schema ferry_bench")
        .contains("Read 12 tables, 84 columns; found ")
        .contains("Building 5 tables × 7 columns (35 columns) in schema ferry_bench")
        .contains("Read 5 tables, 35 columns; found ")
        .contains("Warm, in this process (JIT-compiled, classes loaded), over 3 runs after one warm-up run:")
        .containsPattern("  introspection +" + FIGURE + "\n")
        .containsPattern("  inference +" + FIGURE + "\n")
        .containsPattern("  total +" + FIGURE + "   target < 1000 ms: (met|missed)\n")
        .containsPattern("  inference CPU +" + FIGURE + "   \\(this thread only\\)\n")
        .containsPattern("  garbage collection took \\d+ ms of the timed runs; \\d+ CPUs, load average [\\d.-]+\n")
        .contains("Cold, whole processes (a new JVM each, as users run it), medians of 1 run after one unmeasured round, alternated:\n")
        // the plain JVM first, so the ratios below compare the launcher's options and the peer with it
        .containsPattern("\n  ferry inspect --format json \\[plain JVM\\]" + COLD + "  ferry inspect --format json +" + COLD
            + "  kysely-codegen +" + COLD)
        .containsPattern("  ferry inspect --format json / ferry inspect --format json \\[plain JVM\\]" + RATIO)
        .containsPattern("  kysely-codegen / ferry inspect --format json \\[plain JVM\\]" + RATIO)
        .containsPattern("  load average [\\d.]+ on \\d+ CPUs\n");
    assertThat(outcome.out().split("Cold, whole processes", -1)).as("a cold table per schema size").hasSize(3);
    try (Connection connection = dev.ferry.db.Database.of(url).connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'ferry_bench'")) {
      rows.next();
      assertThat(rows.getInt(1)).isZero();
    }
  }

  @Test
  void benchGenerateDropsItsTablesInBatchesThenItsSchema() throws Exception {
    String url = TestPostgres.newDatabase("bench_generate");
    // 250 tables: three DROP TABLE batches, as 2,000 would be twenty on a stock Postgres
    Run outcome = bench("bench", "generate", "--tables", "250", "--columns-per-table", "4", "--runs", "1", "--target", "sql",
        "--cold-runs", "1", "--database-url", url);

    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("Read 250 tables")
        .containsPattern("\n  ferry generate sql +" + COLD);
    try (Connection connection = dev.ferry.db.Database.of(url).connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'ferry_bench'")) {
      rows.next();
      assertThat(rows.getInt(1)).isZero();
    }
  }

  @Test
  void startsAnEmbeddedPostgresWithoutAUrl() {
    Run outcome = bench("bench", "inspect", "--tables", "3", "--columns-per-table", "2", "--runs", "1", "--cold-runs", "0");
    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.out()).startsWith("Starting an embedded Postgres...\n").containsPattern("  total +" + FIGURE);
  }

  @Test
  void rejectsSizesBelowOne() {
    Run outcome = bench("bench", "inspect", "--tables", "0");
    assertThat(outcome.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.err()).startsWith("ferry: --tables, --columns-per-table and --runs must be at least 1");
  }
}
