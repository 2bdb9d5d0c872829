package dev.ferry.codegen.jooq;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.PgType;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.catalog.UniqueConstraint;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One schema as jOOQ's {@code XMLDatabase} reads it (jOOQ's INFORMATION_SCHEMA XML, {@code
 * jooq-meta-3.19.0.xsd}, read by every jOOQ edition): the schema's tables and columns, their
 * declared primary and unique keys, the synthetic keys of {@link JooqTarget#keys}, and each
 * reference inside the schema (an id-prefix pair's per-target association included) as a FOREIGN KEY constraint, named as Postgres would name it ({@code
 * <table>_<columns>_fkey}), so jOOQ's generator derives the same path methods it would from a
 * declared constraint.
 */
final class InformationSchemaFile {
  static final String NAMESPACE = "http://www.jooq.org/xsd/jooq-meta-3.19.0.xsd";

  private final StringBuilder tables = new StringBuilder();
  private final StringBuilder columns = new StringBuilder();
  private final StringBuilder constraints = new StringBuilder();
  private final StringBuilder keyColumns = new StringBuilder();
  private final StringBuilder referential = new StringBuilder();
  private final String schema;
  /** Constraint names taken in the schema: jOOQ finds a constraint by schema and name. */
  private final Set<String> names = new HashSet<>();
  /** The key (name and columns in key order) each table's referenced column set resolves to. */
  private final Map<List<Object>, Key> keys = new HashMap<>();

  private record Key(String name, List<String> columns) {}

  private InformationSchemaFile(String schema) {
    this.schema = schema;
  }

  static String render(Catalog catalog, String schema, JooqTarget.Keys synthetic) {
    InformationSchemaFile file = new InformationSchemaFile(schema);
    List<Table> mine = catalog.tables().stream().filter(t -> t.name().schema().equals(schema)).toList();
    for (Table table : mine) {
      file.table(table);
    }
    for (Table table : mine) {
      table.primaryKey().ifPresent(pk -> file.key(table.name(), pk.name(), "PRIMARY KEY", pk.columns()));
      for (UniqueConstraint unique : table.uniqueConstraints()) {
        file.key(table.name(), unique.name(), "UNIQUE", unique.columns());
      }
    }
    synthetic.primary().stream().filter(k -> k.table().schema().equals(schema))
        .forEach(k -> file.key(k.table(), k.name(), "PRIMARY KEY", k.columns()));
    synthetic.unique().stream().filter(k -> k.table().schema().equals(schema))
        .forEach(k -> file.key(k.table(), k.name(), "UNIQUE", k.columns()));
    for (JooqTarget.Key reference : synthetic.foreign()) {
      if (reference.table().schema().equals(schema) && reference.referencedTable().schema().equals(schema)) {
        file.foreignKey(reference);
      }
    }
    return file.xml(catalog.tablePrefix());
  }

  private void table(Table table) {
    String type = switch (table.kind()) {
      case VIEW -> "VIEW";
      case MATERIALIZED_VIEW -> "MATERIALIZED VIEW";
      default -> "BASE TABLE";
    };
    tables.append("    <table>");
    element(tables, "table_schema", schema);
    element(tables, "table_name", table.name().name());
    element(tables, "table_type", type);
    tables.append("</table>\n");
    for (Column column : table.columns()) {
      PgType pg = column.type().kind() == PgType.Kind.DOMAIN && column.type().base() != null ? column.type().base() : column.type();
      columns.append("    <column>");
      element(columns, "table_schema", schema);
      element(columns, "table_name", table.name().name());
      element(columns, "column_name", column.name());
      element(columns, "data_type", dataType(pg));
      if (pg.length() != null) {
        element(columns, "character_maximum_length", pg.length().toString());
      }
      if (pg.precision() != null) {
        element(columns, "numeric_precision", pg.precision().toString());
      }
      if (pg.scale() != null) {
        element(columns, "numeric_scale", pg.scale().toString());
      }
      element(columns, "ordinal_position", Integer.toString(column.position()));
      element(columns, "is_nullable", Boolean.toString(column.nullable()));
      if (column.generatedExpression() != null || column.identity() == Column.Identity.ALWAYS) {
        element(columns, "readonly", "true");
      }
      columns.append("</column>\n");
    }
  }

  /**
   * The type by the name jOOQ's Postgres dialect knows ({@code int8}, {@code varchar}, {@code
   * jsonb}); a domain by its base type, an array as its element type with {@code []}. Enums,
   * composites and ranges keep their own name, which jOOQ maps to {@code Object}: the XML format
   * cannot describe them.
   */
  private static String dataType(PgType type) {
    if (type.isArray() && type.element() != null) {
      PgType element = type.element().kind() == PgType.Kind.DOMAIN && type.element().base() != null ? type.element().base() : type.element();
      return dataType(element) + "[]";
    }
    return type.name();
  }

  private void key(QualifiedName table, String name, String type, List<String> keyColumns) {
    String unique = unique(name);
    constraint(table, unique, type);
    for (int i = 0; i < keyColumns.size(); i++) {
      keyColumn(table, unique, keyColumns.get(i), i + 1, null);
    }
    keys.putIfAbsent(List.of(table, Set.copyOf(keyColumns)), new Key(unique, keyColumns));
  }

  /** A reference (one of {@link JooqTarget#keys}' foreign keys) as a FOREIGN KEY constraint. */
  private void foreignKey(JooqTarget.Key reference) {
    Key target = keys.get(List.of(reference.referencedTable(), Set.copyOf(reference.referencedColumns())));
    if (target == null) {
      throw new IllegalStateException("no key at the end of " + reference);
    }
    String name = unique(reference.table().name() + "_" + String.join("_", reference.columns()) + "_fkey");
    constraint(reference.table(), name, "FOREIGN KEY");
    // in the referenced key's column order, as INFORMATION_SCHEMA pairs them
    for (int position = 0; position < target.columns().size(); position++) {
      String column = reference.columns().get(reference.referencedColumns().indexOf(target.columns().get(position)));
      keyColumn(reference.table(), name, column, position + 1, position + 1);
    }
    referential.append("    <referential_constraint>");
    element(referential, "constraint_schema", schema);
    element(referential, "constraint_name", name);
    element(referential, "unique_constraint_schema", schema);
    element(referential, "unique_constraint_name", target.name());
    referential.append("</referential_constraint>\n");
  }

  /** The name, or with Postgres' numeric suffix when the schema has it already. */
  private String unique(String name) {
    String candidate = name;
    for (int suffix = 1; !names.add(candidate); suffix++) {
      candidate = name + suffix;
    }
    return candidate;
  }

  private void constraint(QualifiedName table, String name, String type) {
    constraints.append("    <table_constraint>");
    element(constraints, "constraint_schema", schema);
    element(constraints, "constraint_name", name);
    element(constraints, "constraint_type", type);
    element(constraints, "table_schema", schema);
    element(constraints, "table_name", table.name());
    constraints.append("</table_constraint>\n");
  }

  private void keyColumn(QualifiedName table, String constraint, String column, int position, Integer uniquePosition) {
    keyColumns.append("    <key_column_usage>");
    element(keyColumns, "column_name", column);
    element(keyColumns, "constraint_schema", schema);
    element(keyColumns, "constraint_name", constraint);
    element(keyColumns, "ordinal_position", Integer.toString(position));
    if (uniquePosition != null) {
      element(keyColumns, "position_in_unique_constraint", uniquePosition.toString());
    }
    element(keyColumns, "table_schema", schema);
    element(keyColumns, "table_name", table.name());
    keyColumns.append("</key_column_usage>\n");
  }

  private String xml(String tablePrefix) {
    StringBuilder xml = new StringBuilder(tables.length() + columns.length() + constraints.length() + keyColumns.length() + 1024);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<!-- Generated by Ferry from schema ").append(JooqTarget.comment(schema))
        .append(tablePrefix.isEmpty() ? "" : " (tables prefixed " + JooqTarget.comment(tablePrefix) + ")")
        .append(": its tables with the relationships Ferry inferred as FOREIGN KEY constraints, for jOOQ's XMLDatabase."
            + " Ferry rewrites this file. -->\n")
        .append("<information_schema xmlns=\"").append(NAMESPACE).append("\">\n")
        .append("  <schemata>\n    <schema>");
    element(xml, "schema_name", schema);
    xml.append("</schema>\n  </schemata>\n");
    section(xml, "tables", tables);
    section(xml, "columns", columns);
    section(xml, "table_constraints", constraints);
    section(xml, "key_column_usages", keyColumns);
    section(xml, "referential_constraints", referential);
    return xml.append("</information_schema>\n").toString();
  }

  private static void section(StringBuilder xml, String name, StringBuilder body) {
    if (!body.isEmpty()) {
      xml.append("  <").append(name).append(">\n").append(body).append("  </").append(name).append(">\n");
    }
  }

  private static void element(StringBuilder xml, String name, String text) {
    xml.append('<').append(name).append('>');
    JooqTarget.escape(xml, text);
    xml.append("</").append(name).append('>');
  }
}
