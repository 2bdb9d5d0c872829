package dev.ferry.cli.options;

import dev.ferry.errors.FerryException;
import dev.ferry.sync.engine.TableLayout;
import picocli.CommandLine.Option;

/**
 * Where synced tables go: {@code --schema S} alone, a schema of their own (default: the source's
 * name); with {@code --table-prefix P}, prefixed tables in an existing schema: {@code S} when given,
 * else the {@code schema.} part of the prefix, else {@code public}.
 */
public final class SyncTargetOptions {
  @Option(names = "--schema", paramLabel = "SCHEMA",
      description = "Schema for the synced tables: their own (default: the source name, e.g. stripe), or with --table-prefix the existing schema to put them in")
  String schema;

  @Option(names = "--table-prefix", paramLabel = "[SCHEMA.]PREFIX",
      description = "Put tables in an existing schema (public unless given) with a name prefix instead: stripe_ or public.stripe_ gives public.stripe_customer")
  String prefix;

  public TableLayout layout(String source) {
    try {
      if (prefix == null) {
        return TableLayout.ownSchema(schema != null ? schema : source);
      }
      int dot = prefix.indexOf('.');
      String prefixSchema = dot < 0 ? null : prefix.substring(0, dot);
      String name = dot < 0 ? prefix : prefix.substring(dot + 1);
      if (name.isBlank()) {
        throw FerryException.usage("--table-prefix needs a prefix, e.g. --table-prefix stripe_");
      }
      if (schema != null && prefixSchema != null && !schema.equals(prefixSchema)) {
        throw FerryException.usage("--schema " + schema + " and --table-prefix " + prefix + " name two schemas; give the schema once");
      }
      return TableLayout.prefixed(schema != null ? schema : prefixSchema != null ? prefixSchema : "public", name);
    } catch (IllegalArgumentException e) {
      throw FerryException.usage(e.getMessage());
    }
  }
}
