package dev.ferry.accuracy;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.PgType;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.words.Inflector;
import dev.ferry.words.Words;
import dev.ferry.vendor.VendorModel;
import dev.ferry.vendor.VendorObject;
import dev.ferry.vendor.Vendors;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A few rows per table of a scratch corpus database, the same on every run and consistent with the
 * corpus truth: every truth reference column holds keys of its target (a polymorphic one, keys of
 * its tables in turn, with the class name in its {@code *_type} column); key and unique columns hold
 * distinct values; other id-like columns hold values no table has (they point at objects outside
 * the corpus); other nullable columns stay NULL. Keys are numbered from 1 in every table, as serial
 * keys are; text keys of a vendor's tables carry the vendor's id prefix ({@code cus_}, {@code 001}).
 * CHECK constraints and user triggers of the scratch database are dropped first: they guard
 * business rules, not references.
 */
final class SampleRows {
  /** Rows per table; the same everywhere, so a key copied from its target row by row stays unique. */
  private static final int ROWS = 4;

  private final Catalog catalog;
  private final List<Finding> truth;
  private final Map<QualifiedName, Integer> rowCounts = new HashMap<>();
  private final Map<QualifiedName, Map<String, String[]>> values = new HashMap<>();
  private final Map<QualifiedName, Integer> tableNumbers = new HashMap<>();

  private SampleRows(Catalog catalog, List<Finding> truth) {
    this.catalog = catalog;
    this.truth = truth;
    int number = 0;
    for (Table table : catalog.tables()) {
      tableNumbers.put(table.name(), ++number);
      rowCounts.put(table.name(), ROWS);
    }
  }

  /** Loads the rows; returns the number of tables that took them. */
  static int load(Connection connection, Catalog catalog, List<Finding> truth) throws SQLException {
    SampleRows rows = new SampleRows(catalog, truth);
    dropChecksAndTriggers(connection, catalog);
    rows.generate();
    return rows.insert(connection);
  }

  private void generate() {
    Set<String> referencing = new HashSet<>();
    truth.forEach(t -> t.columns().forEach(c -> referencing.add(t.schema() + "." + t.table() + "." + c)));
    for (Table table : catalog.tables()) {
      Map<String, String[]> columns = new HashMap<>();
      values.put(table.name(), columns);
      int n = rowCounts.get(table.name());
      for (Column column : table.columns()) {
        if (column.generatedExpression() != null || referencing.contains(table.name().schema() + "." + table.name().name() + "." + column.name())) {
          continue;
        }
        boolean unique = isKeyLike(table, column);
        if (unique || !column.nullable()) {
          columns.put(column.name(), generated(table, column, n, unique));
        } else if (Words.split(column.name()).stream().reduce((a, b) -> b).orElse("").equals("id")
            || column.name().toLowerCase(Locale.ROOT).endsWith("id")) {
          columns.put(column.name(), distractors(table, column, n));
        }
      }
    }
    for (int pass = 0; pass < 3; pass++) { // references to columns that are references themselves settle in a pass or two
      for (Finding reference : truth) {
        fill(reference);
      }
    }
  }

  private void fill(Finding reference) {
    QualifiedName from = new QualifiedName(reference.schema(), reference.table());
    Map<String, String[]> columns = values.get(from);
    if (columns == null) {
      return;
    }
    int n = rowCounts.get(from);
    if (reference.isPolymorphic()) {
      List<QualifiedName> targets = reference.polymorphicTargets().stream()
          .map(t -> new QualifiedName(reference.targetSchema(), t)).filter(values::containsKey).toList();
      if (targets.isEmpty()) {
        return;
      }
      String idColumn = reference.columns().get(0);
      String[] ids = new String[n];
      String[] types = new String[n];
      for (int r = 0; r < n; r++) {
        QualifiedName target = targets.get(r % targets.size());
        Table table = catalog.table(target).orElseThrow();
        ids[r] = valueOf(target, keyColumn(table), r);
        types[r] = Arrays.stream(Inflector.singular(Words.snake(target.name())).split("_"))
            .map(w -> w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining());
      }
      columns.put(idColumn, ids);
      typeColumn(from, idColumn).ifPresent(type -> columns.put(type, types));
      return;
    }
    QualifiedName target = new QualifiedName(reference.targetSchema(), reference.targetTable());
    if (!values.containsKey(target)) {
      return;
    }
    for (int i = 0; i < reference.columns().size(); i++) {
      String[] column = new String[n];
      for (int r = 0; r < n; r++) {
        column[r] = valueOf(target, reference.targetColumns().get(i), r);
      }
      columns.put(reference.columns().get(i), column);
    }
  }

  /** The target's value of {@code column} in the row a referencing row {@code r} points at; generated if not yet. */
  private String valueOf(QualifiedName target, String column, int r) {
    Map<String, String[]> columns = values.get(target);
    int n = rowCounts.get(target);
    Table table = catalog.table(target).orElseThrow();
    if (!columns.containsKey(column)) {
      table.column(column).ifPresent(c -> columns.put(column, generated(table, c, n, true)));
    }
    String[] all = columns.get(column);
    return all == null ? null : all[r % n];
  }

  private java.util.Optional<String> typeColumn(QualifiedName table, String idColumn) {
    List<String> words = new ArrayList<>(Words.split(idColumn));
    if (words.isEmpty() || !words.get(words.size() - 1).equals("id")) {
      return java.util.Optional.empty();
    }
    words.set(words.size() - 1, "type");
    String wanted = String.join("_", words);
    return catalog.table(table).orElseThrow().columns().stream().map(Column::name)
        .filter(c -> Words.snake(c).equals(wanted)).findFirst();
  }

  private static String keyColumn(Table table) {
    return table.primaryKey().filter(pk -> pk.columns().size() == 1).map(pk -> pk.columns().get(0))
        .orElseGet(() -> table.column("id").isPresent() ? "id" : table.columns().get(0).name());
  }

  private static boolean isKeyLike(Table table, Column column) {
    return table.primaryKey().map(pk -> pk.columns().contains(column.name())).orElse(false)
        || table.uniqueConstraints().stream().anyMatch(u -> u.columns().contains(column.name()))
        || table.indexes().stream().anyMatch(i -> i.unique() && i.columns().contains(column.name()))
        || column.name().equalsIgnoreCase("id");
  }

  private String[] generated(Table table, Column column, int n, boolean unique) {
    String[] out = new String[n];
    for (int r = 0; r < n; r++) {
      out[r] = value(table, column, base(column.type()), r, unique);
    }
    return out;
  }

  private String[] distractors(Table table, Column column, int n) {
    String[] out = new String[n];
    PgType type = base(column.type());
    for (int r = 0; r < n; r++) {
      out[r] = switch (family(type)) {
        case "integer" -> String.valueOf(900_000 + tableNumbers.get(table.name()) * 10 + r);
        case "text" -> fit("zz" + tableNumbers.get(table.name()) + "_" + r, type);
        case "uuid" -> UUID.nameUUIDFromBytes(("elsewhere" + table.name() + r).getBytes(StandardCharsets.UTF_8)).toString();
        default -> null;
      };
    }
    return out;
  }

  private String value(Table table, Column column, PgType type, int r, boolean unique) {
    int number = tableNumbers.get(table.name());
    if (type.kind() == PgType.Kind.ARRAY) {
      return "{}";
    }
    if (type.kind() == PgType.Kind.ENUM) {
      return type.enumLabels().isEmpty() ? null : type.enumLabels().get(unique ? r % type.enumLabels().size() : 0);
    }
    return switch (type.name()) {
      case "int2", "int4", "int8", "numeric", "float4", "float8", "money", "oid" -> String.valueOf(r + 1);
      case "text", "varchar", "bpchar", "char", "citext", "name" -> unique ? textKey(table, column, type, number, r) : fit("v" + r, type);
      case "uuid" -> UUID.nameUUIDFromBytes((table.name() + "." + column.name() + r).getBytes(StandardCharsets.UTF_8)).toString();
      case "bool" -> String.valueOf(r % 2 == 0);
      case "date" -> "2020-01-" + (10 + r);
      case "timestamp", "timestamptz" -> "2020-01-" + (10 + r) + " 12:00:00";
      case "time", "timetz" -> "12:00:" + (10 + r);
      case "interval" -> (r + 1) + " days";
      case "json", "jsonb" -> "{}";
      case "xml" -> "<x/>";
      case "bytea" -> "\\x0" + (r % 10);
      case "inet", "cidr" -> "10.0.0." + (r + 1);
      default -> null;
    };
  }

  /** A key of a text column: the vendor's id prefix for its objects, else a short code. */
  private String textKey(Table table, Column column, PgType type, int number, int r) {
    String prefix = vendorPrefix(table);
    if (prefix != null && column.name().equalsIgnoreCase("id")) {
      String digits = String.valueOf(r + 1);
      return prefix.endsWith("_") ? prefix + "T" + number + "x" + digits : prefix + "0".repeat(Math.max(0, 15 - prefix.length() - digits.length())) + digits;
    }
    return fit("K" + number + "-" + (r + 1), type);
  }

  /** The id prefix of the vendor object a table holds, when its schema is named after the vendor. */
  private static String vendorPrefix(Table table) {
    for (VendorModel vendor : Vendors.all()) {
      String schema = table.name().schema().toLowerCase(Locale.ROOT);
      if (vendor.nameWords().stream().noneMatch(schema::contains)) {
        continue;
      }
      String name = compact(Inflector.singular(Words.snake(table.name().name())));
      for (String word : vendor.nameWords()) {
        name = name.startsWith(word) && name.length() > word.length() ? name.substring(word.length()) : name;
      }
      for (VendorObject object : vendor.objects()) {
        List<String> names = new ArrayList<>(object.aliases());
        names.add(object.name());
        if (!object.idPrefixes().isEmpty() && names.stream().map(SampleRows::compact).anyMatch(name::equals)) {
          return object.idPrefixes().get(0);
        }
      }
    }
    return null;
  }

  private static String compact(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static String fit(String value, PgType type) {
    Integer length = type.length();
    return length != null && length > 0 && value.length() > length ? value.substring(value.length() - length) : value;
  }

  private static PgType base(PgType type) {
    PgType t = type;
    while (t.kind() == PgType.Kind.DOMAIN && t.base() != null) {
      t = t.base();
    }
    return t;
  }

  private static String family(PgType type) {
    return switch (type.name()) {
      case "int2", "int4", "int8", "numeric", "float4", "float8" -> "integer";
      case "text", "varchar", "bpchar", "char", "citext", "name" -> "text";
      case "uuid" -> "uuid";
      default -> "other";
    };
  }

  private int insert(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    int loaded = 0;
    try {
      for (Table table : catalog.tables()) {
        Map<String, String[]> columns = values.get(table.name());
        List<String> names = table.columns().stream().map(Column::name).filter(columns::containsKey).toList();
        if (names.isEmpty()) {
          continue;
        }
        if (insert(connection, table, names, columns, rowCounts.get(table.name()))
            || insert(connection, table, names, columns, 1)) { // one row cannot break a unique pair of references
          loaded++;
        }
      }
      connection.commit();
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return loaded;
  }

  private static boolean insert(Connection connection, Table table, List<String> names, Map<String, String[]> columns, int rows)
      throws SQLException {
    String sql = "INSERT INTO " + quote(table.name().schema()) + "." + quote(table.name().name()) + " ("
        + names.stream().map(SampleRows::quote).collect(Collectors.joining(", ")) + ") OVERRIDING SYSTEM VALUE VALUES ("
        + names.stream().map(n -> "?").collect(Collectors.joining(", ")) + ")";
    Savepoint savepoint = connection.setSavepoint();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < names.size(); i++) {
          statement.setObject(i + 1, columns.get(names.get(i))[r], Types.OTHER);
        }
        statement.addBatch();
      }
      statement.executeBatch();
      connection.releaseSavepoint(savepoint);
      return true;
    } catch (SQLException e) {
      connection.rollback(savepoint);
      return false;
    }
  }

  private static void dropChecksAndTriggers(Connection connection, Catalog catalog) throws SQLException {
    List<String> statements = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("""
        SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, c.relname, k.conname)
          FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE k.contype = 'c' AND n.nspname = ANY (?)
        UNION ALL
        SELECT format('ALTER TABLE %I.%I DISABLE TRIGGER USER', n.nspname, c.relname)
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?)""")) {
      java.sql.Array schemas = connection.createArrayOf("text", catalog.schemas().toArray());
      query.setArray(1, schemas);
      query.setArray(2, schemas);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          statements.add(rows.getString(1));
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
