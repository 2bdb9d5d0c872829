package dev.ferry.sync.writer;

import java.util.List;
import java.util.Map;

/**
 * Everything one transaction commits: the table batches and the cursors (stream name → opaque
 * cursor) those rows bring the source up to. Either all of it is visible afterwards or none.
 */
public record WriteBatch(String source, List<TableBatch> tables, Map<String, String> checkpoints) {
  public WriteBatch {
    tables = List.copyOf(tables);
    checkpoints = Map.copyOf(checkpoints);
  }

  public int rows() {
    return tables.stream().mapToInt(TableBatch::size).sum();
  }
}
