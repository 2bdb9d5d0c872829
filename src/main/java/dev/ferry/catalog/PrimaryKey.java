package dev.ferry.catalog;

import java.util.List;

/** A primary key constraint; {@code columns} in key order. */
public record PrimaryKey(String name, List<String> columns) {
  public PrimaryKey {
    columns = List.copyOf(columns);
  }
}
