package dev.ferry.sync.writer;

import java.util.List;
import java.util.Map;

/**
 * Everything one transaction commits: the table batches, the objects quarantined instead, and the
 * cursors (stream name → opaque cursor) those rows bring the source up to. Either all of it is visible
 * afterwards or none.
 */
public record WriteBatch(String source, List<TableBatch> tables, Map<String, String> checkpoints, List<Sweep> sweeps,
    List<Rejected> rejected) {
  public WriteBatch {
    tables = List.copyOf(tables);
    checkpoints = Map.copyOf(checkpoints);
    sweeps = List.copyOf(sweeps);
    rejected = List.copyOf(rejected);
  }

  public WriteBatch(String source, List<TableBatch> tables, Map<String, String> checkpoints, List<Sweep> sweeps) {
    this(source, tables, checkpoints, sweeps, List.of());
  }

  public WriteBatch(String source, List<TableBatch> tables, Map<String, String> checkpoints) {
    this(source, tables, checkpoints, List.of(), List.of());
  }

  /**
   * Deletes the rows of {@code table} not written since {@code before} (a database timestamp): after
   * a complete backfill, those are objects the source no longer lists, deleted while no change
   * feed covered them.
   */
  public record Sweep(TableSpec table, java.time.OffsetDateTime before) {}

  public int rows() {
    return tables.stream().mapToInt(TableBatch::size).sum();
  }
}
