package dev.ferry.naming;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Reference;
import java.util.List;

/**
 * One association as a model declares it, named in the target language.
 *
 * @param kind belongs_to (this side holds the columns), has_many / has_one (the target holds
 *     them), many_to_many (through {@code through})
 * @param columns the referencing columns (on this entity for BELONGS_TO, on the target for
 *     HAS_MANY/HAS_ONE; for MANY_TO_MANY the join table's columns that reference this entity)
 * @param targetColumns the referenced columns (usually the primary key; for MANY_TO_MANY this
 *     entity's columns the join table references; the other side is {@code through})
 * @param inverse the name of the matching association on the target, or null
 * @param label the relationship's name for targets that name relations, unique per entity pair
 * @param reference the underlying reference (for MANY_TO_MANY: the join table's reference to this entity)
 * @param through the join table for MANY_TO_MANY, else null
 */
public record NamedAssociation(
    Kind kind,
    Identifier name,
    QualifiedName target,
    List<String> columns,
    List<String> targetColumns,
    Identifier inverse,
    Identifier label,
    Reference reference,
    ManyToMany through) {

  public enum Kind {
    BELONGS_TO,
    HAS_MANY,
    HAS_ONE,
    MANY_TO_MANY
  }

  public NamedAssociation {
    columns = List.copyOf(columns);
    targetColumns = List.copyOf(targetColumns);
  }

  public Evidence evidence() {
    return reference.evidence();
  }
}
