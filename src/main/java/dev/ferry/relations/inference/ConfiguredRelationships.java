package dev.ferry.relations.inference;

import dev.ferry.catalog.QualifiedName;
import java.util.List;
import java.util.Set;

/**
 * Relationships the user added or dropped in ferry.yaml, already resolved against the catalog.
 *
 * @param drops columns that must not be references, whatever the evidence (constraints included)
 */
public record ConfiguredRelationships(List<Addition> additions, Set<ColumnRef> drops) {
  public static final ConfiguredRelationships NONE = new ConfiguredRelationships(List.of(), Set.of());

  public ConfiguredRelationships {
    additions = List.copyOf(additions);
    drops = Set.copyOf(drops);
  }

  /** {@code column} references {@code target}; {@code origin} says where ("ferry.yaml line 7"). */
  public record Addition(ColumnRef column, QualifiedName target, String origin) {}
}
