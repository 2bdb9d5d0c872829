package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.FerryCommand;
import dev.ferry.sandbox.stripe.StripeSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code ferry <args>} run in this JVM as a user would type it, with what it printed and its exit code. */
public final class Cli {
  private Cli() {}

  public record Run(int exit, String out, String err) {
    /** Fails with what the command printed unless it exited with {@code expected}. */
    public Run expecting(int expected) {
      assertThat(exit).as("exit of ferry; it printed:%n%s%s", out, err).isEqualTo(expected);
      return this;
    }
  }

  public static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = FerryCommand.newCommandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  public static Run run(List<String> args) {
    return run(args.toArray(String[]::new));
  }

  /** {@code ferry sync stripe} from a local Stripe sandbox into {@code url}, its rate limit out of the way. */
  public static Run syncStripe(StripeSandbox sandbox, String url, String... extra) {
    List<String> args = new ArrayList<>(List.of("sync", "stripe", "--database-url", url, "--api-key", sandbox.apiKey(),
        "--api-base", sandbox.baseUrl(), "--rate", "1000"));
    args.addAll(List.of(extra));
    return run(args);
  }
}
