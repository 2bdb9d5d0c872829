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

  public enum Identity {
    NONE,
    ALWAYS,
    BY_DEFAULT
  }
}
