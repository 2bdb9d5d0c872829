package dev.ferry.naming;

import dev.ferry.relations.Entity;
import java.util.List;
import java.util.Optional;

/**
 * An entity named in one target language: the type name ({@code Customer}), the collection name
 * ({@code customers}), attributes in column order and associations sorted by name. Every
 * identifier here is unique within the entity and valid and unreserved in the language.
 *
 * @param polymorphics the polymorphic pairs this entity holds, by id column
 * @param polymorphicBacks the type-column pairs that point at this entity, by owner and id column
 */
public record NamedEntity(
    Entity entity, Identifier typeName, Identifier collectionName, List<NamedAttribute> attributes, List<NamedAssociation> associations,
    List<NamedPolymorphic> polymorphics, List<NamedPolymorphicBack> polymorphicBacks) {
  public NamedEntity {
    attributes = List.copyOf(attributes);
    associations = List.copyOf(associations);
    polymorphics = List.copyOf(polymorphics);
    polymorphicBacks = List.copyOf(polymorphicBacks);
  }

  public Optional<NamedAttribute> attribute(String column) {
    for (NamedAttribute attribute : attributes) { // a loop, not a stream: renderers call this per join column
      if (attribute.column().equals(column)) {
        return Optional.of(attribute);
      }
    }
    return Optional.empty();
  }
}
