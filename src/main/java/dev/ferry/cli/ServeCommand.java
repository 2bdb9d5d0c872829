package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;

import dev.ferry.errors.FerryException;

import dev.ferry.cli.options.DatabaseOptions;
import dev.ferry.cli.options.SourceOptions;
import dev.ferry.cli.options.SyncTargetOptions;
import dev.ferry.cli.options.WebhookOptions;
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
  @Mixin WebhookOptions webhooks;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only: put a TLS reverse proxy in front;"
          + " 0.0.0.0 for every interface, e.g. in a container)")
  String host;

  @Option(names = "--port", defaultValue = "8787", description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "" + WebhookServer.Limits.DEFAULT_MAX_BODY,
      description = "Largest delivery body accepted; larger ones get 413 (default: ${DEFAULT-VALUE})")
  long maxBody;

  @Option(names = "--header-timeout", paramLabel = "MILLIS", defaultValue = "10000",
      description = "A connection must send its request headers within this time (default: ${DEFAULT-VALUE})")
  long headerTimeoutMillis;

  @Option(names = "--body-timeout", paramLabel = "MILLIS", defaultValue = "10000",
      description = "A delivery's body must arrive within this time after its headers (default: ${DEFAULT-VALUE})")
  long bodyTimeoutMillis;

  @Option(names = "--max-connections", paramLabel = "N", defaultValue = "512",
      description = "Connections open at once; more wait to be accepted (default: ${DEFAULT-VALUE})")
  int maxConnections;

  @Option(names = "--no-poll", negatable = true, description = "Do not poll the change feed alongside webhooks")
  boolean noPoll;

  @Option(names = "--poll-interval", paramLabel = "MILLIS", defaultValue = "1000", description = "Milliseconds between polls (default: ${DEFAULT-VALUE})")
  long pollMillis;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    WebhookServer.Limits limits = limits();
    Duration tolerance = webhooks.tolerance();
    if (pollMillis < 1) {
      throw FerryException.usage("--poll-interval must be at least 1 millisecond, got " + pollMillis);
    }
    SourceProvider provider = SyncSources.provider(sourceName);
    List<String> signing = webhooks.secrets(provider);
    SyncListener listener = SyncProgress.forOutput(out, false);
    try (Source source = provider.open(api.settings(provider, signing, tolerance))) {
      TableLayout layout = target.layout(source.name());
      SyncEngine engine = new SyncEngine(database.database(), source, layout, listener);
      engine.claimDestination(); // held until exit, webhooks included
      engine.addTypes(List.of());
      WebhookServer server = new WebhookServer(engine, source, host, port, "/webhooks/" + source.name(), listener, limits);
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

  private WebhookServer.Limits limits() {
    if (port < 0 || port > 65535) {
      throw FerryException.usage("--port must be between 0 and 65535, got " + port);
    }
    if (maxBody < 1) {
      throw FerryException.usage("--max-body must be at least 1 byte, got " + maxBody);
    }
    if (headerTimeoutMillis < 1 || bodyTimeoutMillis < 1) {
      throw FerryException.usage("--header-timeout and --body-timeout must be at least 1 millisecond");
    }
    if (maxConnections < 1) {
      throw FerryException.usage("--max-connections must be at least 1, got " + maxConnections);
    }
    return new WebhookServer.Limits(maxBody, Duration.ofMillis(headerTimeoutMillis), Duration.ofMillis(bodyTimeoutMillis),
        maxConnections);
  }
}
