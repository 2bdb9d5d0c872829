package dev.ferry.sync.writer;

import java.util.List;

/**
 * A table the writer fills: {@code id text} primary key first in {@code columns} (data columns only;
 * the writer adds the {@code _ferry_*} metadata columns itself) and, for child tables, the column
 * naming the parent (null otherwise).
 */
public record TableSpec(String schema, String table, List<ColumnSpec> columns, String parentColumn) {
  public static final String SYNCED_AT = "_ferry_synced_at";
  public static final String CHANGED_AT = "_ferry_changed_at";
  /** Columns every owned table has besides its fields' columns. */
  public static final List<String> METADATA_COLUMNS = List.of("id", CHANGED_AT, SYNCED_AT);

  public TableSpec {
    columns = List.copyOf(columns);
    if (columns.isEmpty() || !columns.get(0).name().equals("id")) {
      throw new IllegalArgumentException("the first column of " + table + " must be id");
    }
  }

  public String qualified() {
    return Sql.quote(schema) + "." + Sql.quote(table);
  }

  public int columnIndex(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
