package dev.ferry.cli;

import dev.ferry.cli.options.DatabaseOptions;
import dev.ferry.cli.options.SyncTargetOptions;
import dev.ferry.sync.engine.SyncEngine;
import dev.ferry.sync.engine.SyncListener;
import dev.ferry.sync.engine.TableLayout;
import dev.ferry.sync.engine.TableManager;
import dev.ferry.sync.source.Source;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry tables list <source>}: the tables a sync owns, with the columns kept but deprecated;
 * {@code ferry tables add <source> <object>...}: create (or widen) the tables of more object types.
 */
@Command(name = "tables", mixinStandardHelpOptions = true, description = "Manage the tables a sync owns.",
    subcommands = {TablesCommand.ListTables.class, TablesCommand.Add.class})
public final class TablesCommand implements java.util.concurrent.Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return FerryCommand.missingCommand(spec);
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List a sync's tables: columns, rows, and the columns kept but deprecated (a field the pinned Stripe"
          + " API version no longer has, a HubSpot property archived, a Salesforce field gone from describe, or the old"
          + " values of a retyped field).")
  static final class ListTables implements Runnable {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "Source (stripe, hubspot, salesforce)")
    String sourceName;

    @Mixin DatabaseOptions database;
    @Mixin SyncTargetOptions target;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      try (Source source = SyncSources.provider(sourceName).offline()) {
        TableLayout layout = target.layout(source.name());
        SyncEngine engine = new SyncEngine(database.database(), source, layout, SyncListener.SILENT);
        java.util.List<TableManager.TableReport> tables = SyncSources.run(engine::tables);
        if (tables.isEmpty()) {
          out.println("no " + source.name() + " tables in " + layout + " yet; 'ferry sync " + source.name() + "' creates them");
        }
        int deprecated = 0;
        for (TableManager.TableReport table : tables) {
          out.println(table.table() + ": " + table.columns() + " columns, " + table.rows() + " rows"
              + (table.deprecated().isEmpty() ? "" : ", " + table.deprecated().size() + " deprecated"));
          table.deprecated().forEach((column, reason) -> out.println("  " + column + " (deprecated: " + reason + ")"));
          deprecated += table.deprecated().size();
        }
        if (!tables.isEmpty()) {
          out.println(tables.size() + " tables" + (source.apiVersion() == null ? "" : " at API version " + source.apiVersion())
              + ", " + deprecated + (deprecated == 1 ? " deprecated column" : " deprecated columns")
              + (deprecated == 0 ? "" : " (kept with their values, never dropped)"));
        }
        out.flush();
      }
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add object types to a sync: creates their tables in place (the next 'ferry sync' backfills them).")
  static final class Add implements Runnable {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "Source (stripe)")
    String sourceName;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "OBJECT", description = "Object types, e.g. refund")
    java.util.List<String> objects;

    @Mixin DatabaseOptions database;
    @Mixin SyncTargetOptions target;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      try (Source source = SyncSources.provider(sourceName).offline()) {
        SyncEngine engine = new SyncEngine(database.database(), source, target.layout(source.name()), SyncListener.SILENT);
        java.util.List<String> applied = SyncSources.run(() -> engine.addTypes(objects));
        if (applied.isEmpty()) {
          out.println("tables for " + String.join(", ", objects) + " are up to date; nothing changed");
        } else {
          applied.forEach(out::println);
          out.println("added " + String.join(", ", objects) + " (" + applied.size() + " statements); run 'ferry sync "
              + source.name() + "' to backfill");
        }
        out.flush();
      }
    }
  }
}
