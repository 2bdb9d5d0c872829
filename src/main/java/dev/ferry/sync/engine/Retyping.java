package dev.ferry.sync.engine;

import dev.ferry.sync.writer.ColumnType;

/**
 * SQL that converts a kept column's values to a field's new type for the column that replaces it
 * (TableManager#retype): total, so the migration never fails on a value; a value that does not
 * convert becomes NULL in the new column and stays as it was in the kept one.
 */
final class Retyping {
  private Retyping() {}

  /** The expression converting {@code column}, of type {@code from} (format_type's spelling), to {@code to}. */
  static String convert(String column, String from, ColumnType to) {
    boolean json = from.equals("jsonb");
    boolean number = from.equals("bigint") || from.equals("numeric");
    String asText = json ? "(" + column + " #>> '{}')" : column + "::text";
    return switch (to) {
      case JSONB -> from.equals("text")
          ? "CASE WHEN pg_input_is_valid(" + column + ", 'jsonb') AND ltrim(" + column + ") ~ '^[\\[{]' THEN "
              + column + "::jsonb ELSE to_jsonb(" + column + ") END"
          : "to_jsonb(" + column + ")";
      case TEXT -> asText;
      case TEXT_ARRAY -> json
          ? "CASE WHEN jsonb_typeof(" + column + ") = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(" + column
              + ")) ELSE ARRAY[" + asText + "] END"
          : "CASE WHEN pg_input_is_valid(" + asText + ", 'text[]') AND " + asText + " LIKE '{%' THEN " + asText
              + "::text[] ELSE ARRAY[" + asText + "] END";
      // Unix seconds, as Stripe sends times; past year 5000 is no time
      case TIMESTAMPTZ -> number
          ? "CASE WHEN abs(" + column + ") < 100000000000 THEN to_timestamp(" + column + ") END"
          : valid(asText, to);
      case BIGINT -> from.equals("timestamp with time zone") ? "extract(epoch FROM " + column + ")::bigint" : valid(asText, to);
      default -> valid(asText, to);
    };
  }

  private static String valid(String text, ColumnType to) {
    return "CASE WHEN pg_input_is_valid(" + text + ", '" + to.sql() + "') THEN (" + text + ")::" + to.sql() + " END";
  }
}
