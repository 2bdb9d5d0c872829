package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.errors.ExitCodes;
import dev.ferry.testing.HangGuard;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SandboxCommandTest {
  /** Each sandbox command on a thread of its own: the common pool may have a single thread on a small machine. */
  private static final java.util.concurrent.Executor OWN_THREAD = task -> {
    Thread thread = new Thread(task, "sandbox-command");
    thread.setDaemon(true);
    thread.start();
  };


  @Test
  void sandbox_stripe_prints_its_url_and_key_and_serves_until_the_duration_ends() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = FerryCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> cli.execute("sandbox", "stripe", "--size", "100", "--seed", "3", "--rate", "0", "--duration", "20"), OWN_THREAD);
    Matcher syncLine = null; // the last line printed before serving
    for (long i = 0; i < HangGuard.LIMIT.toMillis() / 50 && (syncLine == null || !syncLine.find(0)); i++) {
      Thread.sleep(50);
      syncLine = Pattern.compile("^ferry sync stripe ", Pattern.MULTILINE).matcher(out.toString());
    }
    assertThat(syncLine.find(0)).as(out + " / " + err).isTrue();
    Matcher url = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(out.toString());
    assertThat(url.find()).isTrue();
    Matcher key = Pattern.compile("API key: (sk_test_\\S+)").matcher(out.toString());
    assertThat(key.find()).isTrue();
    assertThat(out.toString()).contains("\nferry sync stripe --api-base " + url.group(1) + " --api-key " + key.group(1) + "\n");
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url.group(1) + "/v1/customers?limit=3")).header("Authorization", "Bearer " + key.group(1)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"object\":\"list\"");
    assertThat(exit.get()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void a_size_below_one_is_a_usage_error() {
    StringWriter err = new StringWriter();
    CommandLine cli = FerryCommand.newCommandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("sandbox", "stripe", "--size", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--size must be at least 1");
  }

  @Test
  void sandbox_salesforce_prints_a_sync_line_that_syncs_the_org_when_a_database_url_is_added() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = FerryCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> cli.execute("sandbox", "salesforce", "--accounts", "30", "--seed", "4", "--duration", "600"), OWN_THREAD);
    Matcher line = null;
    for (long i = 0; i < HangGuard.LIMIT.toMillis() / 50 && (line == null || !line.find(0)); i++) {
      Thread.sleep(50);
      line = Pattern.compile("^ferry sync salesforce (.+)$", Pattern.MULTILINE).matcher(out.toString());
    }
    assertThat(line.find(0)).as(out.toString()).isTrue();
    assertThat(out.toString()).contains("Salesforce sandbox listening on http://127.0.0.1:").contains("Client credentials: ");
    String url = dev.ferry.testing.TestPostgres.newDatabase("sandbox_salesforce_line");
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("sync", "salesforce"));
    args.addAll(java.util.List.of(line.group(1).split(" ")));
    args.addAll(java.util.List.of("--database-url", url));
    StringWriter syncOut = new StringWriter();
    StringWriter syncErr = new StringWriter();
    CommandLine sync = FerryCommand.newCommandLine();
    sync.setOut(new PrintWriter(syncOut, true));
    sync.setErr(new PrintWriter(syncErr, true));
    assertThat(sync.execute(args.toArray(String[]::new))).as(syncOut + " / " + syncErr).isEqualTo(ExitCodes.OK);
    assertThat(syncOut.toString()).contains("synced salesforce into schema salesforce: ").contains("(18 object types)");
    assertThat(syncOut.toString() + syncErr).doesNotContain(dev.ferry.sandbox.salesforce.SalesforceSandbox.CLIENT_SECRET);
    try (var connection = dev.ferry.db.Database.of(url).connect(); var rows = connection.createStatement()
        .executeQuery("SELECT (SELECT count(*) FROM salesforce.account), (SELECT count(*) FROM salesforce.\"order\")")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(30);
    }
    exit.cancel(true);
  }

  @Test
  void sandbox_hubspot_prints_a_sync_command_that_works_once_a_database_url_is_added() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = FerryCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> cli.execute("sandbox", "hubspot", "--contacts", "60", "--limit", "0", "--duration", "600"), OWN_THREAD);
    Matcher line = null;
    for (long i = 0; i < HangGuard.LIMIT.toMillis() / 50 && (line == null || !line.find(0)); i++) {
      Thread.sleep(50);
      line = Pattern.compile("(?m)^(ferry sync hubspot .+)$").matcher(out.toString());
    }
    assertThat(line.find(0)).as(out.toString()).isTrue();
    assertThat(out.toString()).contains("Access token: pat-na1-").contains("Client secret (webhook signatures): ");
    String url = dev.ferry.testing.TestPostgres.newDatabase("sandbox_hubspot_line");
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(line.group(1).substring("ferry ".length()).split(" ")));
    args.addAll(java.util.List.of("--database-url", url, "--rate", "50"));
    StringWriter syncErr = new StringWriter();
    CommandLine sync = FerryCommand.newCommandLine();
    sync.setOut(new PrintWriter(new StringWriter(), true));
    sync.setErr(new PrintWriter(syncErr, true));
    assertThat(sync.execute(args.toArray(String[]::new))).as(syncErr.toString()).isEqualTo(ExitCodes.OK);
    try (java.sql.Connection connection = dev.ferry.db.Database.of(url).connect();
        java.sql.ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM hubspot.contact")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(60);
    }
    assertThat(exit).isNotCompletedExceptionally();
  }
}
