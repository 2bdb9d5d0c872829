package dev.ferry.catalog;

import java.util.Comparator;

/** A schema-qualified relation name, exactly as Postgres stores it (no case folding). */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {
  private static final Comparator<QualifiedName> ORDER =
      Comparator.comparing(QualifiedName::schema).thenComparing(QualifiedName::name);

  @Override
  public int compareTo(QualifiedName other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return schema + "." + name;
  }
}
