package dev.ferry.sync.writer;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.postgresql.copy.CopyIn;

/**
 * A batch's rows in COPY text format, encoded a chunk at a time while they are sent, so Postgres
 * parses one chunk while the next is encoded. Chunks are kept, so the rows can be sent again (to
 * staging, after a straight COPY met an existing row) without encoding them twice.
 */
final class CopyRows {
  private static final int CHUNK_CHARS = 64 * 1024;

  private final List<ColumnSpec> columns;
  private final Iterator<TableBatch.Row> pending;
  private final List<byte[]> encoded = new ArrayList<>();

  CopyRows(List<ColumnSpec> columns, Iterable<TableBatch.Row> rows) {
    this.columns = columns;
    this.pending = rows.iterator();
  }

  /** Sends every row into {@code copy} and ends it; on failure the COPY is cancelled. */
  void sendTo(CopyIn copy) throws SQLException {
    try {
      for (byte[] chunk : encoded) {
        copy.writeToCopy(chunk, 0, chunk.length);
      }
      for (byte[] chunk = next(); chunk != null; chunk = next()) {
        copy.writeToCopy(chunk, 0, chunk.length);
      }
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private byte[] next() {
    if (!pending.hasNext()) {
      return null;
    }
    StringBuilder text = new StringBuilder(CHUNK_CHARS + 4096);
    while (pending.hasNext() && text.length() < CHUNK_CHARS) {
      TableBatch.Row row = pending.next();
      CopyEncoder.appendRow(text, columns, row.values(), row.changedAt());
    }
    byte[] chunk = text.toString().getBytes(StandardCharsets.UTF_8);
    encoded.add(chunk);
    return chunk;
  }
}
