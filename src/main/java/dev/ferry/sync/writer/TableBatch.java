package dev.ferry.sync.writer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The net effect of a run of changes on one table, deduplicated by id as changes are added in feed
 * order: the last upsert or delete of an id wins, and a parent's child set replaces the previous one.
 * A patch (some columns of a row held already) is folded into an upsert of its id before it and
 * dropped by an upsert or delete after it. Rows are {@code Object[]} in {@link TableSpec#columns()} order.
 */
public final class TableBatch {
  private final TableSpec spec;
  private final Map<String, Row> upserts = new LinkedHashMap<>();
  private final Map<String, Long> deletes = new LinkedHashMap<>();
  private final Map<String, Patch> patches = new LinkedHashMap<>();
  /** Per parent column, the parents whose child sets this batch replaces, with their children's ids. */
  private final Map<String, Map<String, List<String>>> childrenByParent = new LinkedHashMap<>();
  /** Per parent column, the table its parents are rows of ({@link TableSpec#qualified()}). */
  private final Map<String, String> parentTables = new LinkedHashMap<>();

  public TableBatch(TableSpec spec) {
    this.spec = spec;
  }

  /** A row to write with the source's change time ({@code 0} for a snapshot). */
  public record Row(Object[] values, long changedAt) {}

  /** Values of some columns of a row: {@code columns} holds their indexes in {@link TableSpec#columns()}, {@code values} is full width. */
  public record Patch(Object[] values, BitSet columns) {}

  public TableSpec spec() {
    return spec;
  }

  public void upsert(Object[] values, long changedAt) {
    String id = (String) values[0];
    deletes.remove(id);
    patches.remove(id);
    upserts.put(id, new Row(values, changedAt));
  }

  /** Sets the {@code columns} of row {@code values[0]} to {@code values}, leaving its other columns as the table holds them. */
  public void patch(Object[] values, BitSet columns) {
    String id = (String) values[0];
    if (deletes.containsKey(id)) {
      return;
    }
    Row upserted = upserts.get(id);
    Patch previous = patches.get(id);
    if (upserted != null) {
      upserts.put(id, new Row(overlay(upserted.values(), values, columns), upserted.changedAt()));
    } else if (previous != null) {
      BitSet both = (BitSet) previous.columns().clone();
      both.or(columns);
      patches.put(id, new Patch(overlay(previous.values(), values, columns), both));
    } else {
      patches.put(id, new Patch(values, columns));
    }
  }

  private static Object[] overlay(Object[] base, Object[] values, BitSet columns) {
    Object[] merged = base.clone();
    columns.stream().forEach(i -> merged[i] = values[i]);
    return merged;
  }

  /** Deletes {@code id}, deleted at the source's time {@code deletedAt} ({@code 0}: unknown, the commit's time). */
  public void delete(String id, long deletedAt) {
    upserts.remove(id);
    patches.remove(id);
    deletes.put(id, deletedAt);
  }

  /** Replaces every child of {@code parentId}, a row of {@code parentTable}, with {@code rows} (empty when the parent is deleted). */
  public void replaceChildren(String parentTable, String parentId, List<Object[]> rows, long changedAt) {
    replaceChildren(spec.parentColumn(), parentTable, parentId, rows, changedAt);
  }

  /**
   * Replaces every row whose {@code parentColumn} holds {@code parentId} (a join table's either side),
   * a row of {@code parentTable}, with {@code rows}.
   */
  public void replaceChildren(String parentColumn, String parentTable, String parentId, List<Object[]> rows,
      long changedAt) {
    parentTables.put(parentColumn, parentTable);
    Map<String, List<String>> byParent = childrenByParent.computeIfAbsent(parentColumn, c -> new LinkedHashMap<>());
    List<String> previous = byParent.remove(parentId);
    if (previous != null) {
      previous.forEach(upserts::remove);
    }
    List<String> ids = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      upsert(row, changedAt);
      ids.add((String) row[0]);
    }
    byParent.put(parentId, ids);
  }

  public Collection<Row> upserts() {
    return upserts.values();
  }

  /** Patches of rows this batch neither upserts nor deletes, by id. */
  public Collection<Patch> patches() {
    return patches.values();
  }

  /** Deleted ids and their deletion times. */
  public Map<String, Long> deletes() {
    return deletes;
  }

  /** Per parent column, the parents whose child sets this batch replaces. */
  public Map<String, Set<String>> replacedParents() {
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    childrenByParent.forEach((column, byParent) -> parents.put(column, byParent.keySet()));
    return parents;
  }

  /** Per parent column, the table its parents are rows of. */
  public Map<String, String> parentTables() {
    return parentTables;
  }

  /**
   * Leaves the child sets of {@code parents} (in {@code parentColumn}) as the table holds them: the
   * parents' own changes were ignored (older than their rows, or deleted), so their children are too.
   */
  void keepChildren(String parentColumn, Set<String> parents) {
    Map<String, List<String>> byParent = childrenByParent.getOrDefault(parentColumn, Map.of());
    for (String parent : parents) {
      List<String> children = byParent.remove(parent);
      if (children != null) {
        children.forEach(upserts::remove);
      }
    }
  }

  public boolean isEmpty() {
    return upserts.isEmpty() && deletes.isEmpty() && patches.isEmpty() && childrenByParent.isEmpty();
  }

  public int size() {
    return upserts.size() + deletes.size() + patches.size();
  }
}
