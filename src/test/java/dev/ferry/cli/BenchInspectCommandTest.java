package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Smoke tests: tiny sizes, checking that the benchmark runs and prints its figures (never their values). */
class BenchInspectCommandTest {
  private static final String FIGURE = "min +\\d+ ms   median +\\d+ ms";

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome bench(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = FerryCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int code = commandLine.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void printsIntrospectionInferenceAndTotalTimesOnAGivenDatabaseAndDropsItsSchema() throws Exception {
    String url = TestPostgres.newDatabase("bench_inspect");
    Outcome outcome =
        bench("bench", "inspect", "--tables", "12", "--columns-per-table", "7", "--runs", "3", "--database-url", url);

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out())
        .contains("Building 12 tables × 7 columns (84 columns) in schema ferry_bench")
        .contains("Read 12 tables, 84 columns; found ")
        .contains("Timings over 3 runs after one warm-up run:")
        .containsPattern("  introspection +" + FIGURE + "\n")
        .containsPattern("  inference +" + FIGURE + "\n")
        .containsPattern("  total +" + FIGURE + "   target < 1000 ms: (met|missed)\n")
        .containsPattern("  inference CPU +" + FIGURE + "   \\(this thread only\\)\n")
        .containsPattern("  garbage collection took \\d+ ms of the timed runs; \\d+ CPUs, load average [\\d.-]+\n");
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
    Outcome outcome = bench("bench", "generate", "--tables", "250", "--columns-per-table", "4", "--runs", "1", "--target", "sql",
        "--database-url", url);

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("Read 250 tables");
    try (Connection connection = dev.ferry.db.Database.of(url).connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'ferry_bench'")) {
      rows.next();
      assertThat(rows.getInt(1)).isZero();
    }
  }

  @Test
  void startsAnEmbeddedPostgresWithoutAUrl() {
    Outcome outcome = bench("bench", "inspect", "--tables", "3", "--columns-per-table", "2", "--runs", "1");
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).startsWith("Starting an embedded Postgres...\n").containsPattern("  total +" + FIGURE);
  }

  @Test
  void rejectsSizesBelowOne() {
    Outcome outcome = bench("bench", "inspect", "--tables", "0");
    assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.err()).startsWith("ferry: --tables, --columns-per-table and --runs must be at least 1");
  }
}
