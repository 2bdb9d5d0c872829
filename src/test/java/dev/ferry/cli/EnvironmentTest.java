package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.errors.ExitCodes;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.testing.HangGuard;
import dev.ferry.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real {@code ferry} process reads from outside its command line: {@code DATABASE_URL} from
 * the environment, and the Stripe key from {@code ./ferry.yaml} in its working directory. Each test
 * runs Ferry in a child JVM with the test classpath.
 */
class EnvironmentTest {
  private static String url;

  @TempDir Path dir;

  @BeforeAll
  static void createDatabase() {
    url = TestPostgres.newDatabase("environment");
    TestPostgres.execute(url, "CREATE SCHEMA app; CREATE TABLE app.thing (id int PRIMARY KEY);");
  }

  private record Outcome(int exitCode, String output) {}

  /** Runs {@code ferry args} in {@link #dir} with DATABASE_URL set and no STRIPE_API_KEY. */
  private Outcome ferry(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.ferry.Ferry"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("DATABASE_URL", url);
    builder.environment().remove("STRIPE_API_KEY");
    Process child = builder.start();
    child.getOutputStream().close();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES)).as(output).isTrue();
    return new Outcome(child.exitValue(), output);
  }

  @Test
  void databaseUrlInTheEnvironmentIsUsedWithoutTheOption() throws Exception {
    Outcome outcome = ferry("inspect", "--schema", "app");
    assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    assertThat(outcome.output()).contains("== app.thing (table)");
  }

  @Test
  void syncTakesTheStripeKeyFromFerryYamlAndNeverPrintsIt() throws Exception {
    try (StripeSandbox sandbox = new StripeSandbox(SandboxData.generate(7, 30)).start()) {
      Files.writeString(dir.resolve("ferry.yaml"), "sync:\n  stripe:\n    api_key: " + sandbox.apiKey() + "\n");
      Outcome outcome = ferry("sync", "stripe", "--api-base", sandbox.baseUrl(), "--rate", "1000", "--objects", "customer");
      assertThat(outcome.exitCode()).as(outcome.output()).isZero();
      assertThat(outcome.output()).contains("synced stripe").doesNotContain(sandbox.apiKey());

      Files.writeString(dir.resolve("ferry.yaml"), "sync:\n  stripe:\n    apikey: " + sandbox.apiKey() + "\n");
      Outcome typo = ferry("sync", "stripe", "--api-base", sandbox.baseUrl());
      assertThat(typo.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG);
      assertThat(typo.output()).startsWith("ferry: ferry.yaml line 3: unknown key 'apikey'").doesNotContain(sandbox.apiKey());
    }
  }
}
