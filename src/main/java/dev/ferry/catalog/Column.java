package dev.ferry.catalog;

/**
 * One column.
 *
 * @param position attnum, 1-based, in table order (dropped columns skipped)
 * @param defaultExpression the default as {@code pg_get_expr} prints it, or null
 * @param identity NONE, ALWAYS or BY_DEFAULT
 * @param generatedExpression the expression of a stored generated column, or null
 * @param comment the column comment, or null
 */
public record Column(
    String name,
    int position,
    PgType type,
    boolean nullable,
    String defaultExpression,
    Identity identity,
    String generatedExpression,
    String comment) {

  /** The comment line that marks a column Ferry's sync keeps but no longer writes (docs/catalog-comments.md). */
  public static final String DEPRECATED_MARKER = "ferry:deprecated=";

  /** Why the sync keeps this column without writing it (its {@code ferry:deprecated=} line), or null when it does not. */
  public String deprecation() {
    if (comment == null) {
      return null;
    }
    return comment.lines().map(String::strip).filter(line -> line.startsWith(DEPRECATED_MARKER)).findFirst()
        .map(line -> line.substring(DEPRECATED_MARKER.length())).orElse(null);
  }

  public enum Identity {
    NONE,
    ALWAYS,
    BY_DEFAULT
  }
}
