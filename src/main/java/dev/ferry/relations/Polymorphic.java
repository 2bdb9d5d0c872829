package dev.ferry.relations;

import dev.ferry.catalog.QualifiedName;
import java.util.List;

/**
 * A polymorphic reference ({@code source_type} + {@code source_id}, Rails {@code *_type}/{@code *_id}),
 * or an id column whose sampled values point at several tables by prefix.
 *
 * @param typeColumn the discriminator column, or null when targets were told apart by id prefix
 * @param targets the tables found, each with the discriminator value or id prefix that selects it
 * @param unmatched the sampled type values that name no single table (a class whose table is not
 *     in the schema), which select no target
 */
public record Polymorphic(
    QualifiedName table, String typeColumn, String idColumn, Name name, List<Target> targets, Evidence evidence, String detail,
    List<String> unmatched) {
  public Polymorphic {
    targets = List.copyOf(targets);
    unmatched = List.copyOf(unmatched);
  }

  /** A pair whose every sampled value names a target, or that has no type column. */
  public Polymorphic(QualifiedName table, String typeColumn, String idColumn, Name name, List<Target> targets, Evidence evidence, String detail) {
    this(table, typeColumn, idColumn, name, targets, evidence, detail, List.of());
  }

  /**
   * One possible target; {@code selector} is a type value ("Customer") or an id prefix ("cus_").
   *
   * @param back the target's name for the rows that point at it ({@code comments} on post for
   *     comments.commentable, {@code tasks} on contact for task.who_id), decided by the naming
   *     package; null before naming
   * @param forward the owner's association to this target alone, decided by the naming package:
   *     {@code who_contact} for an id-prefix pair (no type column), {@code commentable_post} for a
   *     type-column pair whose target can be joined on its one-column key; null otherwise
   */
  public record Target(String selector, QualifiedName table, Name back, Name forward) {
    /** A target found by inference, not named yet. */
    public Target(String selector, QualifiedName table) {
      this(selector, table, null, null);
    }

    /** A type-column pair's target with its back name. */
    public Target(String selector, QualifiedName table, Name back) {
      this(selector, table, back, null);
    }
  }
}
