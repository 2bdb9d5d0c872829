package dev.ferry.relations;

import dev.ferry.catalog.PgType;

/** Maps a Postgres type to the abstract type every target renders (domains as their base type). */
public final class AbstractTypes {
  private AbstractTypes() {}

  public static AbstractType of(PgType type) {
    PgType t = type;
    while (t.kind() == PgType.Kind.DOMAIN && t.base() != null) {
      t = t.base();
    }
    if (t.kind() == PgType.Kind.ARRAY && t.element() != null) {
      return new AbstractType(AbstractType.Kind.ARRAY, of(t.element()), type);
    }
    if (t.kind() == PgType.Kind.ENUM) {
      return new AbstractType(AbstractType.Kind.ENUM, null, type);
    }
    AbstractType.Kind kind = switch (t.name()) {
      case "text", "varchar", "bpchar", "char", "citext", "name" -> AbstractType.Kind.STRING;
      case "int2" -> AbstractType.Kind.INT16;
      case "int4" -> AbstractType.Kind.INT32;
      case "int8" -> AbstractType.Kind.INT64;
      case "numeric", "money" -> AbstractType.Kind.DECIMAL;
      case "float4" -> AbstractType.Kind.FLOAT32;
      case "float8" -> AbstractType.Kind.FLOAT64;
      case "bool" -> AbstractType.Kind.BOOLEAN;
      case "date" -> AbstractType.Kind.DATE;
      case "time", "timetz" -> AbstractType.Kind.TIME;
      case "timestamp" -> AbstractType.Kind.TIMESTAMP;
      case "timestamptz" -> AbstractType.Kind.TIMESTAMPTZ;
      case "interval" -> AbstractType.Kind.INTERVAL;
      case "uuid" -> AbstractType.Kind.UUID;
      case "json" -> AbstractType.Kind.JSON;
      case "jsonb" -> AbstractType.Kind.JSONB;
      case "bytea" -> AbstractType.Kind.BYTES;
      default -> AbstractType.Kind.OTHER;
    };
    return new AbstractType(kind, null, type);
  }
}
