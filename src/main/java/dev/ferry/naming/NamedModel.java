package dev.ferry.naming;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.relations.RelationModel;
import java.util.List;
import java.util.Optional;

/**
 * The relationship model with every name decided for one target language; what a target renders.
 * Type names are unique across the model.
 */
public record NamedModel(RelationModel model, Language language, List<NamedEntity> entities) {
  public NamedModel {
    entities = List.copyOf(entities);
  }

  public Optional<NamedEntity> entity(QualifiedName table) {
    return entities.stream().filter(e -> e.entity().name().equals(table)).findFirst();
  }
}
