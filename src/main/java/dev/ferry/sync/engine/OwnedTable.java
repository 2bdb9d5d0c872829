package dev.ferry.sync.engine;

import dev.ferry.sync.source.Field;
import dev.ferry.sync.source.SourceRecord;
import dev.ferry.sync.writer.TableSpec;
import java.util.List;

/** An object type and the table that holds it, with the fields in the table's column order. */
record OwnedTable(String objectType, TableSpec spec, List<Field> fields) {
  /** The record's values in {@link TableSpec#columns()} order ({@code id} first). */
  Object[] row(SourceRecord record) {
    Object[] row = new Object[fields.size() + 1];
    row[0] = record.id();
    for (int i = 0; i < fields.size(); i++) {
      row[i + 1] = record.values().get(fields.get(i).name());
    }
    return row;
  }

  /** The column {@code fieldName} is stored in, or null when the table has no such field. */
  String column(String fieldName) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(fieldName)) {
        return spec.columns().get(i + 1).name();
      }
    }
    return null;
  }

  boolean covers(List<Field> described) {
    return fields.size() >= described.size() && fields.containsAll(described);
  }
}
