package dev.ferry.sync.source.salesforce;

import dev.ferry.sync.source.SourceException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk API 2.0 results read row by row as they arrive, keyed by the header's field names (RFC 4180:
 * comma-separated, double quotes around values, {@code ""} for a quote inside, line breaks allowed
 * inside quotes). An empty unquoted cell is null, as Bulk writes it. Only the row being read is held.
 */
final class Csv implements AutoCloseable {
  private final Reader in;
  private final char[] buffer = new char[16 * 1024];
  private int length;
  private int at;
  private final List<String> header;
  private long chars;

  /** Reads the header line of {@code in} (which the caller buffers or not: this reads in blocks). */
  Csv(Reader in) {
    this.in = in;
    List<String> first = cells();
    this.header = first == null ? List.of() : first;
  }

  /** The next row, null after the last. */
  Map<String, String> next() {
    List<String> cells = cells();
    if (cells == null) {
      return null;
    }
    if (cells.size() != header.size()) {
      throw new SourceException("a Bulk API result row has " + cells.size() + " values for " + header.size() + " columns");
    }
    Map<String, String> row = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      row.put(header.get(c), cells.get(c));
    }
    return row;
  }

  /** Characters read so far, the header's included (how much of the response has passed). */
  long chars() {
    return chars;
  }

  /** The cells of the next line, null at the end of the input. */
  private List<String> cells() {
    int ch = read();
    if (ch < 0) {
      return null;
    }
    List<String> cells = new ArrayList<>(header == null ? 16 : header.size());
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (ch < 0) {
          throw new SourceException("a Bulk API result ends inside a quoted value");
        }
        if (ch == '"') {
          int after = read();
          if (after == '"') {
            cell.append('"');
          } else {
            quoted = false;
            ch = after;
            continue;
          }
        } else {
          cell.append((char) ch);
        }
      } else if (ch == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (ch == ',' || ch == '\n' || ch < 0) {
        cells.add(wasQuoted || cell.length() > 0 ? cell.toString() : null);
        if (ch != ',') {
          return cells;
        }
        cell.setLength(0);
        wasQuoted = false;
      } else if (ch != '\r') { // CRLF line endings
        cell.append((char) ch);
      }
      ch = read();
    }
  }

  private int read() {
    if (at == length) {
      try {
        length = in.read(buffer);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      at = 0;
      if (length <= 0) {
        length = 0;
        return -1;
      }
    }
    chars++;
    return buffer[at++];
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // the response is abandoned either way
    }
  }
}
