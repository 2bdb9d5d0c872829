package dev.ferry.relations.inference;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.PgType;
import dev.ferry.catalog.Table;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which column of a table a single-column reference can point at (its single-column primary key,
 * else its first single-column unique key by name), and whether two column types can hold the same
 * keys (text with varchar, int4 with int8, uuid with uuid; domains count as their base type).
 */
final class KeyTypes {
  private KeyTypes() {}

  static Optional<Column> singleColumnKey(Table table) {
    if (table.primaryKey().isPresent()) {
      var columns = table.primaryKey().get().columns();
      return columns.size() == 1 ? table.column(columns.get(0)) : Optional.empty();
    }
    return table.uniqueConstraints().stream()
        .filter(u -> u.columns().size() == 1)
        .sorted(Comparator.comparing(u -> u.name()))
        .map(u -> u.columns().get(0))
        .findFirst()
        .or(() -> table.indexes().stream()
            .filter(i -> i.unique() && i.predicate() == null && i.columns().size() == 1)
            .sorted(Comparator.comparing(i -> i.name()))
            .map(i -> i.columns().get(0))
            .findFirst())
        .flatMap(table::column);
  }

  static boolean compatible(PgType referencing, PgType key) {
    String family = family(referencing);
    return family != null && family.equals(family(key));
  }

  /** The family of a scalar type, or null for types that never hold keys (json, bool...). */
  static String family(PgType type) {
    PgType t = type;
    while (t.kind() == PgType.Kind.DOMAIN && t.base() != null) {
      t = t.base();
    }
    if (t.kind() == PgType.Kind.ARRAY) {
      return null;
    }
    return switch (t.name()) {
      case "text", "varchar", "bpchar", "char", "citext", "name" -> "text";
      case "int2", "int4", "int8" -> "integer";
      case "numeric" -> t.scale() == null || t.scale() == 0 ? "integer" : null;
      case "uuid" -> "uuid";
      default -> null;
    };
  }

  /** The family of the elements of an array type, or null when it is not an array of keys. */
  static String elementFamily(PgType type) {
    PgType t = type;
    while (t.kind() == PgType.Kind.DOMAIN && t.base() != null) {
      t = t.base();
    }
    return t.kind() == PgType.Kind.ARRAY && t.element() != null ? family(t.element()) : null;
  }
}
