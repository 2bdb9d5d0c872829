package dev.ferry.sync.engine;

/**
 * Where a sync's tables go: a schema of their own ({@code stripe.customer}) or a name prefix inside
 * an existing schema ({@code public.stripe_customer}, for ORMs that cannot query across schemas).
 */
public record TableLayout(String schema, String prefix) {
  /** The state schema every sync shares: schema version, cursors, run history. */
  public static final String STATE_SCHEMA = "ferry";

  public TableLayout {
    prefix = prefix == null ? "" : prefix;
    if (schema.equals(STATE_SCHEMA)) {
      throw new IllegalArgumentException("schema '" + STATE_SCHEMA + "' is reserved for Ferry's state");
    }
  }

  public static TableLayout ownSchema(String schema) {
    return new TableLayout(schema, "");
  }

  /** {@code public.stripe_customer}: prefix {@code stripe} gives tables {@code stripe_<type>}. */
  public static TableLayout prefixed(String schema, String prefix) {
    return new TableLayout(schema, prefix.endsWith("_") ? prefix : prefix + "_");
  }

  public String table(String objectType) {
    return prefix + objectType;
  }

  /** The destination as recorded in the state schema ({@code ferry.runs.destination}): {@code stripe.<type>}. */
  public String key() {
    return schema + "." + prefix + "<type>";
  }

  /** How a user names the destination: {@code schema stripe}, or {@code public.stripe_* tables}. */
  @Override
  public String toString() {
    return prefix.isEmpty() ? "schema " + schema : schema + "." + prefix + "* tables";
  }
}
