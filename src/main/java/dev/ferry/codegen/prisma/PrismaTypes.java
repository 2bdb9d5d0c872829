package dev.ferry.codegen.prisma;

import dev.ferry.catalog.PgType;
import dev.ferry.relations.AbstractType;

/**
 * Maps abstract column types to Prisma scalar types and native-type attributes, following what
 * {@code prisma db pull} writes for Postgres: text is the default for String, timestamp(3) for
 * DateTime, so every other precision or type is spelled out with {@code @db.*}.
 */
final class PrismaTypes {
  private PrismaTypes() {}

  /** A Prisma type: the scalar (or enum, or Unsupported("...")) and its native attribute, or "" for none. */
  record Mapped(String scalar, String nativeType, boolean supported) {}

  /** @param enumName the Prisma enum for an enum (or enum array) column, null when unknown */
  static Mapped map(AbstractType type, String enumName) {
    PgType pg = type.pgType();
    return switch (type.kind()) {
      case STRING -> string(pg);
      case INT16 -> new Mapped("Int", "@db.SmallInt", true);
      case INT32 -> new Mapped("Int", "", true);
      case INT64 -> new Mapped("BigInt", "", true);
      case DECIMAL -> pg != null && pg.name().equals("money")
          ? new Mapped("Decimal", "@db.Money", true)
          : new Mapped("Decimal", pg != null && pg.precision() != null ? "@db.Decimal(" + pg.precision() + ", " + (pg.scale() == null ? 0 : pg.scale()) + ")" : "", true);
      case FLOAT32 -> new Mapped("Float", "@db.Real", true);
      case FLOAT64 -> new Mapped("Float", "", true);
      case BOOLEAN -> new Mapped("Boolean", "", true);
      case DATE -> new Mapped("DateTime", "@db.Date", true);
      case TIME -> new Mapped("DateTime", (pg != null && pg.name().equals("timetz") ? "@db.Timetz" : "@db.Time") + precision(pg), true);
      case TIMESTAMP -> new Mapped("DateTime", "@db.Timestamp" + precision(pg), true);
      case TIMESTAMPTZ -> new Mapped("DateTime", "@db.Timestamptz" + precision(pg), true);
      case UUID -> new Mapped("String", "@db.Uuid", true);
      case JSON -> new Mapped("Json", "@db.Json", true);
      case JSONB -> new Mapped("Json", "", true);
      case BYTES -> new Mapped("Bytes", "", true);
      case ENUM -> enumName == null ? unsupported(pg) : new Mapped(enumName, "", true);
      case ARRAY -> {
        Mapped element = type.element() == null ? unsupported(pg) : map(type.element(), enumName);
        yield element.supported() && type.element().kind() != AbstractType.Kind.ARRAY
            ? new Mapped(element.scalar() + "[]", element.nativeType(), true)
            : unsupported(pg);
      }
      case INTERVAL, OTHER -> other(pg);
    };
  }

  private static Mapped string(PgType pg) {
    if (pg == null) {
      return new Mapped("String", "", true);
    }
    return switch (pg.name()) {
      case "varchar" -> new Mapped("String", pg.length() == null ? "@db.VarChar" : "@db.VarChar(" + pg.length() + ")", true);
      case "bpchar" -> new Mapped("String", pg.length() == null ? "@db.Char" : "@db.Char(" + pg.length() + ")", true);
      default -> new Mapped("String", "", true);
    };
  }

  // Types Prisma knows natively as strings; anything else is Unsupported (kept in migrations, hidden from the client).
  private static Mapped other(PgType pg) {
    if (pg == null) {
      return new Mapped("Unsupported(\"unknown\")", "", false);
    }
    return switch (pg.name()) {
      case "inet" -> new Mapped("String", "@db.Inet", true);
      case "citext" -> new Mapped("String", "@db.Citext", true);
      case "xml" -> new Mapped("String", "@db.Xml", true);
      case "bit" -> new Mapped("String", "@db.Bit" + (pg.length() == null ? "" : "(" + pg.length() + ")"), true);
      case "varbit" -> new Mapped("String", "@db.VarBit" + (pg.length() == null ? "" : "(" + pg.length() + ")"), true);
      case "oid" -> new Mapped("Int", "@db.Oid", true);
      default -> unsupported(pg);
    };
  }

  private static Mapped unsupported(PgType pg) {
    String sql = pg == null ? "unknown" : pg.sql();
    return new Mapped("Unsupported(" + PrismaSyntax.string(sql) + ")", "", false);
  }

  // Postgres's default fractional precision is 6; spelled out as `prisma db pull` does
  private static String precision(PgType pg) {
    return "(" + (pg != null && pg.precision() != null ? pg.precision() : 6) + ")";
  }
}
