package dev.ferry.sync.engine;

import dev.ferry.sync.source.Field;
import dev.ferry.sync.source.FieldType;
import dev.ferry.sync.source.ObjectType;
import dev.ferry.sync.source.Source;
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
  /** Per source, the destination holding most of its tables: where an older Ferry's per-source state goes. */
  private static final String MAIN_DESTINATION = "SELECT DISTINCT ON (source) source, destination FROM ferry.synced_types"
      + " GROUP BY source, destination ORDER BY source, count(*) DESC, min(added_at)";

  /**
   * Steps that bring the state schema from version n to n + 1 (the first from 1 to 2): a database
   * made by an older Ferry runs the steps it lacks, in order, in the same transaction.
   */
  private static final List<List<String>> STATE_UPGRADES = List.of(
      List.of("ALTER TABLE ferry.runs ADD COLUMN destination text"),
      List.of(PostgresWriter.TOMBSTONES_DDL),
      PostgresWriter.APPLIED_EVENTS_DDL,
      perDestination(),
      List.of(
          // version 6: quarantined objects per destination too (a write into one no longer clears the other's)
          "ALTER TABLE ferry.rejected ADD COLUMN destination text",
          "UPDATE ferry.rejected r SET destination = d.destination FROM (" + MAIN_DESTINATION + ") d WHERE r.source = d.source",
          "ALTER TABLE ferry.rejected DROP CONSTRAINT rejected_source_object_type_object_id_key,"
              + " ADD UNIQUE (source, destination, object_type, object_id)"));

  /**
   * Version 5: synced types and cursors are kept per destination ({@link TableLayout#key()}), so that
   * two destinations of one source keep their own positions. A synced type's destination is where
   * its table is; a source's cursors go to the destination that holds most of its tables (an older
   * Ferry shared them between destinations, and only that one was backfilled). Any other destination
   * then has no cursor and is backfilled in full by its next run.
   */
  private static List<String> perDestination() {
    String destination = "schema_name || '.' || left(table_name, length(table_name) - length(object_type)) || '<type>'";
    return List.of(
        "ALTER TABLE ferry.synced_types ADD COLUMN destination text",
        "UPDATE ferry.synced_types SET destination = " + destination,
        "ALTER TABLE ferry.synced_types ALTER COLUMN destination SET NOT NULL, DROP CONSTRAINT synced_types_pkey,"
            + " ADD PRIMARY KEY (source, destination, object_type)",
        "ALTER TABLE ferry.cursors ADD COLUMN destination text",
        "UPDATE ferry.cursors c SET destination = d.destination FROM (" + MAIN_DESTINATION + ") d WHERE c.source = d.source",
        "DELETE FROM ferry.cursors WHERE destination IS NULL", // no table to go with: a backfill starts over
        "ALTER TABLE ferry.cursors ALTER COLUMN destination SET NOT NULL, DROP CONSTRAINT cursors_pkey,"
            + " ADD PRIMARY KEY (source, destination, stream)");
  }

  /** Version of the {@code ferry} state schema's own layout. */
  public static final int STATE_SCHEMA_VERSION = 1 + STATE_UPGRADES.size();

  private static final long LOCK_KEY = 0x6665727279L; // "ferry"

  private final String source;
  private final TableLayout layout;
  private final Map<String, OwnedTable> tables = new HashMap<>();

  private final String apiVersion;
  /** Says where the source defines each type's fields, for the reasons of kept and retyped columns. */
  private final Source definitions;
  private final List<String> notices = new ArrayList<>();

  /** The tables of {@code source}; its API version, if it has one, is named in the schema's and each table's comment. */
  public TableManager(Source source, TableLayout layout) {
    this.source = source.name();
    this.layout = layout;
    this.apiVersion = source.apiVersion();
    this.definitions = source;
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
    statement.execute("CREATE TABLE ferry.cursors (source text NOT NULL, stream text NOT NULL, cursor text,"
        + " updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (source, stream))");
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
    Map<String, ExistingColumn> columnsHeld = existingColumnsWithComments(connection, layout.schema(), tableName);
    Map<String, String> existing = new LinkedHashMap<>();
    columnsHeld.forEach((name, column) -> existing.put(name, column.type()));
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
        comment(qualified, type, field, columnOf.get(field.name())).ifPresent(statements::add);
        index(qualified, field, columnOf.get(field.name())).ifPresent(statements::add);
      }
      naturalKeyIndex(qualified, type, columnOf).ifPresent(statements::add);
    }
    if (existing.isEmpty() || !isSynced(connection, type.name())) {
      // a table an older Ferry made for a second destination was never recorded (its synced types were per source)
      statements.add(
          "INSERT INTO ferry.synced_types (source, destination, object_type, schema_name, table_name) VALUES ("
              + Sql.literal(source) + ", " + Sql.literal(layout.key()) + ", " + Sql.literal(type.name()) + ", "
              + Sql.literal(layout.schema()) + ", " + Sql.literal(tableName) + ") ON CONFLICT DO NOTHING");
    }
    if (!existing.isEmpty()) {
      Set<String> defined = new LinkedHashSet<>(TableSpec.METADATA_COLUMNS);
      for (Field field : fields) {
        String column = columnOf.get(field.name());
        if (!type.learned().contains(field.name())) {
          defined.add(column);
        }
        if (!existing.containsKey(column)) {
          statements.add(
              "ALTER TABLE " + qualified + " ADD COLUMN " + Sql.quote(column) + " " + ColumnMapping.columnType(field).sql());
          comment(qualified, type, field, column).ifPresent(statements::add);
          index(qualified, field, column).ifPresent(statements::add);
        } else if (!type.learned().contains(field.name()) && retyped(existing.get(column), ColumnMapping.columnType(field))) {
          statements.addAll(retype(qualified, type, field, column, columnsHeld));
          existing.put(column, ColumnMapping.columnType(field).sql());
        }
      }
      for (Map.Entry<String, ExistingColumn> held : columnsHeld.entrySet()) {
        if (!defined.contains(held.getKey()) && Deprecation.reason(held.getValue().comment()) == null) {
          String reason = notDefined(type);
          statements.add(commentOn(qualified, held.getKey(), Deprecation.mark(held.getValue().comment(), reason)));
          notices.add(layout.schema() + "." + tableName + "." + held.getKey() + ": " + reason);
        } else if (defined.contains(held.getKey()) && Deprecation.reason(held.getValue().comment()) != null) {
          // a field the definition has again: its column is current once more
          statements.add(commentOn(qualified, held.getKey(), Deprecation.strip(held.getValue().comment())));
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
      ColumnType held = ColumnType.ofSql(existing.get(column));
      if (columnType == ColumnType.BIGINT && held == ColumnType.NUMERIC) {
        columnType = ColumnType.NUMERIC; // widened for a value no bigint holds (see widen)
      } else if (type.learned().contains(field.name()) && held != null) {
        // a field the definition lacks is typed by the first value a run sees; its column keeps the
        // type an earlier run gave it (an id first, now an expanded object: the object goes in as JSON text)
        columnType = held;
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

  /**
   * Whether a column of type {@code held} must be retyped to hold {@code wanted}: a bigint widened to
   * numeric for values no bigint holds (see {@link #widen}) stays numeric.
   */
  private static boolean retyped(String held, ColumnType wanted) {
    return !held.equals(formatType(wanted)) && !(wanted == ColumnType.BIGINT && held.equals("numeric"));
  }

  /** The type as Postgres's format_type spells it. */
  private static String formatType(ColumnType type) {
    return type == ColumnType.TIMESTAMPTZ ? "timestamp with time zone" : type.sql();
  }

  /**
   * Statements that give {@code column} the field's type without losing a value. A conversion every
   * value survives as itself (to text from a number, a boolean or a date; bigint to numeric) is done
   * in place. Any other keeps the column, renamed {@code <column>__<old type>} and marked deprecated,
   * adds the column anew and fills it with each value that converts; the next write of a row fills the rest.
   */
  private List<String> retype(String qualified, ObjectType type, Field field, String column, Map<String, ExistingColumn> held) {
    ColumnType wanted = ColumnMapping.columnType(field);
    String old = held.get(column).type();
    List<String> statements = new ArrayList<>();
    String from = old + " to " + wanted.sql();
    if (wanted == ColumnType.TEXT && Set.of("bigint", "numeric", "boolean", "date").contains(old)
        || wanted == ColumnType.NUMERIC && old.equals("bigint")) {
      statements.add("ALTER TABLE " + qualified + " ALTER COLUMN " + Sql.quote(column) + " TYPE " + wanted.sql()
          + " USING " + Sql.quote(column) + "::" + wanted.sql());
      notices.add(layout.schema() + "." + layout.table(type.name()) + "." + column + ": retyped in place from " + from);
      return statements;
    }
    String kept = keptName(column, old, held.keySet());
    String reason = "retyped: " + column + " is " + wanted.sql() + " in " + definitions.definitionOf(type.name())
        + "; this column keeps the " + old + " values synced before, and " + column + " those that convert";
    statements.add("ALTER TABLE " + qualified + " RENAME COLUMN " + Sql.quote(column) + " TO " + Sql.quote(kept));
    statements.add(commentOn(qualified, kept, Deprecation.mark(Deprecation.strip(held.get(column).comment()), reason)));
    statements.add("ALTER TABLE " + qualified + " ADD COLUMN " + Sql.quote(column) + " " + wanted.sql());
    statements.add("UPDATE " + qualified + " SET " + Sql.quote(column) + " = " + Retyping.convert(Sql.quote(kept), old, wanted)
        + " WHERE " + Sql.quote(kept) + " IS NOT NULL");
    comment(qualified, type, field, column).ifPresent(statements::add);
    index(qualified, field, column).ifPresent(statements::add);
    held.put(kept, new ExistingColumn(old, Deprecation.mark(null, reason)));
    notices.add(layout.schema() + "." + layout.table(type.name()) + "." + column + ": retyped from " + from
        + "; the values held before are kept in " + kept);
    return statements;
  }

  /** {@code <column>__<old type>}, cut to Postgres's 63 bytes, numbered if a column has that name already. */
  private static String keptName(String column, String oldType, Set<String> taken) {
    String suffix = "__" + oldType.replace("timestamp with time zone", "timestamptz").replace("[]", "_array").replace(' ', '_');
    String base = column;
    while ((base + suffix).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 60) {
      base = base.substring(0, base.length() - 1);
    }
    String name = base + suffix;
    for (int n = 2; taken.contains(name); n++) {
      name = base + suffix + n;
    }
    return name;
  }

  /** Why a column the description lacks is kept, in the source's terms. */
  private String notDefined(ObjectType type) {
    return definitions.removedField(type.name()) + "; kept with the values synced before";
  }

  private static String commentOn(String qualifiedTable, String column, String text) {
    return "COMMENT ON COLUMN " + qualifiedTable + "." + Sql.quote(column) + " IS " + Sql.literal(text);
  }

  /** One owned table as {@code ferry tables list} shows it: its columns, rows, and the columns kept but deprecated, with why. */
  public record TableReport(String table, int columns, long rows, Map<String, String> deprecated) {}

  /** The tables of {@code types} that exist, in that order; reads only. */
  public List<TableReport> report(Connection connection, List<ObjectType> types) throws SQLException {
    List<TableReport> reports = new ArrayList<>();
    for (ObjectType type : types) {
      String tableName = layout.table(type.name());
      Map<String, ExistingColumn> held = existingColumnsWithComments(connection, layout.schema(), tableName);
      if (held.isEmpty()) {
        continue;
      }
      Map<String, String> deprecated = new LinkedHashMap<>();
      held.forEach((column, existing) -> {
        String reason = Deprecation.reason(existing.comment());
        if (reason != null) {
          deprecated.put(column, reason);
        }
      });
      long rows;
      try (Statement statement = connection.createStatement();
          ResultSet count = statement.executeQuery(
              "SELECT count(*) FROM " + Sql.quote(layout.schema()) + "." + Sql.quote(tableName))) {
        count.next();
        rows = count.getLong(1);
      }
      reports.add(new TableReport(layout.schema() + "." + tableName, held.size(), rows, deprecated));
    }
    return reports;
  }

  /** What the last {@link #ensure} found worth telling: columns marked deprecated, columns retyped. */
  public synchronized List<String> takeNotices() {
    List<String> taken = List.copyOf(notices);
    notices.clear();
    return taken;
  }

  /** The field's description, then its declaration line (docs/catalog-comments.md), if it has either. */
  private java.util.Optional<String> comment(String qualifiedTable, ObjectType type, Field field, String column) {
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
        field.polymorphicTargets().forEach((prefix, target) -> targets.add(prefix + "=" + keyOf(target)));
        lines.add("ferry:polymorphic=" + targets);
      }
      default -> { }
    }
    if (type.learned().contains(field.name())) {
      lines.add(Deprecation.MARKER + notDefined(type));
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

  /** A column a table holds: its type as format_type spells it, and its comment (null if none). */
  record ExistingColumn(String type, String comment) {}

  static Map<String, ExistingColumn> existingColumnsWithComments(Connection connection, String schema, String table)
      throws SQLException {
    Map<String, ExistingColumn> columns = new LinkedHashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), col_description(c.oid, a.attnum) FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
      query.setString(1, schema);
      query.setString(2, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns.put(rows.getString(1), new ExistingColumn(rows.getString(2), rows.getString(3)));
        }
      }
    }
    return columns;
  }

  private boolean isSynced(Connection connection, String type) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT 1 FROM ferry.synced_types WHERE source = ? AND destination = ? AND object_type = ?")) {
      query.setString(1, source);
      query.setString(2, layout.key());
      query.setString(3, type);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
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
    return !existingColumnsWithComments(connection, schema, table).isEmpty();
  }
}
