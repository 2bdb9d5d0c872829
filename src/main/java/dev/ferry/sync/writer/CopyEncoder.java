package dev.ferry.sync.writer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Encodes values in COPY's text format (tab-separated, {@code \N} for null, backslash escapes). */
final class CopyEncoder {
  private CopyEncoder() {}

  static void appendRow(StringBuilder out, List<ColumnSpec> columns, Object[] values, long changedAt) {
    for (int i = 0; i < columns.size(); i++) {
      Object value = i < values.length ? values[i] : null;
      appendValue(out, columns.get(i).type(), value);
      out.append('\t');
    }
    if (changedAt > 0) {
      out.append(Instant.ofEpochSecond(changedAt));
    } else {
      out.append("\\N");
    }
    out.append('\n');
  }

  private static void appendValue(StringBuilder out, ColumnType type, Object value) {
    if (value == null) {
      out.append("\\N");
      return;
    }
    switch (type) {
      case BOOLEAN -> out.append(((Boolean) value) ? 't' : 'f');
      // a number no long holds is sent as written, for Postgres to refuse: never wrapped
      case BIGINT -> out.append(value instanceof Long || value instanceof Integer ? ((Number) value).longValue() : value);
      case NUMERIC -> out.append(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
      case TIMESTAMPTZ -> out.append(value instanceof Instant t ? t.toString() : Instant.ofEpochSecond(((Number) value).longValue()).toString());
      case TEXT_ARRAY -> escape(out, arrayLiteral((List<?>) value));
      default -> escape(out, value.toString());
    }
  }

  /** {@code {"a","b"}}: every element quoted so commas, braces and spaces survive. */
  private static String arrayLiteral(List<?> items) {
    StringBuilder literal = new StringBuilder("{");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        literal.append(',');
      }
      Object item = items.get(i);
      if (item == null) {
        literal.append("NULL");
        continue;
      }
      literal.append('"');
      String text = item.toString();
      for (int c = 0; c < text.length(); c++) {
        char ch = text.charAt(c);
        if (ch == '"' || ch == '\\') {
          literal.append('\\');
        }
        literal.append(ch);
      }
      literal.append('"');
    }
    return literal.append('}').toString();
  }

  private static void escape(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\0' -> { } // Postgres text cannot hold NUL; Stripe never sends one
        default -> out.append(ch);
      }
    }
  }
}
