package dev.ferry.sync.source;

import java.util.Objects;

/**
 * One field of an object type, named as the API names it. {@code target} is the object type a
 * {@link FieldType#REFERENCE} or {@link FieldType#ID_LIST} points at (null for other types).
 */
public record Field(String name, FieldType type, String target) {
  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if ((type == FieldType.REFERENCE || type == FieldType.ID_LIST) && target == null) {
      throw new IllegalArgumentException("field " + name + " of type " + type + " needs a target type");
    }
  }

  public static Field of(String name, FieldType type) {
    return new Field(name, type, null);
  }

  /** The column the field is stored in: a reference {@code customer} becomes {@code customer_id}. */
  public String columnName() {
    return type == FieldType.REFERENCE ? name + "_id" : name;
  }
}
