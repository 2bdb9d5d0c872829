package dev.ferry.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.FerryCommand;
import dev.ferry.codegen.fixture.Corpora;
import dev.ferry.codegen.fixture.Corpora.Corpus;
import dev.ferry.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migrations {@code ferry generate} writes for test databases (plain SQL, Prisma's
 * migration.sql) recreate every corpus schema: applied to an empty database, {@code ferry inspect
 * --format json} of the result prints the same bytes as for the source.
 */
class MigrationRoundTripTest {
  @TempDir Path out;

  static Stream<Corpus> corpora() {
    return Corpora.FOUNDATION.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpora")
  void sql_and_prisma_migrations_recreate_the_schema_as_ferry_inspect_sees_it(Corpus corpus) throws Exception {
    String source = Corpora.database(corpus);
    ferry(source, corpus, "generate", "sql", "--out", out.toString());
    ferry(source, corpus, "generate", "prisma", "--out", out.toString());
    String expected = ferry(source, corpus, "inspect", "--format", "json");

    List<Path> migrations = new ArrayList<>();
    for (String schema : corpus.schemas()) {
      migrations.add(out.resolve("db/ferry/" + schema + ".sql"));
      migrations.add(out.resolve("prisma/migrations/20000101000000_" + schema + "/migration.sql"));
    }
    for (Path migration : migrations) {
      String copy = TestPostgres.newDatabase("roundtrip_" + corpus.name());
      TestPostgres.execute(copy, Files.readString(migration));
      assertThat(ferry(copy, corpus, "inspect", "--format", "json")).as(out.relativize(migration).toString()).isEqualTo(expected);
    }
  }

  private static String ferry(String url, Corpus corpus, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--database-url", url));
    corpus.schemas().forEach(s -> args.addAll(List.of("--schema", s)));
    if (!corpus.tablePrefix().isEmpty()) {
      args.addAll(List.of("--table-prefix", corpus.tablePrefix()));
    }
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = FerryCommand.newCommandLine().setOut(new PrintWriter(stdout)).setErr(new PrintWriter(stderr)).execute(args.toArray(String[]::new));
    assertThat(code).as("ferry %s: %s", String.join(" ", command), stderr).isZero();
    return stdout.toString();
  }
}
