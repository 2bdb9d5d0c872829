package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.errors.ExitCodes;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sandbox.stripe.Webhooks;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.HangGuard;
import dev.ferry.testing.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flags of {@code ferry sync} and {@code ferry serve}: impossible values are usage errors (exit 2,
 * one line), and secrets can come from files, which keeps them out of the process list.
 */
class SyncFlagsTest {
  @TempDir Path dir;

  private static Run ferry(String... args) {
    return Cli.run(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "serve --tolerance -1", "serve --tolerance 0", "serve --port 99999", "serve --port -1", "serve --max-body 0",
      "serve --header-timeout 0", "serve --body-timeout -5", "serve --max-connections 0", "serve --poll-interval 0",
      "sync --parallelism 0", "sync --poll-interval -1", "sync --rate 0"})
  void impossibleValuesAreUsageErrors(String command) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--database-url", "postgres://localhost:1/none", "--api-key", "sk_test_unused", "--webhook-secret",
        "whsec_unused"));
    if (command.startsWith("sync")) {
      args.removeAll(List.of("--webhook-secret", "whsec_unused"));
    }
    Run outcome = ferry(args.toArray(String[]::new));
    assertThat(outcome.exit()).as(outcome.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.err()).startsWith("ferry: ").hasLineCount(1).doesNotContain("unexpected", "Exception");
    assertThat(outcome.err()).contains(command.split(" ")[1]);
  }

  @Test
  void aMissingOrEmptySecretFileIsAUsageErrorNamingTheFile() throws Exception {
    Run missing = ferry("sync", "--database-url", "postgres://localhost:1/none", "--api-key-file", dir.resolve("nokey").toString());
    assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).isEqualTo("ferry: cannot read --api-key-file " + dir.resolve("nokey") + ": no such file\n");

    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    Run blank = ferry("serve", "--database-url", "postgres://localhost:1/none", "--api-key", "sk_test_unused",
        "--webhook-secret-file", empty.toString());
    assertThat(blank.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(blank.err()).isEqualTo("ferry: --webhook-secret-file " + empty + " is empty\n");

    Run both = ferry("sync", "--api-key", "sk_test_x", "--api-key-file", empty.toString());
    assertThat(both.exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void syncReadsTheKeyFromAFile() throws Exception {
    try (StripeSandbox sandbox = new StripeSandbox(SandboxData.generate(9, 30)).start()) {
      Path key = Files.writeString(dir.resolve("stripe-api-key"), sandbox.apiKey() + "\n");
      Run outcome = ferry("sync", "stripe", "--database-url", TestPostgres.newDatabase("key_file"), "--api-key-file",
          key.toString(), "--api-base", sandbox.baseUrl(), "--rate", "1000", "--objects", "customer");
      assertThat(outcome.exit()).as(outcome.err()).isZero();
      assertThat(outcome.out()).contains("synced stripe").doesNotContain(sandbox.apiKey());
    }
  }

  @Test
  void serveReadsItsSecretsFromFilesAndTheyNeverShowInTheProcessList() throws Exception {
    String secret = "whsec_fromAFile0123456789";
    try (StripeSandbox sandbox = new StripeSandbox(SandboxData.generate(9, 30)).start()) {
      Path key = Files.writeString(dir.resolve("stripe-api-key"), sandbox.apiKey() + "\n");
      Path secrets = Files.writeString(dir.resolve("stripe-webhook-secret"), "whsec_rotatedOut\n" + secret + "\n");
      String database = TestPostgres.newDatabase("secret_files");
      assertThat(ferry("sync", "--database-url", database, "--api-key-file", key.toString(), "--api-base", sandbox.baseUrl(),
          "--rate", "1000", "--objects", "customer").exit()).isZero();
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
          "-cp", System.getProperty("java.class.path"), "dev.ferry.Ferry", "serve", "stripe",
          "--database-url", database, "--api-key-file", key.toString(),
          "--webhook-secret-file", secrets.toString(), "--api-base", sandbox.baseUrl(), "--port", "0", "--no-poll");
      Process serve = new ProcessBuilder(command).redirectErrorStream(true).start();
      try {
        BufferedReader output = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        String line;
        Matcher listening = null;
        while ((line = output.readLine()) != null) {
          listening = Pattern.compile("listening on (http://\\S+/webhooks/stripe)").matcher(line);
          if (listening.find()) {
            break;
          }
        }
        assertThat(line).as("ferry serve said where it listens").isNotNull();
        String cmdline = Files.readString(Path.of("/proc", Long.toString(serve.pid()), "cmdline"));
        assertThat(cmdline).contains("--webhook-secret-file").doesNotContain(secret, sandbox.apiKey());

        long now = System.currentTimeMillis() / 1000;
        String body = "{\"id\":\"evt_file\",\"object\":\"event\",\"type\":\"customer.created\",\"created\":" + now
            + ",\"data\":{\"object\":{\"id\":\"cus_file\",\"object\":\"customer\",\"created\":" + now + ",\"metadata\":{}}}}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(listening.group(1)))
            .POST(HttpRequest.BodyPublishers.ofString(body)).header("Stripe-Signature", Webhooks.signatureHeader(body, now, secret))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"applied\":1");
      } finally {
        serve.destroy();
        assertThat(serve.waitFor(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES)).isTrue();
      }
    }
  }
}
