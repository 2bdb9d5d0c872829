package dev.ferry.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table, view, materialized view, foreign table or partitioned table (with its partitions folded
 * in). Columns are in position order; constraints and indexes sorted by name.
 *
 * @param comment the table comment, or null
 */
public record Table(
    QualifiedName name,
    RelationKind kind,
    String comment,
    List<Column> columns,
    Optional<PrimaryKey> primaryKey,
    List<UniqueConstraint> uniqueConstraints,
    List<ForeignKey> foreignKeys,
    List<Index> indexes) {

  public Table {
    columns = List.copyOf(columns);
    uniqueConstraints = List.copyOf(uniqueConstraints);
    foreignKeys = List.copyOf(foreignKeys);
    indexes = List.copyOf(indexes);
  }

  public Optional<Column> column(String columnName) {
    // a plain loop: inference looks columns up tens of thousands of times per run
    for (Column column : columns) {
      if (column.name().equals(columnName)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }

  /** True when {@code columnNames} (in any order) are the primary key, a unique constraint or a unique index. */
  public boolean isUnique(List<String> columnNames) {
    Set<String> wanted = Set.copyOf(columnNames);
    if (primaryKey.isPresent() && sameColumns(primaryKey.get().columns(), wanted)) {
      return true;
    }
    for (UniqueConstraint unique : uniqueConstraints) {
      if (sameColumns(unique.columns(), wanted)) {
        return true;
      }
    }
    for (Index index : indexes) {
      if (index.unique() && index.predicate() == null && sameColumns(index.columns(), wanted)) {
        return true;
      }
    }
    return false;
  }

  /** Set equality without copying the key's columns into a set. */
  private static boolean sameColumns(List<String> keyColumns, Set<String> wanted) {
    return wanted.containsAll(keyColumns) && keyColumns.containsAll(wanted);
  }
}
