package dev.ferry.catalog;

import java.util.List;

/**
 * An index.
 *
 * @param columns key columns in order; an expression key appears as its expression text
 * @param definition the full {@code CREATE INDEX} statement from {@code pg_get_indexdef}
 * @param predicate the WHERE clause of a partial index, or null
 */
public record Index(
    String name,
    List<String> columns,
    boolean unique,
    boolean primary,
    String method,
    String definition,
    String predicate) {
  public Index {
    columns = List.copyOf(columns);
  }
}
