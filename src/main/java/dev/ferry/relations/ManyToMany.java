package dev.ferry.relations;

import dev.ferry.catalog.QualifiedName;

/**
 * A join table: exactly two references forming its key, nothing else but metadata columns.
 *
 * @param left the join table's reference to the first entity
 * @param right the join table's reference to the second entity
 * @param leftName name, on the left entity, of the collection of right entities ({@code film.actors})
 * @param rightName name, on the right entity, of the collection of left entities ({@code actor.films})
 */
public record ManyToMany(QualifiedName joinTable, Reference left, Reference right, Name leftName, Name rightName) {}
