package dev.ferry.codegen.django;

import dev.ferry.catalog.PgType;
import dev.ferry.relations.AbstractType;

/**
 * Django model field types from Ferry's abstract column types and the exact Postgres type: the field
 * class and its type arguments ({@code models.CharField(max_length=255)}), without column options.
 */
final class DjangoFields {
  /**
   * Postgres' own limits for a numeric without precision (131072 digits before the point, 16383
   * after): Django's DecimalField must state both, and these keep every value the column can hold.
   */
  private static final String UNCONSTRAINED_DECIMAL = "max_digits=147455, decimal_places=16383";

  private DjangoFields() {}

  /** The field expression with its type arguments, before any column options: {@code models.TextField(}. */
  static String of(AbstractType type) {
    PgType pg = type.pgType();
    return switch (type.kind()) {
      case STRING -> pg != null && pg.length() != null && (pg.name().equals("varchar") || pg.name().equals("bpchar"))
          ? "models.CharField(max_length=" + pg.length() : "models.TextField(";
      case INT16 -> "models.SmallIntegerField(";
      case INT32 -> "models.IntegerField(";
      case INT64 -> "models.BigIntegerField(";
      case DECIMAL -> pg != null && pg.precision() != null
          ? "models.DecimalField(max_digits=" + pg.precision() + ", decimal_places=" + (pg.scale() == null ? 0 : pg.scale())
          : "models.DecimalField(" + UNCONSTRAINED_DECIMAL;
      case FLOAT32, FLOAT64 -> "models.FloatField(";
      case BOOLEAN -> "models.BooleanField(";
      case DATE -> "models.DateField(";
      case TIME -> "models.TimeField(";
      case TIMESTAMP, TIMESTAMPTZ -> "models.DateTimeField(";
      case INTERVAL -> "models.DurationField(";
      case UUID -> "models.UUIDField(";
      case JSONB -> "models.JSONField(";
      // Django's JSONField decodes the text it expects from jsonb; psycopg already decodes json, so the value comes through as it is
      case JSON -> "models.TextField(";
      case BYTES -> "models.BinaryField(";
      // enum labels, ranges, tsvector, inet, composites: read as psycopg returns them
      case ENUM, OTHER -> "models.TextField(";
      case ARRAY -> "ArrayField(" + close(of(type.element()));
    };
  }

  /** {@code models.TextField(} → {@code models.TextField()}, with a comma before further options otherwise. */
  static String close(String open) {
    return open + ")";
  }

  /** The open expression with {@code options} appended and closed. */
  static String with(String open, java.util.List<String> options) {
    if (options.isEmpty()) {
      return open + ")";
    }
    return open + (open.endsWith("(") ? "" : ", ") + String.join(", ", options) + ")";
  }

  static boolean usesArray(AbstractType type) {
    return type.kind() == AbstractType.Kind.ARRAY;
  }
}
