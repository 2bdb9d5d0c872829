package dev.ferry.sync.source;

import java.util.Map;

/**
 * One object as the source read it: its type, id and field values keyed by field name, each of the
 * Java type {@link FieldType} lists for the field. Fields missing from {@code values} are null.
 */
public record SourceRecord(String type, String id, Map<String, Object> values) {}
