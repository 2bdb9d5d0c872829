package dev.ferry.catalog;

/** A schema-qualified relation name, exactly as Postgres stores it (no case folding). */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {
  /** By schema, then name (sorting thousands of tables and references compares these a lot). */
  @Override
  public int compareTo(QualifiedName other) {
    int bySchema = schema.compareTo(other.schema);
    return bySchema != 0 ? bySchema : name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return schema + "." + name;
  }
}
