package dev.ferry.codegen.migration;

import static dev.ferry.codegen.ddl.SqlNames.ident;
import static dev.ferry.codegen.ddl.SqlNames.literal;
import static dev.ferry.codegen.ddl.SqlNames.qualified;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.Index;
import dev.ferry.catalog.PgType;
import dev.ferry.catalog.RelationKind;
import dev.ferry.catalog.Table;
import dev.ferry.catalog.UniqueConstraint;
import dev.ferry.codegen.ddl.DdlRenderer;
import dev.ferry.codegen.ddl.SqlNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an ORM migration must do to recreate one Postgres schema's synced tables exactly, for the
 * Ecto and Rails migration renderers: the tables and columns (which each ORM writes in its own
 * DSL, with the exact SQL type text) and the statements no ORM DSL expresses exactly (enum types,
 * sequences behind {@code serial} defaults, unique constraints, indexes, comments), as plain SQL
 * written the way {@link DdlRenderer} (the plain-SQL target) writes it. No foreign keys: the synced
 * database has none. Views and foreign tables are not recreated, as in the SQL target.
 *
 * <p>Meant for a test database, from a test-only migrations folder: {@code up} creates the schema
 * itself ({@code CREATE SCHEMA}, never {@code IF NOT EXISTS}, so it stops on a database that has it
 * rather than mix with synced tables) and {@code down} drops exactly what {@code up} created, the
 * schema included. {@code public} is never created nor dropped; a schema holding only enum or domain
 * types the tables use is created if missing and left in place. Comments go through {@code COMMENT
 * ON} with {@link SqlNames#literal} (an ORM's {@code comment:} option quotes for one setting of
 * {@code standard_conforming_strings} only), and the literals in defaults and index definitions are
 * rewritten by {@link SqlNames#portable}.
 */
public record SchemaRecreation(
    String schema,
    List<String> before,
    List<TableSpec> tables,
    List<String> after,
    List<String> dropBefore,
    List<String> dropAfter) {

  private static final Pattern NEXTVAL = Pattern.compile("nextval\\('((?:[^']|'')+)'::regclass\\)");

  /** A table to create: its quoted name, columns in order, and key columns. */
  public record TableSpec(Table table, String quotedName, List<ColumnSpec> columns, List<String> primaryKey) {}

  /**
   * A column: {@code sqlType} is the full type text (with identity or generated clauses appended),
   * {@code defaultExpression} the default SQL expression or null.
   */
  public record ColumnSpec(Column column, String sqlType, boolean nullable, String defaultExpression) {
    public String name() {
      return column.name();
    }
  }

  /** The recreation of every table of {@code schema} in {@code catalog}, in catalog order. */
  public static SchemaRecreation of(Catalog catalog, String schema) {
    return of(catalog, schema, table -> true);
  }

  /** The recreation of the tables of {@code schema} that {@code keep} accepts. */
  public static SchemaRecreation of(Catalog catalog, String schema, Predicate<Table> keep) {
    List<Table> tables = catalog.tables().stream()
        .filter(t -> t.name().schema().equals(schema))
        .filter(keep)
        .filter(t -> t.kind() == RelationKind.TABLE || t.kind() == RelationKind.PARTITIONED_TABLE)
        .toList();
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    List<String> dropAfter = new ArrayList<>();
    Map<String, PgType> userTypes = new TreeMap<>();
    tables.forEach(t -> t.columns().forEach(c -> DdlRenderer.collectUserTypes(c.type(), userTypes)));
    if (!schema.equals("public")) {
      before.add("CREATE SCHEMA " + ident(schema));
    }
    userTypes.values().stream().map(PgType::schema).filter(s -> !s.equals(schema) && !s.equals("public")).distinct()
        .forEach(s -> before.add("CREATE SCHEMA IF NOT EXISTS " + ident(s)));
    // created in DdlRenderer's order, dropped in the reverse order
    for (PgType.Kind kind : DdlRenderer.USER_TYPE_ORDER) {
      for (PgType type : userTypes.values()) {
        if (type.kind() == kind) {
          String definition = DdlRenderer.typeDefinition(type);
          before.add(definition.substring(0, definition.length() - 1));
          dropAfter.add(0, "DROP " + (kind == PgType.Kind.DOMAIN ? "DOMAIN " : "TYPE ") + qualified(type.schema(), type.name()));
        }
      }
    }
    List<TableSpec> specs = new ArrayList<>();
    Set<String> sequences = new LinkedHashSet<>();
    for (Table table : tables) {
      String quotedTable = qualified(table.name());
      List<ColumnSpec> columns = new ArrayList<>();
      for (Column column : table.columns()) {
        String type = DdlRenderer.typeSql(column.type());
        String defaultExpression = column.defaultExpression();
        if (column.generatedExpression() != null) {
          type += " GENERATED ALWAYS AS (" + SqlNames.portable(column.generatedExpression()) + ") STORED";
          defaultExpression = null;
        } else if (column.identity() != Column.Identity.NONE) {
          type += column.identity() == Column.Identity.ALWAYS ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY";
          defaultExpression = null;
        }
        if (defaultExpression != null) {
          Matcher nextval = NEXTVAL.matcher(defaultExpression);
          if (nextval.find()) {
            String sequence = nextval.group(1).replace("''", "'");
            if (sequences.add(sequence)) {
              before.add("CREATE SEQUENCE IF NOT EXISTS " + sequence + sequenceType(column.type()));
            }
            after.add("ALTER SEQUENCE " + sequence + " OWNED BY " + quotedTable + "." + ident(column.name()));
          }
        }
        columns.add(new ColumnSpec(column, type, column.nullable(), SqlNames.portable(defaultExpression)));
      }
      List<String> primaryKey = table.primaryKey().map(pk -> pk.columns()).orElse(List.of());
      specs.add(new TableSpec(table, quotedTable, columns, primaryKey));
      if (table.comment() != null) {
        after.add("COMMENT ON TABLE " + quotedTable + " IS " + literal(table.comment()));
      }
      for (Column column : table.columns()) {
        if (column.comment() != null) {
          after.add("COMMENT ON COLUMN " + quotedTable + "." + ident(column.name()) + " IS " + literal(column.comment()));
        }
      }
      Set<String> constraintIndexes = new LinkedHashSet<>();
      table.primaryKey().ifPresent(pk -> constraintIndexes.add(pk.name()));
      for (UniqueConstraint unique : table.uniqueConstraints()) {
        constraintIndexes.add(unique.name());
        after.add("ALTER TABLE " + quotedTable + " ADD CONSTRAINT " + ident(unique.name()) + " UNIQUE ("
            + String.join(", ", unique.columns().stream().map(SqlNames::ident).toList()) + ")");
      }
      for (Index index : table.indexes()) {
        if (!index.primary() && !constraintIndexes.contains(index.name())) {
          after.add(SqlNames.portable(index.definition()));
        }
      }
    }
    List<String> dropBefore = new ArrayList<>();
    for (int i = specs.size() - 1; i >= 0; i--) {
      dropBefore.add("DROP TABLE " + specs.get(i).quotedName());
    }
    for (String sequence : sequences) {
      dropBefore.add("DROP SEQUENCE IF EXISTS " + sequence);
    }
    if (!schema.equals("public")) {
      dropAfter.add("DROP SCHEMA " + ident(schema));
    }
    return new SchemaRecreation(schema, before, specs, after, dropBefore, dropAfter);
  }

  /** The schemas holding tables in {@code catalog}, in first-seen order. */
  public static List<String> schemas(Catalog catalog) {
    return DdlRenderer.schemasWithTables(catalog);
  }

  // serial columns own an integer sequence, bigserial a bigint one (the default)
  private static String sequenceType(PgType type) {
    return switch (type.name()) {
      case "int2" -> " AS smallint";
      case "int4" -> " AS integer";
      default -> "";
    };
  }
}
