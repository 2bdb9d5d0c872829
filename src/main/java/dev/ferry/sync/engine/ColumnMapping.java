package dev.ferry.sync.engine;

import dev.ferry.sync.source.Field;
import dev.ferry.sync.source.FieldType;
import dev.ferry.sync.writer.ColumnType;

/** How each source field type is stored. */
final class ColumnMapping {
  private ColumnMapping() {}

  static ColumnType columnType(FieldType type) {
    return switch (type) {
      case STRING, REFERENCE, POLYMORPHIC -> ColumnType.TEXT;
      case INTEGER -> ColumnType.BIGINT;
      case BOOLEAN -> ColumnType.BOOLEAN;
      case TIMESTAMP -> ColumnType.TIMESTAMPTZ;
      case DATE -> ColumnType.DATE;
      case DECIMAL -> ColumnType.NUMERIC;
      case JSON -> ColumnType.JSONB;
      case ID_LIST, STRING_LIST -> ColumnType.TEXT_ARRAY;
    };
  }

  static ColumnType columnType(Field field) {
    return columnType(field.type());
  }
}
