package dev.ferry.sync.source;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One object as the source read it: its type, id and field values keyed by field name, each of the
 * Java type {@link FieldType} lists for the field. Fields missing from {@code values} are null.
 * {@code payload} renders the object as the API sent it (kept in {@code ferry.rejected} when it cannot
 * be written); null when the source has no raw form.
 */
public record SourceRecord(String type, String id, Map<String, Object> values, Supplier<String> payload) {
  public SourceRecord(String type, String id, Map<String, Object> values) {
    this(type, id, values, null);
  }

  /** The raw payload, or the values read when the source kept none. */
  public String payloadText() {
    return payload != null ? payload.get() : String.valueOf(values);
  }
}
