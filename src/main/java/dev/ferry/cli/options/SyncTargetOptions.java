package dev.ferry.cli.options;

import dev.ferry.cli.FerryException;
import dev.ferry.sync.engine.TableLayout;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where synced tables go: {@code --schema S} (default: the source's name) or {@code --table-prefix [schema.]P}. */
public final class SyncTargetOptions {
  @ArgGroup(exclusive = true)
  Choice choice;

  static final class Choice {
    @Option(names = "--schema", paramLabel = "SCHEMA", description = "Schema of its own for the synced tables (default: the source name, e.g. stripe)")
    String schema;

    @Option(names = "--table-prefix", paramLabel = "[SCHEMA.]PREFIX",
        description = "Put tables in an existing schema with a name prefix instead: public.stripe_ gives public.stripe_customer")
    String prefix;
  }

  public TableLayout layout(String source) {
    try {
      if (choice != null && choice.prefix != null) {
        String value = choice.prefix;
        int dot = value.indexOf('.');
        String schema = dot < 0 ? "public" : value.substring(0, dot);
        String prefix = dot < 0 ? value : value.substring(dot + 1);
        if (prefix.isBlank()) {
          throw FerryException.usage("--table-prefix needs a prefix, e.g. --table-prefix stripe");
        }
        return TableLayout.prefixed(schema, prefix);
      }
      return TableLayout.ownSchema(choice != null && choice.schema != null ? choice.schema : source);
    } catch (IllegalArgumentException e) {
      throw FerryException.usage(e.getMessage());
    }
  }
}
