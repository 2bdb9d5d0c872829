package dev.ferry.catalog.pg;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.ForeignKey;
import dev.ferry.catalog.Index;
import dev.ferry.catalog.PgType;
import dev.ferry.catalog.PrimaryKey;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.RelationKind;
import dev.ferry.catalog.Table;
import dev.ferry.catalog.UniqueConstraint;
import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Reads the catalog of the selected schemas from {@code pg_catalog} in a fixed number of queries,
 * whatever the number of tables: schemas, relations, columns, types, type names, constraints and
 * indexes (seven queries at most, plus the start and end of a read-only snapshot transaction when
 * the connection is in autocommit mode; given a second connection, the constraints and indexes
 * go to it, in the first one's exported snapshot). Every value that comes from the user is bound as a
 * parameter; relation ids found by the relation query are passed on as an {@code oid[]} parameter.
 *
 * <p>Partitions are folded into their partitioned parent (skipped), so are constraints and
 * indexes that Postgres clones onto partitions. Output is sorted: tables by schema and name,
 * columns by position, constraints and indexes by name, enum types by schema and name.
 *
 * <p>Needs Postgres 12 or newer ({@code attgenerated}). Stateless and thread-safe; the caller owns
 * the connection.
 */
public final class PgCatalogReader {
  /** Ferry's own state schema, never inspected unless asked for by name. */
  public static final String FERRY_SCHEMA = "ferry";

  private static final String SCHEMAS =
      "SELECT n.nspname FROM pg_catalog.pg_namespace n ORDER BY n.nspname";

  private static final String RELATIONS =
      """
      SELECT c.oid, n.nspname, c.relname, c.relkind, d.description
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_description d
               ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
       WHERE n.nspname = ANY(?)
         AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
         AND NOT c.relispartition
         AND starts_with(c.relname, ?)
      """;

  private static final String COLUMNS =
      """
      SELECT a.attrelid, a.attname, a.attnum, a.atttypid, a.atttypmod, a.attnotnull,
             a.attidentity, a.attgenerated,
             pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS default_expression,
             d.description
        FROM pg_catalog.pg_attribute a
        LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        LEFT JOIN pg_catalog.pg_description d
               ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::regclass
              AND d.objsubid = a.attnum
       WHERE a.attrelid = ANY(?::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
      """;

  /** The column types and, transitively, their array element and domain base types. */
  private static final String TYPES =
      """
      WITH RECURSIVE wanted(oid) AS (
          SELECT unnest(?::oid[])
        UNION
          SELECT CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.typelem END
            FROM wanted w JOIN pg_catalog.pg_type t ON t.oid = w.oid
           WHERE t.typtype = 'd' OR (t.typelem <> 0 AND t.typlen = -1)
      )
      SELECT t.oid, n.nspname, t.typname, t.typtype, t.typelem, t.typlen, t.typbasetype, t.typtypmod,
             CASE WHEN t.typtype = 'c'
               THEN ARRAY(SELECT pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
                            FROM pg_catalog.pg_attribute a
                           WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)
               ELSE ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e
                           WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END AS labels
        FROM wanted w
        JOIN pg_catalog.pg_type t ON t.oid = w.oid
        JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      """;

  private static final String TYPE_NAMES =
      """
      SELECT x.oid, x.typmod, pg_catalog.format_type(x.oid, x.typmod)
        FROM unnest(?::oid[], ?::int4[]) AS x(oid, typmod)
      """;

  /** Constraints declared on the relation itself (conparentid = 0), not clones on partitions. */
  private static final String CONSTRAINTS =
      """
      SELECT con.conrelid, con.conname, con.contype,
             ARRAY(SELECT a.attname
                     FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                    ORDER BY k.ord) AS columns,
             tn.nspname AS target_schema, tc.relname AS target_table,
             ARRAY(SELECT a.attname
                     FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                    ORDER BY k.ord) AS target_columns
        FROM pg_catalog.pg_constraint con
        LEFT JOIN pg_catalog.pg_class tc ON tc.oid = con.confrelid
        LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
       WHERE con.conrelid = ANY(?::oid[]) AND con.contype IN ('p', 'u', 'f') AND con.conparentid = 0
      """;

  /**
   * Key columns come back as attribute numbers ({@code indkey} as text, e.g. "1 3") and are named
   * from the columns already read; only indexes with expression keys (attnum 0) pay for
   * {@code pg_get_indexdef} per key. INCLUDE columns (past {@code indnkeyatts}) are not keys.
   */
  private static final String INDEXES =
      """
      SELECT i.indrelid, ic.relname, i.indisunique, i.indisprimary, am.amname,
             pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
             pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
             i.indkey::text AS key_attnums, i.indnkeyatts,
             CASE WHEN 0 = ANY(i.indkey::int2[])
                  THEN ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k, true)
                               FROM generate_series(1, i.indnkeyatts::int) AS k ORDER BY k)
             END AS key_expressions
        FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_catalog.pg_am am ON am.oid = ic.relam
       WHERE i.indrelid = ANY(?::oid[])
      """;

  /**
   * Reads the tables of {@code schemas} (all user schemas but {@code ferry} when empty) whose
   * names start with {@code tablePrefix} ("" or null for all).
   *
   * @throws FerryException NOT_FOUND when a schema does not exist or the selection has no tables
   */
  public Catalog read(Connection connection, List<String> schemas, String tablePrefix) {
    return read(connection, null, schemas, tablePrefix);
  }

  /**
   * The same, with the constraints and indexes read on a second connection from {@code another},
   * in the first one's snapshot, while the first reads the columns and types: the two halves take
   * Postgres about as long each on a wide schema. Only when {@code connection} is in autocommit
   * mode (the snapshot is then the reader's own); otherwise, or when {@code another} is null, all
   * queries run on {@code connection}.
   */
  public Catalog read(Connection connection, Connections another, List<String> schemas, String tablePrefix) {
    String prefix = tablePrefix == null ? "" : tablePrefix;
    try {
      // defaults and index definitions are deparsed with this setting's quoting: fix it, so the
      // generators know how the literals in them read (docs/generate.md)
      if (!connection.getAutoCommit()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(CONFORMING);
        }
        // the caller's transaction decides what is seen
        return readAll(connection, null, schemas, prefix);
      }
      // one snapshot for all queries, so a migration running meanwhile cannot leave a table
      // without its columns or an index without its table
      try (Statement statement = connection.createStatement()) {
        statement.execute(SNAPSHOT + "; " + CONFORMING);
      }
      try {
        return readAll(connection, another == null ? null : new Beside(another, exportSnapshot(connection)), schemas, prefix);
      } finally {
        try (Statement statement = connection.createStatement()) {
          statement.execute("ROLLBACK");
        }
      }
    } catch (SQLException e) {
      throw new FerryException(ExitCodes.FAILURE, "could not read the catalog: " + firstLine(e), e);
    }
  }

  /** Opens another connection to the database being read. */
  @FunctionalInterface
  public interface Connections {
    Connection open() throws SQLException;
  }

  private static final String SNAPSHOT = "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
  private static final String CONFORMING = "SET LOCAL standard_conforming_strings = on";

  private record Keys(Map<Long, List<ConstraintRow>> constraints, Map<Long, List<IndexRow>> indexes) {}

  private static Keys readKeys(Connection connection, Long[] relationIds) throws SQLException {
    return new Keys(readConstraints(connection, relationIds), readIndexes(connection, relationIds));
  }

  private static String exportSnapshot(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** Another connection to read the constraints and indexes on, in the first one's {@code snapshot}. */
  private record Beside(Connections connections, String snapshot) {
    /**
     * Starts the key queries on a connection and thread of their own; empty when no other connection
     * can be opened (a role's or the server's connection limit reached, say): the first then reads them.
     */
    CompletableFuture<Optional<Keys>> readKeys(Long[] relationIds) {
      return CompletableFuture.supplyAsync(() -> {
        Connection connection;
        try {
          connection = connections.open();
        } catch (SQLException | FerryException e) {
          return Optional.empty();
        }
        try (connection; Statement statement = connection.createStatement()) {
          // a snapshot id is not a bindable parameter; this one comes from the server, not the user
          statement.execute(SNAPSHOT + "; SET TRANSACTION SNAPSHOT '" + snapshot + "'; " + CONFORMING);
          return Optional.of(PgCatalogReader.readKeys(connection, relationIds)); // closing the connection ends its transaction
        } catch (SQLException e) {
          throw new CompletionException(e);
        }
      }, task -> {
        Thread thread = new Thread(task, "ferry-catalog-keys");
        thread.setDaemon(true);
        thread.start();
      });
    }
  }

  private static <T> T await(CompletableFuture<T> future) throws SQLException {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
  }

  /** All queries on {@code connection}, but the constraints and indexes on the other connection when there is one. */
  private static Catalog readAll(Connection connection, Beside beside, List<String> schemas, String prefix)
      throws SQLException {
    List<String> existing = readSchemas(connection);
    List<String> userSchemas = existing.stream().filter(s -> !isSystemSchema(s)).toList();
    List<String> selected = selectSchemas(existing, userSchemas, schemas);
    Map<Long, RelationRow> relations = readRelations(connection, selected, prefix);
    if (relations.isEmpty()) {
      throw FerryException.notFound(describeEmptySelection(schemas, selected, prefix));
    }
    Long[] relationIds = relations.keySet().toArray(Long[]::new);
    CompletableFuture<Optional<Keys>> keysBeside = beside == null ? CompletableFuture.completedFuture(Optional.empty()) : beside.readKeys(relationIds);
    Map<Long, List<ColumnRow>> columns = readColumns(connection, relationIds);
    TypeResolver types = TypeResolver.load(connection, columns.values());
    Optional<Keys> readBeside = await(keysBeside);
    Keys keys = readBeside.isPresent() ? readBeside.get() : readKeys(connection, relationIds);

    List<Table> tables = new ArrayList<>();
    for (Map.Entry<Long, RelationRow> entry : relations.entrySet()) {
      long id = entry.getKey();
      tables.add(
          buildTable(
              entry.getValue(),
              columns.getOrDefault(id, List.of()),
              types,
              keys.constraints().getOrDefault(id, List.of()),
              keys.indexes().getOrDefault(id, List.of())));
    }
    tables.sort(Comparator.comparing(Table::name));
    return new Catalog(selected, userSchemas, prefix, tables, enumTypesOf(tables));
  }

  private static List<String> readSchemas(Connection connection) throws SQLException {
    List<String> existing = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(SCHEMAS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        existing.add(rows.getString(1));
      }
    }
    return existing;
  }

  private static List<String> selectSchemas(List<String> existing, List<String> userSchemas, List<String> requested) {
    if (requested == null || requested.isEmpty()) {
      return userSchemas.stream().filter(s -> !s.equals(FERRY_SCHEMA)).toList();
    }
    List<String> selected = new ArrayList<>(new LinkedHashSet<>(requested));
    for (String schema : selected) {
      if (isSystemSchema(schema) && existing.contains(schema)) {
        throw FerryException.notFound(
            "schema \"" + schema + "\" belongs to Postgres itself; ferry inspects user schemas only");
      }
      if (!userSchemas.contains(schema)) {
        String available =
            userSchemas.stream().filter(s -> !s.equals(FERRY_SCHEMA)).collect(Collectors.joining(", "));
        throw FerryException.notFound(
            "schema \"" + schema + "\" does not exist (available: "
                + (available.isEmpty() ? "none" : available) + ")");
      }
    }
    return selected;
  }

  private static boolean isSystemSchema(String schema) {
    return schema.startsWith("pg_") || schema.equals("information_schema");
  }

  private static String describeEmptySelection(
      List<String> requested, List<String> selected, String prefix) {
    String where;
    if (requested == null || requested.isEmpty()) {
      where = "the database has no tables in any user schema";
    } else if (selected.size() == 1) {
      where = "schema \"" + selected.get(0) + "\" has no tables";
    } else {
      where =
          "schemas "
              + selected.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "))
              + " have no tables";
    }
    return prefix.isEmpty() ? where : where + " starting with \"" + prefix + "\"";
  }

  private record RelationRow(QualifiedName name, RelationKind kind, String comment) {}

  private static Map<Long, RelationRow> readRelations(
      Connection connection, List<String> schemas, String prefix) throws SQLException {
    Map<Long, RelationRow> relations = new TreeMap<>();
    if (schemas.isEmpty()) {
      return relations;
    }
    try (PreparedStatement statement = connection.prepareStatement(RELATIONS)) {
      statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
      statement.setString(2, prefix);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          relations.put(
              rows.getLong(1),
              new RelationRow(
                  new QualifiedName(rows.getString(2), rows.getString(3)),
                  kindOf(rows.getString(4)),
                  rows.getString(5)));
        }
      }
    }
    return relations;
  }

  private static RelationKind kindOf(String relkind) {
    return switch (relkind) {
      case "r" -> RelationKind.TABLE;
      case "p" -> RelationKind.PARTITIONED_TABLE;
      case "v" -> RelationKind.VIEW;
      case "m" -> RelationKind.MATERIALIZED_VIEW;
      case "f" -> RelationKind.FOREIGN_TABLE;
      default -> throw new IllegalStateException("unexpected relkind " + relkind);
    };
  }

  record ColumnRow(
      String name,
      int position,
      long typeId,
      int typmod,
      boolean notNull,
      String identity,
      String generated,
      String defaultExpression,
      String comment) {}

  private static Map<Long, List<ColumnRow>> readColumns(Connection connection, Long[] relationIds)
      throws SQLException {
    Map<Long, List<ColumnRow>> columns = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
      statement.setArray(1, connection.createArrayOf("int8", relationIds));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns
              .computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
              .add(
                  new ColumnRow(
                      rows.getString(2),
                      rows.getInt(3),
                      rows.getLong(4),
                      rows.getInt(5),
                      rows.getBoolean(6),
                      rows.getString(7),
                      rows.getString(8),
                      rows.getString(9),
                      rows.getString(10)));
        }
      }
    }
    return columns;
  }

  private record ConstraintRow(
      String name,
      String type,
      List<String> columns,
      QualifiedName target,
      List<String> targetColumns) {}

  private static Map<Long, List<ConstraintRow>> readConstraints(
      Connection connection, Long[] relationIds) throws SQLException {
    Map<Long, List<ConstraintRow>> constraints = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(CONSTRAINTS)) {
      statement.setArray(1, connection.createArrayOf("int8", relationIds));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String targetSchema = rows.getString(5);
          constraints
              .computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
              .add(
                  new ConstraintRow(
                      rows.getString(2),
                      rows.getString(3),
                      strings(rows.getArray(4)),
                      targetSchema == null ? null : new QualifiedName(targetSchema, rows.getString(6)),
                      strings(rows.getArray(7))));
        }
      }
    }
    return constraints;
  }

  private record IndexRow(
      String name,
      boolean unique,
      boolean primary,
      String method,
      String definition,
      String predicate,
      List<Integer> keyAttnums,
      List<String> keyExpressions) {

    Index toIndex(Map<Integer, String> columnNames) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < keyAttnums.size(); i++) {
        int attnum = keyAttnums.get(i);
        keys.add(attnum == 0 ? keyExpressions.get(i) : columnNames.get(attnum));
      }
      return new Index(name, keys, unique, primary, method, definition, predicate);
    }
  }

  private static Map<Long, List<IndexRow>> readIndexes(Connection connection, Long[] relationIds)
      throws SQLException {
    Map<Long, List<IndexRow>> indexes = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(INDEXES)) {
      statement.setArray(1, connection.createArrayOf("int8", relationIds));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          List<Integer> keyAttnums =
              Arrays.stream(rows.getString(8).trim().split(" +"))
                  .limit(rows.getInt(9))
                  .map(Integer::valueOf)
                  .toList();
          indexes
              .computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
              .add(
                  new IndexRow(
                      rows.getString(2),
                      rows.getBoolean(3),
                      rows.getBoolean(4),
                      rows.getString(5),
                      rows.getString(6),
                      rows.getString(7),
                      keyAttnums,
                      strings(rows.getArray(10))));
        }
      }
    }
    return indexes;
  }

  private static Table buildTable(
      RelationRow relation,
      List<ColumnRow> columnRows,
      TypeResolver types,
      List<ConstraintRow> constraintRows,
      List<IndexRow> indexRows) {
    List<Column> columns =
        columnRows.stream()
            .sorted(Comparator.comparingInt(ColumnRow::position))
            .map(row -> toColumn(row, types))
            .toList();
    Optional<PrimaryKey> primaryKey = Optional.empty();
    List<UniqueConstraint> uniques = new ArrayList<>();
    List<ForeignKey> foreignKeys = new ArrayList<>();
    for (ConstraintRow row : constraintRows) {
      switch (row.type()) {
        case "p" -> primaryKey = Optional.of(new PrimaryKey(row.name(), row.columns()));
        case "u" -> uniques.add(new UniqueConstraint(row.name(), row.columns()));
        case "f" ->
            foreignKeys.add(new ForeignKey(row.name(), row.columns(), row.target(), row.targetColumns()));
        default -> throw new IllegalStateException("unexpected contype " + row.type());
      }
    }
    uniques.sort(Comparator.comparing(UniqueConstraint::name));
    foreignKeys.sort(Comparator.comparing(ForeignKey::name));
    Map<Integer, String> columnNames = new HashMap<>();
    columnRows.forEach(column -> columnNames.put(column.position(), column.name()));
    List<Index> indexes =
        indexRows.stream()
            .map(row -> row.toIndex(columnNames))
            .sorted(Comparator.comparing(Index::name))
            .collect(Collectors.toCollection(ArrayList::new));
    return new Table(
        relation.name(), relation.kind(), relation.comment(), columns, primaryKey, uniques, foreignKeys, indexes);
  }

  private static Column toColumn(ColumnRow row, TypeResolver types) {
    boolean generated = row.generated() != null && !row.generated().isEmpty();
    Column.Identity identity =
        switch (row.identity() == null ? "" : row.identity()) {
          case "a" -> Column.Identity.ALWAYS;
          case "d" -> Column.Identity.BY_DEFAULT;
          default -> Column.Identity.NONE;
        };
    return new Column(
        row.name(),
        row.position(),
        types.columnType(row),
        !row.notNull(),
        generated ? null : row.defaultExpression(),
        identity,
        generated ? row.defaultExpression() : null,
        row.comment());
  }

  /** Enum types reached from any column, directly, through an array or through a domain. */
  private static List<PgType> enumTypesOf(List<Table> tables) {
    Map<QualifiedName, PgType> enums = new TreeMap<>();
    for (Table table : tables) {
      for (Column column : table.columns()) {
        PgType type = column.type();
        while (type != null) {
          if (type.kind() == PgType.Kind.ENUM) {
            enums.putIfAbsent(new QualifiedName(type.schema(), type.name()), type);
          }
          type = type.kind() == PgType.Kind.ARRAY ? type.element() : type.base();
        }
      }
    }
    return List.copyOf(enums.values());
  }

  static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    Object[] values = (Object[]) array.getArray();
    return Arrays.stream(values).map(String::valueOf).toList();
  }

  private static String firstLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /**
   * Builds {@link PgType}s for all columns together from two queries: one for the type graph
   * (column types and their element and base types) and one for the SQL spelling of every
   * distinct (type, typmod) pair.
   */
  static final class TypeResolver {
    private record TypeRow(
        String schema,
        String name,
        String typtype,
        long element,
        int length,
        long base,
        int baseTypmod,
        List<String> labels) { // an enum's labels, or a composite type's fields
      boolean isArray() {
        return typtype.equals("b") && element != 0 && length == -1;
      }
    }

    private record TypeUse(long typeId, int typmod) {}

    private final Map<Long, TypeRow> rows;
    private final Map<TypeUse, String> sqlNames;
    private final Map<TypeUse, PgType> cache = new HashMap<>();

    private TypeResolver(Map<Long, TypeRow> rows, Map<TypeUse, String> sqlNames) {
      this.rows = rows;
      this.sqlNames = sqlNames;
    }

    static TypeResolver load(Connection connection, Collection<List<ColumnRow>> columns)
        throws SQLException {
      Set<TypeUse> columnUses = new LinkedHashSet<>();
      for (List<ColumnRow> tableColumns : columns) {
        for (ColumnRow column : tableColumns) {
          columnUses.add(new TypeUse(column.typeId(), column.typmod()));
        }
      }
      Map<Long, TypeRow> rows = new HashMap<>();
      try (PreparedStatement statement = connection.prepareStatement(TYPES)) {
        statement.setArray(
            1, connection.createArrayOf("int8", columnUses.stream().map(TypeUse::typeId).distinct().toArray()));
        try (ResultSet result = statement.executeQuery()) {
          while (result.next()) {
            rows.put(
                result.getLong(1),
                new TypeRow(
                    result.getString(2),
                    result.getString(3),
                    result.getString(4),
                    result.getLong(5),
                    result.getInt(6),
                    result.getLong(7),
                    result.getInt(8),
                    strings(result.getArray(9))));
          }
        }
      }
      TypeResolver resolver = new TypeResolver(rows, new HashMap<>());
      resolver.loadSqlNames(connection, columnUses);
      return resolver;
    }

    /**
     * Spells every distinct (type, typmod) in one query: the columns' own and the element and
     * base types they reach. Far fewer calls to format_type than one per column.
     */
    private void loadSqlNames(Connection connection, Set<TypeUse> columnUses) throws SQLException {
      Set<TypeUse> uses = new LinkedHashSet<>(columnUses);
      for (TypeUse use : columnUses) {
        collectNested(use, uses);
      }
      try (PreparedStatement statement = connection.prepareStatement(TYPE_NAMES)) {
        statement.setArray(1, connection.createArrayOf("int8", uses.stream().map(TypeUse::typeId).toArray()));
        statement.setArray(2, connection.createArrayOf("int4", uses.stream().map(TypeUse::typmod).toArray()));
        try (ResultSet result = statement.executeQuery()) {
          while (result.next()) {
            sqlNames.put(new TypeUse(result.getLong(1), result.getInt(2)), result.getString(3));
          }
        }
      }
    }

    private void collectNested(TypeUse use, Set<TypeUse> into) {
      TypeRow row = rows.get(use.typeId());
      if (row == null) {
        return;
      }
      TypeUse next = null;
      if (row.typtype().equals("d")) {
        next = new TypeUse(row.base(), row.baseTypmod());
      } else if (row.isArray()) {
        next = new TypeUse(row.element(), use.typmod());
      }
      if (next != null && !next.equals(use) && into.add(next)) {
        collectNested(next, into);
      }
    }

    PgType columnType(ColumnRow column) {
      return type(new TypeUse(column.typeId(), column.typmod()));
    }

    private PgType type(TypeUse use) {
      PgType cached = cache.get(use);
      if (cached != null) {
        return cached;
      }
      TypeRow row = rows.get(use.typeId());
      String sql = sqlNames.get(use);
      PgType.Kind kind = kindOf(row);
      PgType element = kind == PgType.Kind.ARRAY ? type(new TypeUse(row.element(), use.typmod())) : null;
      PgType base = kind == PgType.Kind.DOMAIN ? type(new TypeUse(row.base(), row.baseTypmod())) : null;
      Typmod modifiers =
          kind == PgType.Kind.BASE ? Typmod.decode(row.name(), use.typmod()) : Typmod.NONE;
      PgType type =
          new PgType(
              row.schema(),
              row.name(),
              sql,
              kind,
              element,
              kind == PgType.Kind.ENUM ? row.labels() : List.of(),
              base,
              modifiers.length(),
              modifiers.precision(),
              modifiers.scale(),
              kind == PgType.Kind.COMPOSITE ? row.labels() : List.of());
      cache.put(use, type);
      return type;
    }

    private static PgType.Kind kindOf(TypeRow row) {
      if (row.isArray()) {
        return PgType.Kind.ARRAY;
      }
      return switch (row.typtype()) {
        case "b" -> PgType.Kind.BASE;
        case "e" -> PgType.Kind.ENUM;
        case "d" -> PgType.Kind.DOMAIN;
        case "c" -> PgType.Kind.COMPOSITE;
        case "r", "m" -> PgType.Kind.RANGE;
        default -> PgType.Kind.OTHER;
      };
    }
  }
}
