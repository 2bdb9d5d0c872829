package dev.ferry.sync.engine;

import dev.ferry.sync.source.Field;
import dev.ferry.sync.source.FieldType;
import dev.ferry.sync.source.ObjectType;
import dev.ferry.sync.writer.ColumnSpec;
import dev.ferry.sync.writer.ColumnType;
import dev.ferry.sync.writer.PostgresWriter;
import dev.ferry.sync.writer.Sql;
import dev.ferry.sync.writer.TableSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Owns the sync's tables: creates them from the source's object types and adds columns for new
 * fields, in one transaction under an advisory lock, never dropping or rewriting anything. Each
 * statement it runs is recorded in {@code ferry.migrations}; when the database is already up to date
 * it runs nothing.
 *
 * <p>Reference columns get a btree index. Reference and id-list columns get a comment line {@code ferry:references=<schema>.<table>.id}
 * (docs/catalog-comments.md) so the read side knows their target without a foreign key.
 */
public final class TableManager {
  /**
   * Steps that bring the state schema from version n to n + 1 (the first from 1 to 2): a database
   * made by an older Ferry runs the steps it lacks, in order, in the same transaction.
   */
  private static final List<List<String>> STATE_UPGRADES = List.of(
      List.of("ALTER TABLE ferry.runs ADD COLUMN destination text"),
      List.of(PostgresWriter.TOMBSTONES_DDL),
      PostgresWriter.APPLIED_EVENTS_DDL);

  /** Version of the {@code ferry} state schema's own layout. */
  public static final int STATE_SCHEMA_VERSION = 1 + STATE_UPGRADES.size();

  private static final long LOCK_KEY = 0x6665727279L; // "ferry"

  private final String source;
  private final TableLayout layout;
  private final Map<String, OwnedTable> tables = new HashMap<>();

  private final String apiVersion;

  public TableManager(String source, TableLayout layout) {
    this(source, layout, null);
  }

  /** {@code apiVersion}: the source's API version the tables hold, named in the schema's and each table's comment. */
  public TableManager(String source, TableLayout layout, String apiVersion) {
    this.source = source;
    this.layout = layout;
    this.apiVersion = apiVersion;
  }

  private String sourceComment() {
    return "ferry:source=" + source + (apiVersion == null ? "" : " api_version=" + apiVersion);
  }

  public TableLayout layout() {
    return layout;
  }

  /** The table of {@code type} as last ensured, or null. */
  synchronized OwnedTable table(String type) {
    return tables.get(type);
  }

  /**
   * Makes the tables of {@code types} match their descriptions (creating or widening them) and
   * commits; returns the statements it ran (empty when nothing was missing).
   */
  public synchronized List<String> ensure(Connection connection, List<ObjectType> types) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    List<String> applied = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
      ensureStateSchema(connection);
      if (!schemaExists(connection, layout.schema())) {
        applied.add("CREATE SCHEMA " + Sql.quote(layout.schema()));
        applied.add("COMMENT ON SCHEMA " + Sql.quote(layout.schema()) + " IS " + Sql.literal(sourceComment()));
      }
      List<String> tableStatements = new ArrayList<>();
      for (ObjectType type : types) {
        tableStatements.addAll(ensureTable(connection, type));
      }
      applied.addAll(tableStatements);
      for (String sql : applied) {
        statement.execute(sql);
      }
      recordMigrations(connection, applied);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      tables.keySet().removeIf(t -> types.stream().anyMatch(o -> o.name().equals(t)));
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return applied;
  }

  /** The state schema itself is created outside the recorded list, because ferry.migrations lives in it. */
  private static void ensureStateSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + TableLayout.STATE_SCHEMA);
      statement.execute(PostgresWriter.REJECTED_DDL); // IF NOT EXISTS: added to state schemas of every version
      if (!tableExists(connection, TableLayout.STATE_SCHEMA, "schema_version")) {
        createStateSchema(statement);
      }
      int version;
      try (ResultSet rows = statement.executeQuery("SELECT max(version) FROM ferry.schema_version")) {
        rows.next();
        version = rows.getInt(1);
      }
      if (version >= STATE_SCHEMA_VERSION) {
        return;
      }
      for (List<String> step : STATE_UPGRADES.subList(version - 1, STATE_UPGRADES.size())) {
        for (String sql : step) {
          statement.execute(sql);
        }
      }
      statement.execute("UPDATE ferry.schema_version SET version = " + STATE_SCHEMA_VERSION);
    }
  }

  /** Version 1 of the state schema; {@link #STATE_UPGRADES} takes it to the current version. */
  private static void createStateSchema(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE ferry.schema_version (version integer NOT NULL)");
    statement.execute("INSERT INTO ferry.schema_version VALUES (1)");
    statement.execute(PostgresWriter.CURSORS_DDL);
    statement.execute(
        "CREATE TABLE ferry.migrations (id bigserial PRIMARY KEY, source text NOT NULL,"
            + " statement text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
    statement.execute(
        "CREATE TABLE ferry.runs (id bigserial PRIMARY KEY, source text NOT NULL, started_at timestamptz NOT NULL"
            + " DEFAULT now(), finished_at timestamptz, status text NOT NULL, objects bigint NOT NULL DEFAULT 0,"
            + " message text)");
    statement.execute(
        "CREATE TABLE ferry.synced_types (source text NOT NULL, object_type text NOT NULL, schema_name text NOT NULL,"
            + " table_name text NOT NULL, added_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (source, object_type))");
  }

  private List<String> ensureTable(Connection connection, ObjectType type) throws SQLException {
    String tableName = layout.table(type.name());
    String qualified = Sql.quote(layout.schema()) + "." + Sql.quote(tableName);
    Map<String, String> existing = existingColumns(connection, layout.schema(), tableName);
    Map<String, String> columnOf = ColumnNames.of(type.fields());
    List<String> statements = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    Set<String> seenColumns = new LinkedHashSet<>(List.of("id"));
    for (Field field : type.fields()) {
      if (!field.name().equals("id") && seenColumns.add(columnOf.get(field.name()))) {
        fields.add(field);
      }
    }
    if (existing.isEmpty()) {
      StringBuilder create = new StringBuilder("CREATE TABLE " + qualified + " (id text PRIMARY KEY");
      for (Field field : fields) {
        create.append(", ").append(Sql.quote(columnOf.get(field.name()))).append(' ').append(ColumnMapping.columnType(field).sql());
      }
      create.append(", ").append(TableSpec.CHANGED_AT).append(" timestamptz");
      create.append(", ").append(TableSpec.SYNCED_AT).append(" timestamptz NOT NULL DEFAULT now())");
      statements.add(create.toString());
      statements.add(
          "COMMENT ON TABLE " + qualified + " IS " + Sql.literal(sourceComment() + " object=" + type.name()));
      for (Field field : fields) {
        comment(qualified, field, columnOf.get(field.name())).ifPresent(statements::add);
        index(qualified, field, columnOf.get(field.name())).ifPresent(statements::add);
      }
      naturalKeyIndex(qualified, type, columnOf).ifPresent(statements::add);
      statements.add(
          "INSERT INTO ferry.synced_types (source, object_type, schema_name, table_name) VALUES ("
              + Sql.literal(source) + ", " + Sql.literal(type.name()) + ", " + Sql.literal(layout.schema()) + ", "
              + Sql.literal(tableName) + ") ON CONFLICT DO NOTHING");
    } else {
      for (Field field : fields) {
        String column = columnOf.get(field.name());
        if (!existing.containsKey(column)) {
          statements.add(
              "ALTER TABLE " + qualified + " ADD COLUMN " + Sql.quote(column) + " " + ColumnMapping.columnType(field).sql());
          comment(qualified, field, column).ifPresent(statements::add);
          index(qualified, field, column).ifPresent(statements::add);
        }
      }
      // a table synced before its type had a natural key (association tables before their unique index) gets it now
      if (!type.naturalKey().isEmpty() && !hasUniqueIndex(connection, qualified,
          type.naturalKey().stream().map(columnOf::get).collect(java.util.stream.Collectors.toSet()))) {
        naturalKeyIndex(qualified, type, columnOf).ifPresent(statements::add);
      }
    }
    List<ColumnSpec> columns = new ArrayList<>();
    columns.add(new ColumnSpec("id", ColumnType.TEXT));
    for (Field field : fields) {
      String column = columnOf.get(field.name());
      ColumnType columnType = ColumnMapping.columnType(field);
      if (columnType == ColumnType.BIGINT && "numeric".equals(existing.get(column))) {
        columnType = ColumnType.NUMERIC; // widened for a value no bigint holds (see widen)
      }
      columns.add(new ColumnSpec(column, columnType));
    }
    String parentColumn = type.isChild() ? type.field(type.parentField()).map(f -> columnOf.get(f.name())).orElse(null) : null;
    tables.put(type.name(), new OwnedTable(type.name(), new TableSpec(layout.schema(), tableName, columns, parentColumn), fields));
    return statements;
  }

  /**
   * Widens bigint columns of {@code type}'s table to numeric, for values the API sent that no bigint
   * holds (a balance of 10^30): never wrapped, never refused. Recorded in {@code ferry.migrations}
   * like every other change; returns the statements run.
   */
  public synchronized List<String> widen(Connection connection, String type, Set<String> columns) throws SQLException {
    OwnedTable table = tables.get(type);
    List<String> applied = new ArrayList<>();
    List<ColumnSpec> widened = new ArrayList<>();
    for (ColumnSpec column : table.spec().columns()) {
      boolean widen = columns.contains(column.name()) && column.type() == ColumnType.BIGINT;
      if (widen) {
        applied.add("ALTER TABLE " + table.spec().qualified() + " ALTER COLUMN " + Sql.quote(column.name()) + " TYPE numeric");
      }
      widened.add(widen ? new ColumnSpec(column.name(), ColumnType.NUMERIC) : column);
    }
    if (applied.isEmpty()) {
      return applied;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
      for (String sql : applied) {
        statement.execute(sql);
      }
      recordMigrations(connection, applied);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
    TableSpec spec = table.spec();
    tables.put(type, new OwnedTable(type, new TableSpec(spec.schema(), spec.table(), widened, spec.parentColumn()), table.fields()));
    return applied;
  }

  /** The field's description, then its declaration line (docs/catalog-comments.md), if it has either. */
  private java.util.Optional<String> comment(String qualifiedTable, Field field, String column) {
    StringJoiner lines = new StringJoiner("\n");
    if (!column.equals(field.columnName())) {
      lines.add("API field " + field.name()); // the column name was cut or hashed (ColumnNames)
    }
    if (field.description() != null && !field.description().isBlank()) {
      lines.add(field.description());
    }
    switch (field.type()) {
      case REFERENCE, ID_LIST -> lines.add("ferry:references=" + keyOf(field.target()));
      case POLYMORPHIC -> {
        StringJoiner targets = new StringJoiner(" ");
        field.polymorphicTargets().forEach((prefix, type) -> targets.add(prefix + "=" + keyOf(type)));
        lines.add("ferry:polymorphic=" + targets);
      }
      default -> { }
    }
    if (lines.length() == 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        "COMMENT ON COLUMN " + qualifiedTable + "." + Sql.quote(column) + " IS " + Sql.literal(lines.toString()));
  }

  /** {@code <schema>.<table>.id} of an object type's table, as docs/catalog-comments.md spells it. */
  private String keyOf(String type) {
    return commentPart(layout.schema()) + "." + commentPart(layout.table(type)) + ".id";
  }

  /**
   * A btree index on each reference column: {@code customer.subscriptions} and an ORM's eager
   * loading look rows up by it, and a parent's child set is replaced by it. Postgres names it.
   */
  private static java.util.Optional<String> index(String qualifiedTable, Field field, String column) {
    if (field.type() != FieldType.REFERENCE && field.type() != FieldType.POLYMORPHIC) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("CREATE INDEX ON " + qualifiedTable + " (" + Sql.quote(column) + ")");
  }

  /** A unique index over the type's natural key (an association's two ends), if it has one. */
  private static java.util.Optional<String> naturalKeyIndex(String qualifiedTable, ObjectType type, Map<String, String> columnOf) {
    if (type.naturalKey().isEmpty()) {
      return java.util.Optional.empty();
    }
    StringJoiner columns = new StringJoiner(", ");
    for (String name : type.naturalKey()) {
      type.field(name).orElseThrow(() -> new IllegalArgumentException("natural key field " + name + " is not a field of " + type.name()));
      columns.add(Sql.quote(columnOf.get(name)));
    }
    return java.util.Optional.of("CREATE UNIQUE INDEX ON " + qualifiedTable + " (" + columns + ")");
  }

  /** docs/catalog-comments.md: a part with a dot, a double quote or upper case is double-quoted as in SQL. */
  private static String commentPart(String name) {
    boolean plain = name.chars().noneMatch(c -> c == '.' || c == '"' || Character.isUpperCase(c));
    return plain ? name : Sql.quote(name);
  }

  private void recordMigrations(Connection connection, List<String> applied) throws SQLException {
    if (applied.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO ferry.migrations (source, statement) VALUES (?, ?)")) {
      for (String sql : applied) {
        insert.setString(1, source);
        insert.setString(2, sql);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static Map<String, String> existingColumns(Connection connection, String schema, String table)
      throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped")) {
      query.setString(1, schema);
      query.setString(2, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return columns;
  }

  /** Whether {@code qualifiedTable} has a unique index over exactly {@code columns}. */
  private static boolean hasUniqueIndex(Connection connection, String qualifiedTable, Set<String> columns) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT array(SELECT a.attname::text FROM unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k)"
            + " FROM pg_index i WHERE i.indrelid = to_regclass(?) AND i.indisunique")) {
      query.setString(1, qualifiedTable);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          if (Set.of((String[]) rows.getArray(1).getArray()).equals(columns)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean schemaExists(Connection connection, String schema) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static boolean tableExists(Connection connection, String schema, String table) throws SQLException {
    return !existingColumns(connection, schema, table).isEmpty();
  }
}
