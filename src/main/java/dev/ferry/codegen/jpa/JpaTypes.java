package dev.ferry.codegen.jpa;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
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
record JpaTypes(TypeName javaType, String typeCode, String definition) {
  private static final ClassName STRING = ClassName.get(String.class);

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
            ? new JpaTypes(ArrayTypeName.of(element.javaType()), "ARRAY", null)
            // arrays of enums, json or other types: the array literal as text
            : new JpaTypes(STRING, null, driverTypeName(type.pgType()));
      }
      case ENUM, INTERVAL, OTHER -> new JpaTypes(STRING, null, driverTypeName(type.pgType()));
      default -> new JpaTypes(scalar(type), null, null);
    };
  }

  private static TypeName scalar(AbstractType type) {
    return switch (type.kind()) {
      case STRING -> STRING;
      case INT16 -> ClassName.get(Short.class);
      case INT32 -> ClassName.get(Integer.class);
      case INT64 -> ClassName.get(Long.class);
      case DECIMAL -> ClassName.get(java.math.BigDecimal.class);
      case FLOAT32 -> ClassName.get(Float.class);
      case FLOAT64 -> ClassName.get(Double.class);
      case BOOLEAN -> ClassName.get(Boolean.class);
      case DATE -> ClassName.get(java.time.LocalDate.class);
      case TIME -> isTimetz(type.pgType()) ? ClassName.get(java.time.OffsetTime.class) : ClassName.get(java.time.LocalTime.class);
      case TIMESTAMP -> ClassName.get(java.time.LocalDateTime.class);
      case TIMESTAMPTZ -> ClassName.get(java.time.OffsetDateTime.class);
      case UUID -> ClassName.get(java.util.UUID.class);
      case BYTES -> ArrayTypeName.of(TypeName.BYTE);
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
