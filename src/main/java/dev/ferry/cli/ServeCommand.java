package dev.ferry.cli;

import dev.ferry.cli.options.DatabaseOptions;
import dev.ferry.cli.options.SourceOptions;
import dev.ferry.cli.options.SyncTargetOptions;
import dev.ferry.db.Secrets;
import dev.ferry.sync.engine.SyncEngine;
import dev.ferry.sync.engine.SyncListener;
import dev.ferry.sync.engine.TableLayout;
import dev.ferry.sync.engine.WebhookServer;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry serve}: accepts Stripe webhook deliveries and applies them at once, while the usual
 * change-feed polling keeps running as the safety net (webhooks can be lost, late or duplicated).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Receive a source's webhooks (POST /webhooks/<source>, e.g. /webhooks/stripe) and apply them at once;"
        + " polling continues as the safety net.")
public final class ServeCommand implements Runnable {
  @Mixin DatabaseOptions database;
  @Mixin SyncTargetOptions target;
  @Parameters(index = "0", arity = "0..1", defaultValue = "stripe", paramLabel = "SOURCE",
      description = "Source whose webhooks to receive (default: ${DEFAULT-VALUE})")
  String sourceName;

  @Mixin SourceOptions api;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", defaultValue = "8787", description = "Port to listen on (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--webhook-secret", split = ",", paramLabel = "SECRET",
      description = "Endpoint signing secret(s), e.g. Stripe's whsec_...; several during rotation"
          + " (default: the source's variable, e.g. $STRIPE_WEBHOOK_SECRET)")
  List<String> secrets;

  @Option(names = "--tolerance", defaultValue = "300", description = "Seconds a signature timestamp may be off (default: ${DEFAULT-VALUE})")
  long toleranceSeconds;

  @Option(names = "--no-poll", negatable = true, description = "Do not poll the change feed alongside webhooks")
  boolean noPoll;

  @Option(names = "--poll-interval", paramLabel = "MILLIS", defaultValue = "1000", description = "Milliseconds between polls (default: ${DEFAULT-VALUE})")
  long pollMillis;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    SourceProvider provider = SyncSources.provider(sourceName);
    List<String> given = secrets != null ? secrets
        : List.of(Objects.requireNonNullElse(System.getenv(provider.webhookSecretVariable()), "").split(","));
    List<String> signing = given.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (signing.isEmpty()) {
      throw FerryException.usage("no webhook signing secret: pass --webhook-secret or set " + provider.webhookSecretVariable());
    }
    signing.forEach(Secrets::register);
    SyncListener listener = SyncProgress.forOutput(out, false);
    try (Source source = provider.open(api.settings(provider, signing, Duration.ofSeconds(toleranceSeconds)))) {
      TableLayout layout = target.layout(source.name());
      SyncEngine engine = new SyncEngine(database.database(), source, layout, listener);
      engine.claimDestination(); // held until exit, webhooks included
      engine.addTypes(List.of());
      WebhookServer server = new WebhookServer(engine, source, host, port, "/webhooks/" + source.name(), listener);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        engine.stop();
        server.close();
        stopped.countDown();
      }, "ferry-serve-stop"));
      server.start();
      out.println("ferry serve: listening on http://" + host + ":" + server.port() + "/webhooks/" + source.name()
          + ", writing to " + layout);
      out.flush();
      if (noPoll) {
        stopped.await();
      } else {
        SyncSources.run(() -> engine.run(new SyncEngine.Options(List.of(), SyncCommand.DEFAULT_PARALLELISM, true, Duration.ofMillis(pollMillis), 500)));
      }
    } catch (IOException e) {
      throw new FerryException(ExitCodes.FAILURE, "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
