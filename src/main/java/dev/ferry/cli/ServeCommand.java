package dev.ferry.cli;

import dev.ferry.cli.options.DatabaseOptions;
import dev.ferry.cli.options.StripeOptions;
import dev.ferry.cli.options.SyncTargetOptions;
import dev.ferry.db.Secrets;
import dev.ferry.sync.engine.SyncEngine;
import dev.ferry.sync.engine.SyncListener;
import dev.ferry.sync.engine.TableLayout;
import dev.ferry.sync.engine.WebhookServer;
import dev.ferry.sync.source.stripe.StripeSource;
import dev.ferry.sync.source.stripe.StripeWebhooks;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry serve}: accepts Stripe webhook deliveries and applies them at once, while the usual
 * change-feed polling keeps running as the safety net (webhooks can be lost, late or duplicated).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Receive Stripe webhooks (POST /webhooks/stripe) and apply them at once; polling continues as the safety net.")
public final class ServeCommand implements Runnable {
  @Mixin DatabaseOptions database;
  @Mixin SyncTargetOptions target;
  @Mixin StripeOptions stripe;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", defaultValue = "8787", description = "Port to listen on (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--webhook-secret", split = ",", paramLabel = "WHSEC", defaultValue = "${env:STRIPE_WEBHOOK_SECRET}",
      description = "Endpoint signing secret(s) whsec_...; several during rotation (default: $STRIPE_WEBHOOK_SECRET)")
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
    if (secrets == null || secrets.stream().allMatch(s -> s == null || s.isBlank())) {
      throw FerryException.usage("no webhook signing secret: pass --webhook-secret whsec_... or set STRIPE_WEBHOOK_SECRET");
    }
    secrets.forEach(Secrets::register);
    StripeWebhooks webhooks = new StripeWebhooks(secrets.stream().filter(s -> !s.isBlank()).toList(),
        Duration.ofSeconds(toleranceSeconds), Clock.systemUTC());
    SyncListener listener = SyncProgress.forOutput(out, false);
    try (StripeSource source = new StripeSource(stripe.config(), webhooks)) {
      TableLayout layout = target.layout(source.name());
      SyncEngine engine = new SyncEngine(database.database(), source, layout, listener);
      engine.addTypes(List.of());
      WebhookServer server = new WebhookServer(engine, source, host, port, "/webhooks/stripe", listener);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        engine.stop();
        server.close();
        stopped.countDown();
      }, "ferry-serve-stop"));
      server.start();
      out.println("ferry serve: listening on http://" + host + ":" + server.port() + "/webhooks/stripe, writing to " + layout);
      out.flush();
      if (noPoll) {
        stopped.await();
      } else {
        SyncSources.run(() -> engine.run(new SyncEngine.Options(List.of(), 8, true, Duration.ofMillis(pollMillis), 500)));
      }
    } catch (IOException e) {
      throw new FerryException(ExitCodes.FAILURE, "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
