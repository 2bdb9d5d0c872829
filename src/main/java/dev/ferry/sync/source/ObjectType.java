package dev.ferry.sync.source;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An object type a source syncs (one table): its fields, and, for objects only reachable through a
 * parent (Stripe's invoice lines), the parent type and the field that names the parent. Such child
 * objects arrive with their parent, and a parent's child set arriving means "these and no others".
 *
 * @param naturalKey fields whose values together identify a row as well as its id does (the two
 *     ends of an association: HubSpot holds one association per pair); empty for most types. The
 *     table gets a unique index over them, so the database, and the read side, know it.
 * @param learned fields seen in data that the source's definition (a pinned API version) does not
 *     have: they get columns, so no value is dropped, marked deprecated like the columns of fields
 *     the definition no longer has
 */
public record ObjectType(String name, List<Field> fields, String parentType, String parentField, List<String> naturalKey,
    Set<String> learned) {
  public ObjectType {
    fields = List.copyOf(fields);
    naturalKey = List.copyOf(naturalKey);
    learned = Set.copyOf(learned);
  }

  public ObjectType(String name, List<Field> fields, String parentType, String parentField, List<String> naturalKey) {
    this(name, fields, parentType, parentField, naturalKey, Set.of());
  }

  public ObjectType(String name, List<Field> fields, String parentType, String parentField) {
    this(name, fields, parentType, parentField, List.of());
  }

  /** This type, its rows also identified by {@code fieldNames} together. */
  public ObjectType withNaturalKey(String... fieldNames) {
    return new ObjectType(name, fields, parentType, parentField, List.of(fieldNames), learned);
  }

  /** This type with {@code extra} fields seen in data that its definition lacks. */
  public ObjectType withLearned(List<Field> extra) {
    List<Field> all = new java.util.ArrayList<>(fields);
    all.addAll(extra);
    Set<String> names = new java.util.HashSet<>(learned);
    extra.forEach(field -> names.add(field.name()));
    return new ObjectType(name, all, parentType, parentField, naturalKey, names);
  }

  public static ObjectType of(String name, List<Field> fields) {
    return new ObjectType(name, fields, null, null);
  }

  public Optional<Field> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  public boolean isChild() {
    return parentType != null;
  }
}
