package dev.ferry.codegen.sqlalchemy;

import static dev.ferry.codegen.python.PythonSyntax.string;

import dev.ferry.catalog.PgType;
import dev.ferry.relations.AbstractType;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLAlchemy column types ({@code sa.*}, Postgres ones as {@code pg.*}) and the Python types of
 * their values for {@code Mapped[...]}, from Ferry's abstract column types and the exact Postgres
 * type (lengths, precision, enum labels).
 *
 * @param expression the type as {@code mapped_column} takes it ({@code sa.String(255)})
 * @param python the value's Python type ({@code str}, {@code datetime.datetime}, {@code list[int]})
 * @param module the module the Python type needs imported ({@code datetime}), or null
 */
record SqlAlchemyTypes(String expression, String python, String module) {

  static SqlAlchemyTypes of(AbstractType type) {
    PgType pg = type.pgType();
    return switch (type.kind()) {
      case STRING -> pg != null && pg.length() != null && pg.name().equals("varchar")
          ? new SqlAlchemyTypes("sa.String(" + pg.length() + ")", "str", null)
          : pg != null && pg.length() != null && pg.name().equals("bpchar")
              ? new SqlAlchemyTypes("sa.CHAR(" + pg.length() + ")", "str", null)
              : new SqlAlchemyTypes("sa.Text()", "str", null);
      case INT16 -> new SqlAlchemyTypes("sa.SmallInteger()", "int", null);
      case INT32 -> new SqlAlchemyTypes("sa.Integer()", "int", null);
      case INT64 -> new SqlAlchemyTypes("sa.BigInteger()", "int", null);
      case DECIMAL -> new SqlAlchemyTypes(pg != null && pg.precision() != null
          ? "sa.Numeric(" + pg.precision() + ", " + (pg.scale() == null ? 0 : pg.scale()) + ")" : "sa.Numeric()", "decimal.Decimal", "decimal");
      case FLOAT32 -> new SqlAlchemyTypes("sa.REAL()", "float", null);
      case FLOAT64 -> new SqlAlchemyTypes("sa.Double()", "float", null);
      case BOOLEAN -> new SqlAlchemyTypes("sa.Boolean()", "bool", null);
      case DATE -> new SqlAlchemyTypes("sa.Date()", "datetime.date", "datetime");
      case TIME -> new SqlAlchemyTypes("sa.Time()", "datetime.time", "datetime");
      case TIMESTAMP -> new SqlAlchemyTypes("sa.DateTime()", "datetime.datetime", "datetime");
      case TIMESTAMPTZ -> new SqlAlchemyTypes("sa.DateTime(timezone=True)", "datetime.datetime", "datetime");
      case INTERVAL -> new SqlAlchemyTypes("sa.Interval()", "datetime.timedelta", "datetime");
      case UUID -> new SqlAlchemyTypes("sa.Uuid()", "uuid.UUID", "uuid");
      case JSON -> new SqlAlchemyTypes("pg.JSON()", "Any", null);
      case JSONB -> new SqlAlchemyTypes("pg.JSONB()", "Any", null);
      case BYTES -> new SqlAlchemyTypes("sa.LargeBinary()", "bytes", null);
      case ENUM -> enumType(pg);
      case ARRAY -> {
        SqlAlchemyTypes element = of(type.element());
        yield new SqlAlchemyTypes("pg.ARRAY(" + element.expression() + ")", "list[" + element.python() + "]", element.module());
      }
      // ranges, tsvector, inet, composites...: no SQLAlchemy type to convert them, so psycopg's own value comes through
      case OTHER -> new SqlAlchemyTypes("sa.Text()", "Any", null);
    };
  }

  /** A Postgres enum by name, never created by SQLAlchemy (the sync or the migration owns the type). */
  private static SqlAlchemyTypes enumType(PgType pg) {
    PgType enumType = pg;
    while (enumType != null && enumType.kind() == PgType.Kind.DOMAIN) {
      enumType = enumType.base();
    }
    if (enumType == null || enumType.kind() != PgType.Kind.ENUM) {
      return new SqlAlchemyTypes("sa.Text()", "str", null);
    }
    List<String> arguments = new ArrayList<>(enumType.enumLabels().stream().map(l -> string(l)).toList());
    arguments.add("name=" + string(enumType.name()));
    arguments.add("schema=" + string(enumType.schema()));
    arguments.add("create_type=False");
    return new SqlAlchemyTypes("pg.ENUM(" + String.join(", ", arguments) + ")", "str", null);
  }

  boolean usesPostgresTypes() {
    return expression.contains("pg.");
  }
}
