package dev.ferry.catalog;

import java.util.List;

/** A UNIQUE constraint; {@code columns} in constraint order. */
public record UniqueConstraint(String name, List<String> columns) {
  public UniqueConstraint {
    columns = List.copyOf(columns);
  }
}
