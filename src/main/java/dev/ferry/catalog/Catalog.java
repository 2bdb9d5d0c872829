package dev.ferry.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Postgres holds for the inspected schemas: tables sorted by name, and the enum types they
 * use. Immutable; produced by {@code dev.ferry.catalog.pg.PgCatalogReader}.
 */
public final class Catalog {
  private final List<String> schemas;
  private final List<String> databaseSchemas;
  private final String tablePrefix;
  private final List<Table> tables;
  private final List<PgType> enumTypes;
  private final Map<QualifiedName, Table> byName;

  /** A catalog of {@code schemas} with nothing known about other schemas of the database. */
  public Catalog(List<String> schemas, String tablePrefix, List<Table> tables, List<PgType> enumTypes) {
    this(schemas, schemas, tablePrefix, tables, enumTypes);
  }

  /**
   * @param schemas the inspected schemas, in the order asked for
   * @param databaseSchemas every user schema of the database, inspected or not
   * @param tablePrefix the table prefix the inspection was limited to, or "" for none
   */
  public Catalog(List<String> schemas, List<String> databaseSchemas, String tablePrefix, List<Table> tables, List<PgType> enumTypes) {
    this.schemas = List.copyOf(schemas);
    this.databaseSchemas = List.copyOf(databaseSchemas);
    this.tablePrefix = tablePrefix == null ? "" : tablePrefix;
    this.tables = List.copyOf(tables);
    this.enumTypes = List.copyOf(enumTypes);
    Map<QualifiedName, Table> index = new LinkedHashMap<>();
    for (Table table : this.tables) {
      index.put(table.name(), table);
    }
    this.byName = Map.copyOf(index);
  }

  public List<String> schemas() {
    return schemas;
  }

  /** Every user schema of the database (system schemas left out), inspected or not. */
  public List<String> databaseSchemas() {
    return databaseSchemas;
  }

  /** The same catalog with other tables (a subset, or the same ones in another order). */
  public Catalog withTables(List<Table> others) {
    return new Catalog(schemas, databaseSchemas, tablePrefix, others, enumTypes);
  }

  public String tablePrefix() {
    return tablePrefix;
  }

  public List<Table> tables() {
    return tables;
  }

  public List<PgType> enumTypes() {
    return enumTypes;
  }

  public Optional<Table> table(QualifiedName name) {
    return Optional.ofNullable(byName.get(name));
  }
}
