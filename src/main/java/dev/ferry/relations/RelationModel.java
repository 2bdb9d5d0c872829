package dev.ferry.relations;

import dev.ferry.catalog.Catalog;
import java.util.List;

/**
 * The single source every generator renders: entities with their attributes, and every
 * relationship with its evidence and both names. Lists are sorted so output is deterministic.
 *
 * @param sampling whether values were sampled as evidence, so a command can say when {@code --sample}
 *     gave nothing because it hit its time cap
 */
public record RelationModel(
    Catalog catalog,
    List<Entity> entities,
    List<Reference> references,
    List<Polymorphic> polymorphics,
    List<IdArray> idArrays,
    List<ManyToMany> manyToMany,
    List<Unresolved> unresolved,
    Sampling sampling) {
  public RelationModel {
    entities = List.copyOf(entities);
    references = List.copyOf(references);
    polymorphics = List.copyOf(polymorphics);
    idArrays = List.copyOf(idArrays);
    manyToMany = List.copyOf(manyToMany);
    unresolved = List.copyOf(unresolved);
  }
}
