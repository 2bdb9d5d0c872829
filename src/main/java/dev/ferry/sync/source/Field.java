package dev.ferry.sync.source;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One field of an object type, named as the API names it. {@code target} is the object type a
 * {@link FieldType#REFERENCE} or {@link FieldType#ID_LIST} points at; for a {@link FieldType#POLYMORPHIC}
 * field, the id prefixes and the types they name ({@code ch_=charge,re_=refund}); null for other types.
 * {@code description} is text for people kept in the column comment (an enumeration's options), or null.
 * {@code path} is where a value promoted out of a nested object sits in the API's object
 * ({@code parent.subscription_details.subscription}, stored as {@code subscription_id}); null when the
 * field is a top-level field of its own name.
 */
public record Field(String name, FieldType type, String target, String description, String path) {
  public Field(String name, FieldType type, String target) {
    this(name, type, target, null, null);
  }

  public Field(String name, FieldType type, String target, String description) {
    this(name, type, target, description, null);
  }

  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if ((type == FieldType.REFERENCE || type == FieldType.ID_LIST || type == FieldType.POLYMORPHIC) && target == null) {
      throw new IllegalArgumentException("field " + name + " of type " + type + " needs a target type");
    }
  }

  public static Field of(String name, FieldType type) {
    return new Field(name, type, null);
  }

  /** The dotted path of the value in the API's object. */
  public String sourcePath() {
    return path == null ? name : path;
  }

  /** The column the field is stored in: a reference {@code customer} becomes {@code customer_id}. */
  public String columnName() {
    return type == FieldType.REFERENCE || type == FieldType.POLYMORPHIC ? name + "_id" : name;
  }

  /** For a polymorphic field, each id prefix with the object type it names, in declaration order. */
  public Map<String, String> polymorphicTargets() {
    Map<String, String> targets = new LinkedHashMap<>();
    if (type == FieldType.POLYMORPHIC) {
      for (String pair : target.split(",")) {
        String[] parts = pair.split("=", 2);
        targets.put(parts[0], parts[1]);
      }
    }
    return targets;
  }
}
