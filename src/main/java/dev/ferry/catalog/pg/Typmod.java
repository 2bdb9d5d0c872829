package dev.ferry.catalog.pg;

/**
 * Length, precision and scale decoded from a column's {@code atttypmod}, following how Postgres
 * encodes them per type (src/backend/utils/adt: varchar.c, numeric.c, timestamp.c, varbit.c).
 * Fields are null when the type has no such modifier or none was given.
 */
record Typmod(Integer length, Integer precision, Integer scale) {
  static final Typmod NONE = new Typmod(null, null, null);

  /** Character types store the length plus the 4-byte varlena header. */
  private static final int VARHDRSZ = 4;

  /** An interval typmod keeps its fractional precision in the low 16 bits; 0xFFFF means unset. */
  private static final int INTERVAL_FULL_PRECISION = 0xFFFF;

  static Typmod decode(String typeName, int typmod) {
    if (typmod < 0) {
      return NONE;
    }
    return switch (typeName) {
      case "bpchar", "varchar" -> typmod >= VARHDRSZ ? new Typmod(typmod - VARHDRSZ, null, null) : NONE;
      case "bit", "varbit" -> new Typmod(typmod, null, null);
      case "numeric" -> numeric(typmod);
      case "timestamp", "timestamptz", "time", "timetz" -> new Typmod(null, typmod, null);
      case "interval" -> {
        int precision = typmod & 0xFFFF;
        yield precision == INTERVAL_FULL_PRECISION ? NONE : new Typmod(null, precision, null);
      }
      default -> NONE;
    };
  }

  private static Typmod numeric(int typmod) {
    if (typmod < VARHDRSZ) {
      return NONE;
    }
    int packed = typmod - VARHDRSZ;
    int precision = (packed >> 16) & 0xFFFF;
    // the scale is an 11-bit signed number since Postgres 15 (negative scales round left of the point)
    int scale = ((packed & 0x7FF) ^ 1024) - 1024;
    return new Typmod(null, precision, scale);
  }
}
