package dev.ferry.codegen.jpa;

import dev.ferry.catalog.PgType;
import dev.ferry.relations.AbstractType;

/**
 * The Java type of a column and the Hibernate type code it needs, after Hibernate 6/7's basic type
 * mappings for PostgreSQL: json and jsonb through {@code SqlTypes.JSON} into a String (the JSON text,
 * whatever its shape), arrays through {@code SqlTypes.ARRAY}. Types without a Java counterpart
 * Hibernate reads (enums, intervals, ranges, composites, inet...) are read as their text, with the
 * column's own type as {@code columnDefinition} so {@code hbm2ddl.auto=validate} checks it by name.
 *
 * @param typeCode the {@code SqlTypes} constant for {@code @JdbcTypeCode}, or null
 * @param definition the column type for {@code @Column(columnDefinition)}, or null
 */
record JpaTypes(JavaType javaType, String typeCode, String definition) {
  private static final JavaType STRING = JavaType.STRING;

  static JpaTypes of(AbstractType type) {
    PgType pg = type.pgType();
    if (pg != null && pg.kind() == PgType.Kind.DOMAIN) {
      // the driver reports a domain as itself (Types.DISTINCT): validation matches it by name
      JpaTypes base = of(new AbstractType(type.kind(), type.element(), pg.base()));
      return new JpaTypes(base.typeCode() == null ? base.javaType() : STRING, null, driverTypeName(pg));
    }
    if (pg != null && pg.name().equals("bpchar")) {
      return new JpaTypes(STRING, "CHAR", null);
    }
    return switch (type.kind()) {
      case JSON -> new JpaTypes(STRING, "JSON", "json");
      case JSONB -> new JpaTypes(STRING, "JSON", null);
      case ARRAY -> {
        JpaTypes element = of(type.element());
        yield element.typeCode() == null && element.definition() == null
            ? new JpaTypes(element.javaType().array(), "ARRAY", null)
            // arrays of enums, json or other types: the array literal as text
            : new JpaTypes(STRING, null, driverTypeName(type.pgType()));
      }
      case ENUM, INTERVAL, OTHER -> new JpaTypes(STRING, null, driverTypeName(type.pgType()));
      default -> new JpaTypes(scalar(type), null, null);
    };
  }

  private static JavaType scalar(AbstractType type) {
    return switch (type.kind()) {
      case STRING -> STRING;
      case INT16 -> JavaType.of(Short.class);
      case INT32 -> JavaType.of(Integer.class);
      case INT64 -> JavaType.of(Long.class);
      case DECIMAL -> JavaType.of(java.math.BigDecimal.class);
      case FLOAT32 -> JavaType.of(Float.class);
      case FLOAT64 -> JavaType.of(Double.class);
      case BOOLEAN -> JavaType.of(Boolean.class);
      case DATE -> JavaType.of(java.time.LocalDate.class);
      case TIME -> isTimetz(type.pgType()) ? JavaType.of(java.time.OffsetTime.class) : JavaType.of(java.time.LocalTime.class);
      case TIMESTAMP -> JavaType.of(java.time.LocalDateTime.class);
      case TIMESTAMPTZ -> JavaType.of(java.time.OffsetDateTime.class);
      case UUID -> JavaType.of(java.util.UUID.class);
      case BYTES -> JavaType.of(byte.class).array();
      case JSON, JSONB, ARRAY, ENUM, INTERVAL, OTHER -> throw new IllegalStateException("handled by of()");
    };
  }

  private static boolean isTimetz(PgType type) {
    return type != null && (type.name().equals("timetz") || (type.base() != null && isTimetz(type.base())));
  }

  /**
   * The type's name as PgJDBC's {@code DatabaseMetaData.getColumns} reports it, which Hibernate's
   * validation compares with {@code columnDefinition}: bare on the default search path (public),
   * else {@code "schema"."name"}.
   */
  private static String driverTypeName(PgType type) {
    return type.schema().equals("public") || type.schema().equals("pg_catalog") ? type.name()
        : "\"" + type.schema() + "\".\"" + type.name() + "\"";
  }
}
