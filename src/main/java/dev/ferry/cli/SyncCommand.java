package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;

import dev.ferry.cli.options.DatabaseOptions;
import dev.ferry.cli.options.SourceOptions;
import dev.ferry.cli.options.SyncTargetOptions;
import dev.ferry.sync.engine.SyncEngine;
import dev.ferry.sync.engine.TableLayout;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.writer.RowCounts;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry sync [stripe]}: backfill what is missing, apply changes, exit (or keep polling with --watch). */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Copy a SaaS account (Stripe) into Postgres tables Ferry owns, then keep them current."
        + " Stripe is read at API version " + dev.ferry.vendor.stripe.StripeApi.VERSION + " (sent as Stripe-Version on every request).")
public final class SyncCommand implements Runnable {
  @Parameters(index = "0", arity = "0..1", defaultValue = "stripe", paramLabel = "SOURCE", description = "Source to sync (default: ${DEFAULT-VALUE})")
  String sourceName;

  @Mixin DatabaseOptions database;
  @Mixin SyncTargetOptions target;
  @Mixin SourceOptions api;

  @Option(names = "--watch", description = "Keep polling for changes until stopped")
  boolean watch;

  static final long DEFAULT_POLL_MILLIS = 250;

  @Option(names = "--poll-interval", paramLabel = "MILLIS", defaultValue = "" + DEFAULT_POLL_MILLIS,
      description = "Milliseconds between change polls with --watch (default: ${DEFAULT-VALUE})")
  long pollMillis;

  @Option(names = "--objects", split = ",", paramLabel = "TYPE", description = "Object types to sync (default: those added before, else all)")
  List<String> objects;

  // Stripe answers a 100-object list page in roughly 0.3 to 0.6 s, so about 24 requests in flight
  // are needed to keep near the 90 req/s default rate; each slice holds one database connection
  static final int DEFAULT_PARALLELISM = 24;

  @Option(names = "--parallelism", defaultValue = "" + DEFAULT_PARALLELISM,
      description = "Backfill slices read at once, each with its own database connection (default: ${DEFAULT-VALUE})")
  int parallelism;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    if (pollMillis < 1) {
      throw FerryException.usage("--poll-interval must be at least 1 millisecond, got " + pollMillis);
    }
    if (parallelism < 1) {
      throw FerryException.usage("--parallelism must be at least 1, got " + parallelism);
    }
    var provider = SyncSources.provider(sourceName);
    try (Source source = provider.open(api.settings(provider))) {
      TableLayout layout = target.layout(source.name());
      SyncEngine engine = new SyncEngine(database.database(), source, layout, SyncProgress.forOutput(out, SyncProgress.isTerminal()));
      if (watch) {
        Runtime.getRuntime().addShutdownHook(new Thread(engine::stop, "ferry-sync-stop"));
      }
      SyncEngine.Options options = new SyncEngine.Options(
          objects == null ? List.of() : objects, parallelism, watch, Duration.ofMillis(Math.max(10, pollMillis)), 500);
      SyncEngine.Summary summary = SyncSources.run(() -> engine.run(options));
      out.println("synced " + source.name() + " into " + layout + ": " + summary.backfilled() + " objects backfilled, "
          + summary.changes() + " changes applied (" + summary.types().size() + " object types)"
          + (summary.rejected() > 0 ? ", " + summary.rejected() + " rejected" : ""));
      printRows(out, layout, summary);
      out.flush();
      if (summary.rejected() > 0) {
        throw new FerryException(ExitCodes.REJECTED, summary.rejected() + (summary.rejected() == 1 ? " object" : " objects")
            + " could not be written and " + (summary.rejected() == 1 ? "is" : "are") + " kept in ferry.rejected with the reason"
            + " (SELECT object_type, object_id, reason FROM ferry.rejected); the rest is synced");
      }
    }
  }

  /**
   * Per table, the rows it holds after the run (count(*)) beside the rows the run wrote into it, and
   * the totals: held = held before + inserted - deleted, for each table.
   */
  private static void printRows(PrintWriter out, TableLayout layout, SyncEngine.Summary summary) {
    String totalLabel = "total (" + summary.rows().size() + " tables)";
    int width = totalLabel.length();
    for (String type : summary.rows().keySet()) {
      width = Math.max(width, layout.table(type).length());
    }
    String format = "%-" + width + "s %9s %9s %9s %9s%n";
    out.printf(format, "table", "rows", "inserted", "updated", "deleted");
    for (var entry : summary.rows().entrySet()) {
      RowCounts.Rows written = summary.written().getOrDefault(entry.getKey(), RowCounts.Rows.NONE);
      out.printf(format, layout.table(entry.getKey()), entry.getValue(), written.inserted(), written.updated(), written.deleted());
    }
    RowCounts.Rows total = summary.totalWritten();
    out.printf(format, totalLabel, summary.totalRows(), total.inserted(), total.updated(), total.deleted());
  }
}
