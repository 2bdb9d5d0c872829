package dev.ferry.sync.source;

import java.util.List;

/**
 * One change to apply, in feed order: an upsert of a record (with, for parents, their complete
 * child sets), a delete of an object by id, a patch of some fields of a row already held
 * ({@link Kind#PATCH}), or an object the source could not read ({@link Kind#REJECT}:
 * {@code rejection} says why in the user's words, {@code record} carries its payload; the engine keeps
 * it in {@code ferry.rejected} and moves on). {@code eventAt} is the source's time for the change in
 * epoch seconds (0 for backfill snapshots), used to refuse changes older than what a row holds.
 * {@code event} is the id of the source's event that carried the change (null for snapshots): an event
 * applied once is never applied again, however often it is delivered.
 */
public record Change(Kind kind, String type, String id, SourceRecord record, List<ChildSet> children, long eventAt,
    String rejection, String event) {
  public enum Kind {
    UPSERT,
    DELETE,
    /** Sets the fields the record names (its values' keys, null values included) on the row with its id, if there is one. */
    PATCH,
    REJECT
  }

  public Change {
    children = children == null ? List.of() : List.copyOf(children);
  }

  public Change(Kind kind, String type, String id, SourceRecord record, List<ChildSet> children, long eventAt) {
    this(kind, type, id, record, children, eventAt, null, null);
  }

  /** This change as carried by the source's event {@code event}. */
  public Change fromEvent(String event) {
    return new Change(kind, type, id, record, children, eventAt, rejection, event);
  }

  /** This change with {@code children} as its child sets (the sets it leaves out are not touched). */
  public Change withChildren(List<ChildSet> children) {
    return new Change(kind, type, id, record, children, eventAt, rejection, event);
  }

  /** An object of {@code record.type()} that cannot be read (no id, an unreadable shape): quarantined, never written. */
  public static Change rejected(SourceRecord record, String reason, long eventAt) {
    return new Change(Kind.REJECT, record.type(), record.id(), record, List.of(), eventAt, reason, null);
  }

  public static Change upsert(SourceRecord record, List<ChildSet> children, long eventAt) {
    return new Change(Kind.UPSERT, record.type(), record.id(), record, children, eventAt);
  }

  /**
   * Sets the fields of {@code record} (every key of its values, a null value too) on the row of its
   * id and leaves the row's other columns as they are: values the source re-read without a change
   * event (Salesforce formula fields). A row the table does not hold (not synced yet, or deleted) is
   * not created.
   */
  public static Change patch(SourceRecord record) {
    return new Change(Kind.PATCH, record.type(), record.id(), record, List.of(), 0);
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

    /** The same parent's set holding {@code records} instead. */
    public ChildSet withRecords(List<SourceRecord> records) {
      return new ChildSet(type, parentField, parentId, records);
    }
  }
}
