package dev.ferry.relations.inference;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.PgType;
import dev.ferry.catalog.Table;
import dev.ferry.words.Inflector;
import dev.ferry.words.Words;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which column of a table a single-column reference can point at (its single-column primary key,
 * else its first single-column unique key by name), and whether two column types can hold the same
 * keys (text with varchar, int4 with int8, uuid with uuid; domains count as their base type).
 */
final class KeyTypes {
  private KeyTypes() {}

  /**
   * The column a single-column reference points at: the single-column primary key; else a
   * single-column unique constraint or index (by name; also beside a composite primary key, as in
   * {@code PRIMARY KEY (tenant_id, id), UNIQUE (id)}); else, for tables synced without constraints,
   * a column that is plainly the key: {@code id} (any case) or {@code <table>_id} of a key type.
   */
  static Optional<Column> singleColumnKey(Table table) {
    if (table.primaryKey().isPresent() && table.primaryKey().get().columns().size() == 1) {
      return table.column(table.primaryKey().get().columns().get(0));
    }
    Optional<Column> unique = table.uniqueConstraints().stream()
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
    if (unique.isPresent() || table.primaryKey().isPresent()) {
      return unique;
    }
    String own = Words.snake(table.name().name());
    return table.columns().stream()
        .filter(c -> family(c.type()) != null && !c.type().isArray())
        .filter(c -> c.name().equalsIgnoreCase("id") || Words.snake(c.name()).equals(own + "_id")
            || Words.snake(c.name()).equals(Inflector.singular(own) + "_id"))
        .findFirst();
  }

  /** Types a sync tool may store an id in: text, integers, and floating point numbers (HubSpot's numeric ids). */
  static boolean holdsIds(PgType type) {
    PgType t = type;
    while (t.kind() == PgType.Kind.DOMAIN && t.base() != null) {
      t = t.base();
    }
    return family(t) != null || t.name().equals("float8") || t.name().equals("float4") || t.name().equals("numeric");
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
