package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import dev.ferry.sandbox.hubspot.HubSpotAccount;
import dev.ferry.sandbox.hubspot.HubSpotSandbox;
import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry sandbox stripe|hubspot|salesforce}: runs a local API sandbox standalone. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = "Run a local stand-in for a SaaS API (no network, no account).",
    subcommands = {SandboxCommand.Stripe.class, SandboxCommand.HubSpot.class, SandboxCommand.Salesforce.class})
public final class SandboxCommand implements java.util.concurrent.Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return FerryCommand.missingCommand(spec);
  }

  /** The options every sandbox takes: where it listens, what it generates from, how long it runs. */
  static final class Common {
    @Option(names = "--port", description = "Port to listen on (default: a free one).")
    int port;

    @Option(names = "--seed", description = "Seed of the generated data: a seed always gives the same data (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--duration", description = "Stop after this many seconds (default: run until interrupted).")
    long durationSeconds;

    /** Starts the sandbox; a port that cannot be taken is the user's error, with the OS's reason. */
    void start(Startable sandbox) {
      try {
        sandbox.start();
      } catch (IOException e) {
        throw new FerryException(ExitCodes.CANNOT_CONNECT, "cannot listen on port " + port + ": " + e.getMessage());
      }
    }

    /** Prints {@code lines}, then serves until {@code --duration} ends or the process is stopped. */
    void serve(PrintWriter out, String... lines) throws InterruptedException {
      for (String line : lines) {
        out.println(line);
      }
      out.flush();
      CountDownLatch forever = new CountDownLatch(1);
      if (durationSeconds > 0) {
        forever.await(Duration.ofSeconds(durationSeconds).toMillis(), TimeUnit.MILLISECONDS);
      } else {
        forever.await();
      }
    }
  }

  @FunctionalInterface
  interface Startable {
    void start() throws IOException;
  }

  @Command(name = "stripe", mixinStandardHelpOptions = true, description = "Serve a generated Stripe account on 127.0.0.1 (see docs/stripe-sandbox.md).")
  static final class Stripe implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin Common common;

    @Option(names = "--size", description = "Approximate number of objects (default: ${DEFAULT-VALUE}).")
    int size = 2000;

    @Option(names = "--rate", description = "Requests per second before 429s (0 = unlimited, default: ${DEFAULT-VALUE}).")
    double rate = 100;

    @Option(names = "--mutations-per-second", description = "Random changes (with events) made every second (default: 0).")
    int mutationsPerSecond;

    @Option(names = "--webhook", description = "Endpoint URL to deliver events to.")
    String webhookUrl;

    @Option(names = "--webhook-secret", description = "Signing secret for --webhook (default: ${DEFAULT-VALUE}).")
    String webhookSecret = "whsec_ferrysandbox";

    @Option(names = "--wall-clock", description = "Generate the account up to now and keep the sandbox clock at least at"
        + " the wall clock (default: a fixed clock at 2026-01-01, so a seed always gives the same data).")
    boolean wallClock;

    @Override
    public Integer call() throws IOException, InterruptedException {
      if (size < 1) {
        throw FerryException.usage("--size must be at least 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      SandboxData data = wallClock
          ? SandboxData.generate(common.seed, size, java.time.Instant.now(), false)
          : SandboxData.generate(common.seed, size);
      data.followWallClock(wallClock);
      ScheduledExecutorService mutations = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-mutations");
        t.setDaemon(true);
        return t;
      });
      try (StripeSandbox sandbox = new StripeSandbox(data).port(common.port).rateLimit(rate)) {
        common.start(sandbox::start);
        if (webhookUrl != null) {
          sandbox.webhooks().register(webhookUrl, webhookSecret);
        }
        if (mutationsPerSecond > 0) {
          long[] round = {0};
          mutations.scheduleAtFixedRate(() -> data.mutate(common.seed + ++round[0], mutationsPerSecond), 1, 1, TimeUnit.SECONDS);
        }
        common.serve(out,
            "Stripe sandbox listening on " + sandbox.baseUrl(),
            "API key: " + sandbox.apiKey(),
            "Objects: " + data.totalObjects() + " (seed " + common.seed + "), rate limit: "
                + (rate > 0 ? rate + " req/s" : "none") + ", clock: " + data.clock(),
            "ferry sync stripe --api-base " + sandbox.baseUrl() + " --api-key " + sandbox.apiKey());
      } finally {
        mutations.shutdownNow();
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "hubspot", mixinStandardHelpOptions = true,
      description = "Serve a generated HubSpot account on 127.0.0.1 (see docs/hubspot.md).")
  static final class HubSpot implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin Common common;

    @Option(names = "--contacts", description = "Number of contacts; the other objects follow in proportion (default: ${DEFAULT-VALUE}).")
    int contacts = 3000;

    @Option(names = "--limit", description = "Requests per rolling ten seconds before 429s (0 = unlimited, default: ${DEFAULT-VALUE}).")
    int limit = 100;

    @Option(names = "--webhook", description = "Target URL to deliver webhook events to.")
    String webhookUrl;

    @Option(names = "--client-secret", description = "App client secret signing --webhook deliveries (default: ${DEFAULT-VALUE}).")
    String clientSecret = "ferry-sandbox-client-secret";

    @Override
    public Integer call() throws IOException, InterruptedException {
      if (contacts < 1) {
        throw FerryException.usage("--contacts must be at least 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      HubSpotAccount account = HubSpotAccount.generate(common.seed, contacts);
      try (HubSpotSandbox sandbox = new HubSpotSandbox(account).port(common.port).tenSecondLimit(limit)) {
        common.start(sandbox::start);
        if (webhookUrl != null) {
          sandbox.webhooks().register(webhookUrl, clientSecret);
        }
        common.serve(out,
            "HubSpot sandbox listening on " + sandbox.baseUrl(),
            "Access token: " + sandbox.token(),
            "Client secret (webhook signatures): " + clientSecret,
            "Contacts: " + account.liveCount("contacts") + " (seed " + common.seed + "), rate limit: "
                + (limit > 0 ? limit + " requests / 10 s" : "none"),
            "ferry sync hubspot --api-base " + sandbox.baseUrl() + " --api-key " + sandbox.token());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "salesforce", mixinStandardHelpOptions = true,
      description = "Serve a generated Salesforce org on 127.0.0.1: OAuth, REST, SOQL, Bulk API 2.0 (see docs/salesforce.md).")
  static final class Salesforce implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin Common common;

    @Option(names = "--accounts", description = "Accounts in the org, each with contacts, deals, cases, activities (default: ${DEFAULT-VALUE}).")
    int accounts = 200;

    @Option(names = "--daily-limit", description = "The org's daily API request allocation (default: ${DEFAULT-VALUE}).")
    long dailyLimit = 1_000_000;

    @Override
    public Integer call() throws InterruptedException {
      if (accounts < 1) {
        throw FerryException.usage("--accounts must be at least 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (SalesforceSandbox sandbox = SalesforceSandbox.generated(common.seed, accounts).port(common.port).dailyLimit(dailyLimit)) {
        common.start(sandbox::start);
        String credentials = SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET;
        common.serve(out,
            "Salesforce sandbox listening on " + sandbox.baseUrl() + " (login and instance URL)",
            "Client credentials: " + credentials + " (consumer key:secret), user " + SalesforceSandbox.USERNAME,
            "Records: " + sandbox.org().total() + " (seed " + common.seed + ", " + accounts + " accounts), daily API requests: " + dailyLimit,
            "ferry sync salesforce --api-base " + sandbox.baseUrl() + " --api-key " + credentials);
      }
      return ExitCodes.OK;
    }
  }
}
