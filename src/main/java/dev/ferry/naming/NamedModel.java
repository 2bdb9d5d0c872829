package dev.ferry.naming;

import dev.ferry.catalog.PgType;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.relations.RelationModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The relationship model with every name decided for one target language; what a target renders.
 * Type names (entities and enums) are unique across the model.
 */
public final class NamedModel {
  private final RelationModel model;
  private final Language language;
  private final List<NamedEntity> entities;
  private final List<NamedEnum> enums;
  // targets look entities up by table for every association they render
  private final Map<QualifiedName, NamedEntity> byTable = new HashMap<>();

  public NamedModel(RelationModel model, Language language, List<NamedEntity> entities, List<NamedEnum> enums) {
    this.model = model;
    this.language = language;
    this.entities = List.copyOf(entities);
    this.enums = List.copyOf(enums);
    this.entities.forEach(e -> byTable.putIfAbsent(e.entity().name(), e));
  }

  /** A model without enum types (hand-built fixtures). */
  public NamedModel(RelationModel model, Language language, List<NamedEntity> entities) {
    this(model, language, entities, List.of());
  }

  public RelationModel model() {
    return model;
  }

  public Language language() {
    return language;
  }

  public List<NamedEntity> entities() {
    return entities;
  }

  /** The enum types the catalog's columns use, sorted by schema and name. */
  public List<NamedEnum> enums() {
    return enums;
  }

  public Optional<NamedEntity> entity(QualifiedName table) {
    return Optional.ofNullable(byTable.get(table));
  }

  /** The named enum of {@code type} (matched by schema and name), if the catalog lists it. */
  public Optional<NamedEnum> enumType(PgType type) {
    return enums.stream()
        .filter(e -> e.type().schema().equals(type.schema()) && e.type().name().equals(type.name()))
        .findFirst();
  }
}
