package dev.ferry.codegen.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.codegen.fixture.Corpora;
import dev.ferry.testing.Cli;
import dev.ferry.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry generate jpa} run twice through the command line: the second run rewrites the
 * generated regions (a new column, a new table's inverse association) and keeps the user's import
 * and method outside them; {@code --check} then finds nothing stale, and after a table is dropped
 * reports its entity, which it does not delete since the file is shared.
 */
class JpaRegenerationTest {
  @TempDir Path out;

  @Test
  void regenerationRewritesTheRegionsAndKeepsTheUsersCode() throws IOException {
    Corpora.Corpus stripe = Corpora.FOUNDATION.stream().filter(c -> c.name().equals("stripe")).findFirst().orElseThrow();
    String url = Corpora.database(stripe);
    assertThat(run("generate", "jpa", "--database-url", url, "--schema", "stripe", "--out", out.toString())).startsWith("jpa: 23 models");
    Path customer = out.resolve("src/main/java/ferry/stripe/Customer.java");
    String first = Files.readString(customer);
    assertThat(first)
        .contains("package ferry.stripe;")
        .contains("@Immutable")
        .contains("@Table(\n    schema = \"stripe\",\n    name = \"customer\"\n)")
        .contains("@OneToMany(\n      mappedBy = \"customer\"\n  )\n  private List<Subscription> subscriptions = new ArrayList<>();");
    Files.writeString(customer, first
        .replace("// ferry:generated:begin entity", "import java.util.Optional;\n\n// ferry:generated:begin entity")
        .replace("  // ferry:generated:end\n}", "  // ferry:generated:end\n\n  public Optional<String> emailIfAny() {\n    return Optional.ofNullable(getEmail());\n  }\n}"));

    TestPostgres.execute(url, "ALTER TABLE stripe.customer ADD COLUMN mobile_phone text;"
        + " CREATE TABLE stripe.tax_id (id text PRIMARY KEY, customer_id text, value text)");
    run("generate", "jpa", "--database-url", url, "--schema", "stripe", "--out", out.toString());

    assertThat(Files.readString(customer))
        .contains("private String mobilePhone;")
        .contains("private List<TaxId> taxIds = new ArrayList<>();")
        .contains("import java.util.Optional;\n\n// ferry:generated:begin entity")
        .contains("  public Optional<String> emailIfAny() {");
    assertThat(out.resolve("src/main/java/ferry/stripe/TaxId.java")).exists();
    assertThat(run("generate", "jpa", "--check", "--database-url", url, "--schema", "stripe", "--out", out.toString()))
        .contains("unchanged").doesNotContain("stale");

    TestPostgres.execute(url, "DROP TABLE stripe.tax_id");
    assertThat(runExpecting(1, "generate", "jpa", "--check", "--database-url", url, "--schema", "stripe", "--out", out.toString()))
        .contains("stale: src/main/java/ferry/stripe/TaxId.java: its table is gone");
  }

  private static String run(String... args) {
    return runExpecting(0, args);
  }

  private static String runExpecting(int exitCode, String... args) {
    return Cli.run(args).expecting(exitCode).out();
  }
}
