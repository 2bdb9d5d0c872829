package dev.ferry.relations;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import java.util.List;

/**
 * A table seen as a model. {@code singular} and {@code plural} come from the table name with the
 * table prefix removed ({@code stripe_customers} → customer / customers).
 *
 * @param primaryKey the primary key columns, empty when the table has none
 * @param source the vendor object the table holds, or null when no vendor's model recognised it
 */
public record Entity(Table table, Name singular, Name plural, List<Attribute> attributes, List<String> primaryKey, SourceObject source) {
  public Entity {
    attributes = List.copyOf(attributes);
    primaryKey = List.copyOf(primaryKey);
  }

  /** An entity no vendor's model recognised. */
  public Entity(Table table, Name singular, Name plural, List<Attribute> attributes, List<String> primaryKey) {
    this(table, singular, plural, attributes, primaryKey, null);
  }

  public QualifiedName name() {
    return table.name();
  }

  /** This entity with other names and attributes; what it holds stays. */
  public Entity with(Name singular, Name plural, List<Attribute> attributes) {
    return new Entity(table, singular, plural, attributes, primaryKey, source);
  }
}
