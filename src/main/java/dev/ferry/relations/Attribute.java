package dev.ferry.relations;

import dev.ferry.catalog.Column;

/** A column of an entity with its neutral name and abstract type. */
public record Attribute(Column column, Name name, AbstractType type, boolean primaryKey) {
  public boolean nullable() {
    return column.nullable();
  }
}
