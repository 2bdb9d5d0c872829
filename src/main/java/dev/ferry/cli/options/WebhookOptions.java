package dev.ferry.cli.options;

import dev.ferry.errors.FerryException;
import dev.ferry.db.Secrets;
import dev.ferry.sync.source.SourceProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Webhook signing secrets for any source: {@code --webhook-secret} or {@code --webhook-secret-file}
 * (one secret per line or comma-separated; several while rotating), else the source's variable
 * ({@code $STRIPE_WEBHOOK_SECRET}), and the signature timestamp {@code --tolerance}. The secrets are
 * registered for redaction at once.
 */
public final class WebhookOptions {
  @ArgGroup(exclusive = true)
  Secret secret;

  static final class Secret {
    @Option(names = "--webhook-secret", split = ",", paramLabel = "SECRET",
        description = "Endpoint signing secret(s), e.g. Stripe's whsec_...; several during rotation (visible in ps:"
            + " prefer --webhook-secret-file or the variable; default: the source's variable, e.g. $STRIPE_WEBHOOK_SECRET)")
    List<String> values;

    @Option(names = "--webhook-secret-file", paramLabel = "FILE",
        description = "Read the signing secret(s) from FILE, one per line or comma-separated")
    Path file;
  }

  @Option(names = "--tolerance", paramLabel = "SECONDS", defaultValue = "300",
      description = "Seconds a signature timestamp may be off (default: ${DEFAULT-VALUE})")
  long toleranceSeconds;

  /** The signing secrets, registered as secrets; a usage error when there are none. */
  public List<String> secrets(SourceProvider provider) {
    String joined = secret == null ? Objects.requireNonNullElse(System.getenv(provider.webhookSecretVariable()), "")
        : secret.file != null ? SecretFile.read("--webhook-secret-file", secret.file)
        : String.join(",", secret.values);
    List<String> secrets = Arrays.stream(joined.split("[,\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (secrets.isEmpty()) {
      throw FerryException.usage("no webhook signing secret: set " + provider.webhookSecretVariable()
          + ", or use --webhook-secret-file or --webhook-secret");
    }
    secrets.forEach(Secrets::register);
    return secrets;
  }

  /** How far a signature's timestamp may be from now; at least one second. */
  public Duration tolerance() {
    if (toleranceSeconds < 1) {
      throw FerryException.usage("--tolerance must be at least 1 second, got " + toleranceSeconds);
    }
    return Duration.ofSeconds(toleranceSeconds);
  }
}
