package dev.ferry.sync.source;

import java.util.List;
import java.util.Optional;

/**
 * An object type a source syncs (one table): its fields, and, for objects only reachable through a
 * parent (Stripe's invoice lines), the parent type and the field that names the parent. Such child
 * objects arrive with their parent, and a parent's child set arriving means "these and no others".
 */
public record ObjectType(String name, List<Field> fields, String parentType, String parentField) {
  public ObjectType {
    fields = List.copyOf(fields);
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
