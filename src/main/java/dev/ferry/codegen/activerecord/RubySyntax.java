package dev.ferry.codegen.activerecord;

import java.util.regex.Pattern;

/** Ruby literals for database names and generated text; identifiers come decided from dev.ferry.naming. */
final class RubySyntax {
  private static final Pattern PLAIN_SQL_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  private RubySyntax() {}

  /** A double-quoted Ruby string with backslash, quote and interpolation ({@code #{ #@ #$}) escaped. */
  static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '#' -> {
          char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
          out.append(next == '{' || next == '@' || next == '$' ? "\\#" : "#");
        }
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /**
   * A table name as ActiveRecord's Postgres adapter reads it: {@code stripe.customer} when both
   * parts are plain, else each part double-quoted ({@code "My Schema"."Order"}), which the
   * adapter's schema-qualified-name parser keeps intact.
   */
  static String tableName(String schema, String table) {
    return sqlName(schema) + "." + sqlName(table);
  }

  private static String sqlName(String name) {
    return PLAIN_SQL_NAME.matcher(name).matches() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
