package dev.ferry.sync.writer;

/** Identifier and literal quoting for the SQL the sync side builds. */
public final class Sql {
  private Sql() {}

  public static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
