package dev.ferry.sync.writer;

import java.util.List;
import java.util.Map;

/**
 * Everything one transaction commits: the table batches, the objects quarantined instead, the
 * cursors (stream name → opaque cursor) those rows bring the destination up to, and the ids of the
 * source's events the rows came from. Cursors and events are kept per destination ({@code
 * stripe.<type>}, or {@code public.stripe_<type>}), so that two destinations of one source keep
 * their own positions and no event is applied twice to either. Either all of it is visible
 * afterwards or none.
 */
public record WriteBatch(String source, List<TableBatch> tables, Map<String, String> checkpoints, List<Sweep> sweeps,
    List<Rejected> rejected, String destination, List<String> events, Map<String, List<String>> accepted) {
  public WriteBatch {
    if (destination == null && (!checkpoints.isEmpty() || !events.isEmpty() || !rejected.isEmpty() || !accepted.isEmpty())) {
      throw new IllegalArgumentException("cursors, events and quarantined objects are kept per destination: the batch names none");
    }
    tables = List.copyOf(tables);
    checkpoints = Map.copyOf(checkpoints);
    sweeps = List.copyOf(sweeps);
    rejected = List.copyOf(rejected);
    events = List.copyOf(events);
    accepted = Map.copyOf(accepted);
  }

  /** Rows, cursors, sweeps and quarantined objects for {@code destination} (null only when the batch has no cursor). */
  public WriteBatch(String source, String destination, List<TableBatch> tables, Map<String, String> checkpoints,
      List<Sweep> sweeps, List<Rejected> rejected) {
    this(source, tables, checkpoints, sweeps, rejected, destination, List.of(), Map.of());
  }

  public WriteBatch(String source, String destination, List<TableBatch> tables, Map<String, String> checkpoints) {
    this(source, destination, tables, checkpoints, List.of(), List.of());
  }

  /** This batch recording that the events {@code events} have been applied to its destination. */
  public WriteBatch withEvents(java.util.Collection<String> events) {
    return new WriteBatch(source, tables, checkpoints, sweeps, rejected, destination, List.copyOf(events), accepted);
  }

  /** This batch clearing the quarantine ({@code ferry.rejected}) of objects now written: object type → ids. */
  public WriteBatch withAccepted(Map<String, List<String>> accepted) {
    return new WriteBatch(source, tables, checkpoints, sweeps, rejected, destination, events, accepted);
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
