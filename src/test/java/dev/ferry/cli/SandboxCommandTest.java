package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

  @Test
  void sandbox_stripe_prints_its_url_and_key_and_serves_until_the_duration_ends() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = FerryCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> cli.execute("sandbox", "stripe", "--size", "100", "--seed", "3", "--rate", "0", "--duration", "6"));
    Matcher url = null;
    for (int i = 0; i < 100 && (url == null || !url.find(0)); i++) {
      Thread.sleep(50);
      url = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(out.toString());
    }
    assertThat(url.find(0)).as(out + " / " + err).isTrue();
    Matcher key = Pattern.compile("API key: (sk_test_\\S+)").matcher(out.toString());
    assertThat(key.find()).isTrue();
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
}
