package dev.ferry.catalog;

import java.util.List;
import java.util.Optional;

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
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** True when {@code columnNames} (in any order) are the primary key, a unique constraint or a unique index. */
  public boolean isUnique(List<String> columnNames) {
    java.util.Set<String> wanted = java.util.Set.copyOf(columnNames);
    if (primaryKey.map(pk -> java.util.Set.copyOf(pk.columns()).equals(wanted)).orElse(false)) {
      return true;
    }
    return uniqueConstraints.stream().anyMatch(u -> java.util.Set.copyOf(u.columns()).equals(wanted))
        || indexes.stream().anyMatch(i -> i.unique() && i.predicate() == null && java.util.Set.copyOf(i.columns()).equals(wanted));
  }
}
