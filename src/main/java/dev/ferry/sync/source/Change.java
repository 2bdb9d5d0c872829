package dev.ferry.sync.source;

import java.util.List;

/**
 * One change to apply, in feed order: an upsert of a record (with, for parents, their complete
 * child sets), or a delete of an object by id. {@code eventAt} is the source's time for the change
 * in epoch seconds (0 for backfill snapshots), used to refuse changes older than what a row holds.
 */
public record Change(Kind kind, String type, String id, SourceRecord record, List<ChildSet> children, long eventAt) {
  public enum Kind {
    UPSERT,
    DELETE
  }

  public Change {
    children = children == null ? List.of() : List.copyOf(children);
  }

  public static Change upsert(SourceRecord record, List<ChildSet> children, long eventAt) {
    return new Change(Kind.UPSERT, record.type(), record.id(), record, children, eventAt);
  }

  public static Change delete(String type, String id, long eventAt) {
    return new Change(Kind.DELETE, type, id, null, List.of(), eventAt);
  }

  /** A delete that also replaces child sets naming the deleted object (emptying its join-table rows). */
  public static Change delete(String type, String id, List<ChildSet> children, long eventAt) {
    return new Change(Kind.DELETE, type, id, null, children, eventAt);
  }

  /**
   * All the children of one parent of type {@code type}: the table keeps exactly these. The parent
   * is named by the child type's parent field, or by {@code parentField} when it is set: a join
   * table's rows can be replaced from either of its two sides.
   */
  public record ChildSet(String type, String parentField, String parentId, List<SourceRecord> records) {
    public ChildSet {
      records = List.copyOf(records);
    }

    public ChildSet(String type, String parentId, List<SourceRecord> records) {
      this(type, null, parentId, records);
    }
  }
}
