package dev.ferry.codegen.ecto;

import dev.ferry.catalog.PgType;
import dev.ferry.relations.AbstractType;
import java.util.List;

/**
 * Ecto field types for Ferry's abstract column types (Ecto.Schema's primitive types table), json
 * columns typed by the generated any-JSON module of their schema's namespace.
 */
final class EctoTypes {
  private EctoTypes() {}

  /**
   * An Ecto type expression, for {@code Ecto.Enum} the enum's values as atoms, and whether Ecto can
   * load the column's values (false for types without an Ecto primitive, which Postgrex returns as
   * structs).
   */
  record EctoType(String expression, List<String> enumValues, boolean loadable) {
    boolean isEnum() {
      return !enumValues.isEmpty();
    }
  }

  /** @param jsonModule the generated any-JSON Ecto.Type for json/jsonb columns, e.g. {@code MyApp.Stripe.JSON} */
  static EctoType of(AbstractType type, String jsonModule) {
    return switch (type.kind()) {
      case ARRAY -> {
        EctoType element = of(type.element(), jsonModule);
        yield new EctoType("{:array, " + element.expression() + "}", element.enumValues(), element.loadable());
      }
      // Ecto.Enum raises without values: an enum with no labels holds only NULL, which :string loads
      case ENUM -> enumLabels(type.pgType()).isEmpty()
          ? new EctoType(":string", List.of(), true)
          : new EctoType("Ecto.Enum", enumLabels(type.pgType()).stream().map(ElixirSyntax::atom).toList(), true);
      case JSON, JSONB -> new EctoType(jsonModule, List.of(), true);
      // interval, ranges, tsvector, inet...: no Ecto primitive; see docs/targets/ecto.md
      case INTERVAL, OTHER -> new EctoType(":string", List.of(), false);
      default -> new EctoType(primitive(type), List.of(), true);
    };
  }

  private static String primitive(AbstractType type) {
    return switch (type.kind()) {
      case STRING -> ":string";
      case INT16, INT32, INT64 -> ":integer";
      case DECIMAL -> ":decimal";
      case FLOAT32, FLOAT64 -> ":float";
      case BOOLEAN -> ":boolean";
      case DATE -> ":date";
      case TIME -> secondsOnly(type) ? ":time" : ":time_usec";
      // timestamp(0) holds whole seconds; any other precision (default 6) needs the _usec type,
      // or Ecto raises when a loaded value carries microseconds
      case TIMESTAMP -> secondsOnly(type) ? ":naive_datetime" : ":naive_datetime_usec";
      case TIMESTAMPTZ -> secondsOnly(type) ? ":utc_datetime" : ":utc_datetime_usec";
      case UUID -> "Ecto.UUID";
      case BYTES -> ":binary";
      case ENUM, ARRAY, JSON, JSONB, INTERVAL, OTHER -> throw new IllegalStateException("handled by of()");
    };
  }

  private static boolean secondsOnly(AbstractType type) {
    PgType pg = type.pgType();
    return pg != null && pg.precision() != null && pg.precision() == 0;
  }

  private static List<String> enumLabels(PgType pg) {
    PgType enumType = pg;
    while (enumType != null && enumType.kind() != PgType.Kind.ENUM) {
      enumType = enumType.kind() == PgType.Kind.ARRAY ? enumType.element() : enumType.base();
    }
    return enumType == null ? List.of() : enumType.enumLabels();
  }
}
