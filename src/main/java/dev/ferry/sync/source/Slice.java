package dev.ferry.sync.source;

/**
 * A part of one object type's backfill that can run in parallel with the others (for Stripe a
 * {@code created} window): a stable name, unique within the type, and the opaque start cursor.
 */
public record Slice(String type, String name, String start) {
  /** The stream name under which the engine stores this slice's cursor. */
  public String stream() {
    return "backfill:" + type + ":" + name;
  }
}
