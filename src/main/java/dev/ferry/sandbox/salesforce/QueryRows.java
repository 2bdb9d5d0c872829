package dev.ferry.sandbox.salesforce;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A query's result rows (a Bulk job's, a REST cursor's), kept small: a stored record by reference, a
 * generated one by its index, made again when the row is read. Generated records never change (a
 * changed one is stored), so the rows stay what the query found.
 */
final class QueryRows extends AbstractList<Map<String, Object>> {
  private final List<Map<String, Object>> stored = new ArrayList<>();
  /** Per row: {@code >= 0} a generated record's index, {@code < 0} {@code -(position in stored + 1)}. */
  private int[] rows = new int[16];
  private int size;
  private Volume volume;

  @Override
  public boolean add(Map<String, Object> record) {
    if (size == rows.length) {
      rows = Arrays.copyOf(rows, size * 2);
    }
    if (record instanceof Volume.Generated generated) {
      volume = generated.volume;
      rows[size++] = generated.index;
    } else {
      stored.add(record);
      rows[size++] = -stored.size();
    }
    return true;
  }

  @Override
  public Map<String, Object> get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    int row = rows[i];
    return row >= 0 ? volume.record(row) : stored.get(-row - 1);
  }

  @Override
  public int size() {
    return size;
  }
}
