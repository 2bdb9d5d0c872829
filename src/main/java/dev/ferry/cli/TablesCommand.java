package dev.ferry.cli;

import dev.ferry.cli.options.DatabaseOptions;
import dev.ferry.cli.options.SyncTargetOptions;
import dev.ferry.sync.engine.SyncEngine;
import dev.ferry.sync.engine.SyncListener;
import dev.ferry.sync.source.Source;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry tables add <source> <object>...}: create (or widen) the tables of more object types. */
@Command(name = "tables", mixinStandardHelpOptions = true, description = "Manage the tables a sync owns.",
    subcommands = {TablesCommand.Add.class})
public final class TablesCommand implements java.util.concurrent.Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return FerryCommand.missingCommand(spec);
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add object types to a sync: creates their tables in place (the next 'ferry sync' backfills them).")
  static final class Add implements Runnable {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "Source (stripe)")
    String sourceName;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "OBJECT", description = "Object types, e.g. refund")
    List<String> objects;

    @Mixin DatabaseOptions database;
    @Mixin SyncTargetOptions target;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      try (Source source = SyncSources.provider(sourceName).offline()) {
        SyncEngine engine = new SyncEngine(database.database(), source, target.layout(source.name()), SyncListener.SILENT);
        List<String> applied = SyncSources.run(() -> engine.addTypes(objects));
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
