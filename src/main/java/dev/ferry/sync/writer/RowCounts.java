package dev.ferry.sync.writer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows written per table (qualified name): inserted, updated (a row really changed: an upsert equal
 * to, or older than, the row it meets counts nothing) and deleted (by a deletion, a sweep, or a
 * parent's new child set). Only committed batches are added, so the figures are what the tables got.
 */
public final class RowCounts {
  /** What one table got. */
  public record Rows(long inserted, long updated, long deleted) {
    public static final Rows NONE = new Rows(0, 0, 0);

    Rows plus(Rows other) {
      return new Rows(inserted + other.inserted, updated + other.updated, deleted + other.deleted);
    }

    public long total() {
      return inserted + updated + deleted;
    }
  }

  private final Map<String, Rows> tables = new LinkedHashMap<>();

  synchronized void add(String table, long inserted, long updated, long deleted) {
    if (inserted != 0 || updated != 0 || deleted != 0) {
      tables.merge(table, new Rows(inserted, updated, deleted), Rows::plus);
    }
  }

  synchronized void addAll(RowCounts other) {
    other.tables.forEach((table, rows) -> tables.merge(table, rows, Rows::plus));
  }

  /** What {@code table} (schema.table as {@link TableSpec#qualified()} gives it) got, {@link Rows#NONE} if nothing. */
  public synchronized Rows of(String table) {
    return tables.getOrDefault(table, Rows.NONE);
  }

  public synchronized void clear() {
    tables.clear();
  }
}
