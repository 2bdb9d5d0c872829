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
  private static final ClassName SHORT = ClassName.get(Short.class);
  private static final ClassName INTEGER = ClassName.get(Integer.class);
  private static final ClassName LONG = ClassName.get(Long.class);
  private static final ClassName BIG_DECIMAL = ClassName.get(java.math.BigDecimal.class);
  private static final ClassName FLOAT = ClassName.get(Float.class);
  private static final ClassName DOUBLE = ClassName.get(Double.class);
  private static final ClassName BOOLEAN = ClassName.get(Boolean.class);
  private static final ClassName LOCAL_DATE = ClassName.get(java.time.LocalDate.class);
  private static final ClassName OFFSET_TIME = ClassName.get(java.time.OffsetTime.class);
  private static final ClassName LOCAL_TIME = ClassName.get(java.time.LocalTime.class);
  private static final ClassName LOCAL_DATE_TIME = ClassName.get(java.time.LocalDateTime.class);
  private static final ClassName OFFSET_DATE_TIME = ClassName.get(java.time.OffsetDateTime.class);
  private static final ClassName UUID_TYPE = ClassName.get(java.util.UUID.class);
  private static final TypeName BYTES = ArrayTypeName.of(TypeName.BYTE);

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
      case INT16 -> SHORT;
      case INT32 -> INTEGER;
      case INT64 -> LONG;
      case DECIMAL -> BIG_DECIMAL;
      case FLOAT32 -> FLOAT;
      case FLOAT64 -> DOUBLE;
      case BOOLEAN -> BOOLEAN;
      case DATE -> LOCAL_DATE;
      case TIME -> isTimetz(type.pgType()) ? OFFSET_TIME : LOCAL_TIME;
      case TIMESTAMP -> LOCAL_DATE_TIME;
      case TIMESTAMPTZ -> OFFSET_DATE_TIME;
      case UUID -> UUID_TYPE;
      case BYTES -> BYTES;
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
