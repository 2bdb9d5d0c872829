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
}
