package dev.ferry.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.codegen.fixture.EctoArFixture;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry generate ecto|activerecord} end to end: real database, read side, naming, files on disk. */
class EctoActiveRecordGenerateCommandTest {
  @TempDir Path out;

  @Test
  void generatesBothTargetsWithASummaryAndThenReportsNothingStale() {
    String url = EctoArFixture.database("generate_cli", false);

    String first = run(0, "generate", "ecto", "--database-url", url, "--schema", "stripe", "--out", out.toString(), "--app", "Billing");
    run(0, "generate", "activerecord", "--database-url", url, "--schema", "stripe", "--out", out.toString());
    String check = run(0, "generate", "ecto", "--database-url", url, "--schema", "stripe", "--out", out.toString(), "--app", "Billing", "--check");

    assertThat(first).startsWith("ecto: 5 models, ");
    assertThat(out.resolve("lib/billing/stripe/subscription.ex")).exists();
    assertThat(out.resolve("app/models/stripe_data/subscription.rb")).exists();
    assertThat(check).doesNotContain("stale");
  }

  @Test
  void aNamespaceForSeveralSchemasIsAUserError() throws Exception {
    String url = EctoArFixture.database("generate_cli_namespace", false);
    Run run = Cli.run("generate", "activerecord", "--database-url", url, "--schema", "stripe", "--schema", "dvd",
        "--namespace", "Billing", "--out", out.toString());

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("option namespace names one schema's models; 2 schemas were inspected");
    assertThat(Files.exists(out.resolve("app"))).isFalse();
  }

  private static String run(int expectedCode, String... args) {
    return Cli.run(args).expecting(expectedCode).out();
  }
}
