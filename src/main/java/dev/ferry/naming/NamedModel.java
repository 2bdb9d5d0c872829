package dev.ferry.naming;

import dev.ferry.catalog.PgType;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.relations.RelationModel;
import java.util.List;
import java.util.Optional;

/**
 * The relationship model with every name decided for one target language; what a target renders.
 * Type names (entities and enums) are unique across the model.
 *
 * @param enums the enum types the catalog's columns use, sorted by schema and name
 */
public record NamedModel(RelationModel model, Language language, List<NamedEntity> entities, List<NamedEnum> enums) {
  public NamedModel {
    entities = List.copyOf(entities);
    enums = List.copyOf(enums);
  }

  /** A model without enum types (hand-built fixtures). */
  public NamedModel(RelationModel model, Language language, List<NamedEntity> entities) {
    this(model, language, entities, List.of());
  }

  public Optional<NamedEntity> entity(QualifiedName table) {
    return entities.stream().filter(e -> e.entity().name().equals(table)).findFirst();
  }

  /** The named enum of {@code type} (matched by schema and name), if the catalog lists it. */
  public Optional<NamedEnum> enumType(PgType type) {
    return enums.stream()
        .filter(e -> e.type().schema().equals(type.schema()) && e.type().name().equals(type.name()))
        .findFirst();
  }
}
