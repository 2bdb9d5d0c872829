package dev.ferry.sync.writer;

/** The Postgres column types the writer fills, and how each Java value is encoded for COPY. */
public enum ColumnType {
  TEXT("text"),
  BIGINT("bigint"),
  BOOLEAN("boolean"),
  TIMESTAMPTZ("timestamptz"),
  DATE("date"),
  NUMERIC("numeric"),
  JSONB("jsonb"),
  TEXT_ARRAY("text[]");

  private final String sql;

  ColumnType(String sql) {
    this.sql = sql;
  }

  public String sql() {
    return sql;
  }

  /** The type of a column as Postgres's {@code format_type} names it, or null when the writer fills no such type. */
  public static ColumnType ofSql(String formatType) {
    if ("timestamp with time zone".equals(formatType)) {
      return TIMESTAMPTZ;
    }
    for (ColumnType type : values()) {
      if (type.sql.equals(formatType)) {
        return type;
      }
    }
    return null;
  }
}
