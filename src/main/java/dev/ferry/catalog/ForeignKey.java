package dev.ferry.catalog;

import java.util.List;

/** A FOREIGN KEY constraint: {@code columns} reference {@code targetColumns} of {@code target}, pairwise. */
public record ForeignKey(String name, List<String> columns, QualifiedName target, List<String> targetColumns) {
  public ForeignKey {
    columns = List.copyOf(columns);
    targetColumns = List.copyOf(targetColumns);
  }
}
