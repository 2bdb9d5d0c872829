package dev.ferry.codegen.activerecord;

/** Ruby literals for database names and generated text; identifiers come decided from dev.ferry.naming. */
final class RubySyntax {
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
   * A table name as ActiveRecord's Postgres adapter reads it ({@code Utils.extract_schema_qualified_name}
   * splits on the dot and quotes each part itself): {@code stripe.customer}, {@code Billing Data.User};
   * a part holding a dot is double-quoted ({@code "a.b"}). Mixed case stays bare on purpose: the alias
   * ActiveRecord derives for a self-join ({@code children_Tree_CamelCase}) breaks on quotes. A name with a
   * double quote cannot be read at all (dev.ferry.naming.Unrepresentable).
   */
  static String tableName(String schema, String table) {
    return sqlName(schema) + "." + sqlName(table);
  }

  private static String sqlName(String name) {
    return name.contains(".") ? "\"" + name + "\"" : name;
  }
}
