package dev.ferry.relations;

import dev.ferry.catalog.PgType;

/**
 * A column type as every target sees it; each target maps these to its own types. {@code pgType}
 * keeps the exact Postgres type for targets that need it ({@code @db.Timestamptz(3)}, migrations).
 *
 * @param element the element type when {@code kind} is ARRAY, else null
 */
public record AbstractType(Kind kind, AbstractType element, PgType pgType) {
  public enum Kind {
    STRING,
    INT16,
    INT32,
    INT64,
    DECIMAL,
    FLOAT32,
    FLOAT64,
    BOOLEAN,
    DATE,
    TIME,
    TIMESTAMP,
    TIMESTAMPTZ,
    INTERVAL,
    UUID,
    JSON,
    JSONB,
    BYTES,
    ENUM,
    ARRAY,
    /** Anything else (geometry, ranges, composites...): targets fall back to a string or an "unsupported" type. */
    OTHER
  }
}
