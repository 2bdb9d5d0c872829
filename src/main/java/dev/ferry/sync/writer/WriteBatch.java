package dev.ferry.sync.writer;

import java.util.List;
import java.util.Map;

/**
 * Everything one transaction commits: the table batches, the objects quarantined instead, the
 * cursors (stream name → opaque cursor) those rows bring the source up to, and the ids of the
 * source's events the rows came from (kept per destination, {@code stripe.<type>}, so that no
 * event is applied twice). Either all of it is visible afterwards or none.
 */
public record WriteBatch(String source, List<TableBatch> tables, Map<String, String> checkpoints, List<Sweep> sweeps,
    List<Rejected> rejected, String destination, List<String> events, Map<String, List<String>> accepted) {
  public WriteBatch {
    tables = List.copyOf(tables);
    checkpoints = Map.copyOf(checkpoints);
    sweeps = List.copyOf(sweeps);
    rejected = List.copyOf(rejected);
    events = List.copyOf(events);
    accepted = Map.copyOf(accepted);
  }

  public WriteBatch(String source, List<TableBatch> tables, Map<String, String> checkpoints, List<Sweep> sweeps,
      List<Rejected> rejected) {
    this(source, tables, checkpoints, sweeps, rejected, null, List.of(), Map.of());
  }

  /** This batch recording that the events {@code events} have been applied to {@code destination}. */
  public WriteBatch withEvents(String destination, java.util.Collection<String> events) {
    return new WriteBatch(source, tables, checkpoints, sweeps, rejected, destination, List.copyOf(events), accepted);
  }

  /** This batch clearing the quarantine ({@code ferry.rejected}) of objects now written: object type → ids. */
  public WriteBatch withAccepted(Map<String, List<String>> accepted) {
    return new WriteBatch(source, tables, checkpoints, sweeps, rejected, destination, events, accepted);
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
