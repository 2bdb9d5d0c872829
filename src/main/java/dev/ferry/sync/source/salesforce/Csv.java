package dev.ferry.sync.source.salesforce;

import dev.ferry.sync.source.SourceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk API 2.0 results as rows keyed by the header's field names (RFC 4180: comma-separated, double
 * quotes around values, {@code ""} for a quote inside, line breaks allowed inside quotes). An empty
 * unquoted cell is null, as Bulk writes it.
 */
final class Csv {
  private Csv() {}

  static List<Map<String, String>> rows(String text) {
    List<List<String>> lines = parse(text);
    List<Map<String, String>> rows = new ArrayList<>(Math.max(0, lines.size() - 1));
    if (lines.isEmpty()) {
      return rows;
    }
    List<String> header = lines.get(0);
    for (int i = 1; i < lines.size(); i++) {
      List<String> cells = lines.get(i);
      if (cells.size() != header.size()) {
        throw new SourceException("a Bulk API result row has " + cells.size() + " values for " + header.size() + " columns");
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), cells.get(c));
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<List<String>> parse(String text) {
    List<List<String>> lines = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i += 2;
          continue;
        }
        if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
        i++;
        continue;
      }
      switch (ch) {
        case '"' -> {
          quoted = true;
          wasQuoted = true;
        }
        case ',' -> {
          cells.add(wasQuoted || cell.length() > 0 ? cell.toString() : null);
          cell.setLength(0);
          wasQuoted = false;
        }
        case '\r' -> { } // CRLF line endings
        case '\n' -> {
          cells.add(wasQuoted || cell.length() > 0 ? cell.toString() : null);
          lines.add(cells);
          cells = new ArrayList<>();
          cell.setLength(0);
          wasQuoted = false;
        }
        default -> cell.append(ch);
      }
      i++;
    }
    if (cell.length() > 0 || wasQuoted || !cells.isEmpty()) {
      cells.add(wasQuoted || cell.length() > 0 ? cell.toString() : null);
      lines.add(cells);
    }
    return lines;
  }
}
