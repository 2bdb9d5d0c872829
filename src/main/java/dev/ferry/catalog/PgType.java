package dev.ferry.catalog;

import java.util.List;

/**
 * A column's Postgres type.
 *
 * @param schema the type's schema ({@code pg_catalog} for built-ins)
 * @param name the type's own name ({@code int8}, {@code _text}, {@code my_enum})
 * @param sql the type as SQL writes it, with modifiers ({@code bigint}, {@code text[]},
 *     {@code numeric(10,2)}, {@code timestamp(3) with time zone}); what migrations emit
 * @param kind base, array, enum, domain, composite, range or other
 * @param element the element type of an array, else null
 * @param enumLabels the labels of an enum, in declaration order; empty otherwise
 * @param base the underlying type of a domain, else null
 * @param length character length ({@code varchar(20)}), else null
 * @param precision numeric precision or fractional-second precision of time types, else null
 * @param scale numeric scale, else null
 * @param fields the fields of a composite type as its definition writes them ({@code left_part
 *     integer}), in order; empty otherwise
 */
public record PgType(
    String schema,
    String name,
    String sql,
    Kind kind,
    PgType element,
    List<String> enumLabels,
    PgType base,
    Integer length,
    Integer precision,
    Integer scale,
    List<String> fields) {

  public enum Kind {
    BASE,
    ARRAY,
    ENUM,
    DOMAIN,
    COMPOSITE,
    RANGE,
    OTHER
  }

  public PgType {
    enumLabels = List.copyOf(enumLabels);
    fields = List.copyOf(fields);
  }

  /** A type that is not composite. */
  public PgType(String schema, String name, String sql, Kind kind, PgType element, List<String> enumLabels, PgType base,
      Integer length, Integer precision, Integer scale) {
    this(schema, name, sql, kind, element, enumLabels, base, length, precision, scale, List.of());
  }

  public boolean isArray() {
    return kind == Kind.ARRAY;
  }
}
