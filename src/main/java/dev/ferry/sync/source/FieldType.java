package dev.ferry.sync.source;

/**
 * The value types a source can describe. Each maps to one Postgres column type in the engine; the
 * Java value a source puts in a {@link SourceRecord} for each is listed here.
 */
public enum FieldType {
  /** {@link String}. */
  STRING,
  /** {@link Long} (amounts are integers in minor units). */
  INTEGER,
  /** {@link Boolean}. */
  BOOLEAN,
  /** {@link java.time.Instant}. */
  TIMESTAMP,
  /** {@link java.time.LocalDate}: a calendar day without a time of day. */
  DATE,
  /** {@link java.math.BigDecimal}. */
  DECIMAL,
  /** A JSON document as text (nested objects and lists of objects). */
  JSON,
  /** {@code List<String>} of plain values (a multi-select's chosen options). */
  STRING_LIST,
  /** {@code List<String>} of ids of {@link Field#target()} objects. */
  ID_LIST,
  /** {@link String}: the id of a {@link Field#target()} object, stored in a {@code <field>_id} column. */
  REFERENCE,
  /**
   * {@link String}: the id of an object of one of several types, told apart by the id's prefix
   * ({@link Field#polymorphicTargets()}), stored in a {@code <field>_id} column.
   */
  POLYMORPHIC
}
