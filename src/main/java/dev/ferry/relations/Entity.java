package dev.ferry.relations;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import java.util.List;

/**
 * A table seen as a model. {@code singular} and {@code plural} come from the table name with the
 * table prefix removed ({@code stripe_customers} → customer / customers).
 *
 * @param primaryKey the primary key columns, empty when the table has none
 */
public record Entity(Table table, Name singular, Name plural, List<Attribute> attributes, List<String> primaryKey) {
  public Entity {
    attributes = List.copyOf(attributes);
    primaryKey = List.copyOf(primaryKey);
  }

  public QualifiedName name() {
    return table.name();
  }
}
