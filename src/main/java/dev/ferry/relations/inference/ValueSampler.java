package dev.ferry.relations.inference;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.ForeignKey;
import dev.ferry.catalog.RelationKind;
import dev.ferry.catalog.Table;
import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import dev.ferry.words.Words;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Samples the values {@code --sample} looks at, in ONE query whatever the number of tables: a
 * {@code UNION ALL} of {@code (SELECT ... LIMIT n)} per column, under {@code SET LOCAL
 * statement_timeout}. Sampled: every table's single-column text key (for id prefixes), every
 * unconstrained {@code *_id} and {@code *_type} column, and every column named like a table or
 * naming a person's role ({@code assigned_to}), which also asks whether each value is one of that
 * table's keys (the people's table for a role): an inclusion test, bounded like the rest. Every identifier is quoted; nothing
 * from the catalog is concatenated unquoted. Only tables are sampled (not views, materialized or
 * foreign tables). When the time cap is hit, inference goes on without samples ({@link
 * Samples#timedOut()}, which the reasons and the command's warning say); any other failure
 * (a table the user may not read) is a one-line error.
 */
public final class ValueSampler {
  public static final int VALUES_PER_COLUMN = 100;
  public static final Duration TIME_CAP = Duration.ofSeconds(10);

  private ValueSampler() {}

  public static Samples sample(Connection connection, Catalog catalog) {
    return sample(connection, catalog, VALUES_PER_COLUMN, TIME_CAP);
  }

  public static Samples sample(Connection connection, Catalog catalog, int perColumn, Duration cap) {
    List<Probe> probes = plan(catalog);
    if (probes.isEmpty()) {
      return new Samples(Map.of(), Map.of());
    }
    StringBuilder sql = new StringBuilder("SELECT k, v, f FROM (");
    for (int i = 0; i < probes.size(); i++) {
      sql.append(i == 0 ? "\n" : "\nUNION ALL\n").append(probes.get(i).sql(i, perColumn));
    }
    sql.append("\n) AS ferry_samples");
    try {
      return run(connection, sql.toString(), probes, cap);
    } catch (SQLException e) {
      if ("57014".equals(e.getSQLState())) { // query_canceled: the time cap was hit
        return Samples.timedOut();
      }
      String reason = e.getMessage() == null ? e.getSQLState() : e.getMessage().lines().findFirst().orElse("");
      throw new FerryException(ExitCodes.FAILURE, "sampling values failed (" + reason + "); run without --sample", e);
    }
  }

  private static Samples run(Connection connection, String sql, List<Probe> probes, Duration cap) throws SQLException {
    Map<ColumnRef, List<String>> values = new HashMap<>();
    Map<ColumnRef, Boolean> found = new HashMap<>();
    query(connection, sql, cap, rows -> {
      Probe probe = probes.get(rows.getInt(1));
      values.computeIfAbsent(probe.column(), k -> new ArrayList<>()).add(rows.getString(2));
      boolean f = rows.getBoolean(3);
      if (!rows.wasNull()) {
        found.merge(probe.column(), f, Boolean::logicalAnd);
      }
    });
    return new Samples(values, found);
  }

  /**
   * How often keys repeat in each of {@code columns}: the first {@code perColumn} non-NULL values of
   * each, counted and told apart, in ONE query ({@code UNION ALL} of a {@code LIMIT}ed read per
   * column, grouped), under the same time cap as the values. Empty when the cap is hit: nothing is
   * then decided from rows.
   */
  public static Map<ColumnRef, KeySpread> keySpreads(Connection connection, Catalog catalog, List<ColumnRef> columns, int perColumn, Duration cap) {
    List<ColumnRef> sampled = columns.stream()
        .filter(c -> catalog.table(c.table()).filter(ValueSampler::sampleable).flatMap(t -> t.column(c.column())).isPresent())
        .toList();
    if (sampled.isEmpty()) {
      return Map.of();
    }
    StringBuilder sql = new StringBuilder("SELECT k, count(*), count(DISTINCT v) FROM (");
    for (int i = 0; i < sampled.size(); i++) {
      ColumnRef c = sampled.get(i);
      String col = "t." + quote(c.column());
      sql.append(i == 0 ? "\n" : "\nUNION ALL\n").append("(SELECT ").append(i).append(" AS k, ").append(col).append("::text AS v FROM ")
          .append(quote(c.table().schema())).append('.').append(quote(c.table().name())).append(" AS t WHERE ").append(col)
          .append(" IS NOT NULL LIMIT ").append(perColumn).append(')');
    }
    sql.append("\n) AS ferry_keys GROUP BY k");
    Map<ColumnRef, KeySpread> spreads = new HashMap<>();
    try {
      query(connection, sql.toString(), cap, rows -> spreads.put(sampled.get(rows.getInt(1)), new KeySpread(rows.getInt(2), rows.getInt(3))));
    } catch (SQLException e) {
      if ("57014".equals(e.getSQLState())) {
        return Map.of();
      }
      String reason = e.getMessage() == null ? e.getSQLState() : e.getMessage().lines().findFirst().orElse("");
      throw new FerryException(ExitCodes.FAILURE, "sampling values failed (" + reason + "); run without --sample", e);
    }
    return spreads;
  }

  /** Rows read from one sampled column: how many, and how many distinct values among them. */
  public record KeySpread(int rows, int distinct) {}

  private interface RowHandler {
    void row(ResultSet rows) throws SQLException;
  }

  // read-only in effect: the transaction (or a savepoint in the caller's) is always rolled back
  private static void query(Connection connection, String sql, Duration cap, RowHandler handler) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    Savepoint savepoint = null;
    if (autoCommit) {
      connection.setAutoCommit(false);
    } else {
      savepoint = connection.setSavepoint();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET LOCAL statement_timeout = " + Math.max(1, cap.toMillis()));
      try (ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          handler.row(rows);
        }
      }
    } finally {
      if (savepoint != null) {
        connection.rollback(savepoint);
      } else {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  /** The columns to sample, in catalog order. */
  static List<Probe> plan(Catalog catalog) {
    TableIndex index = new TableIndex(catalog);
    List<Probe> probes = new ArrayList<>();
    for (Table table : catalog.tables()) {
      if (!sampleable(table)) {
        continue;
      }
      Optional<Column> key = KeyTypes.singleColumnKey(table);
      key.filter(k -> "text".equals(KeyTypes.family(k.type())))
          .ifPresent(k -> probes.add(new Probe(table, k, null, null)));
      for (Column column : table.columns()) {
        if (key.map(k -> k.equals(column)).orElse(false) || constrained(table, column) || column.type().isArray()) {
          continue;
        }
        List<String> words = Words.split(column.name());
        String last = words.isEmpty() ? "" : words.get(words.size() - 1);
        if (words.size() > 1 && (last.equals("id") || last.equals("type")) && "text".equals(KeyTypes.family(column.type()))) {
          probes.add(new Probe(table, column, null, null));
          continue;
        }
        TableIndex.Match match = index.find(Words.snake(column.name()), table);
        Optional<Table> candidate = match.unique() && !match.table().equals(table) ? Optional.of(match.table())
            : RoleRule.isPersonRole(RoleRule.role(words, column.type())) ? RoleRule.peopleTable(index, table) : Optional.empty();
        candidate.filter(ValueSampler::sampleable).ifPresent(target -> KeyTypes.singleColumnKey(target)
            .filter(k -> KeyTypes.compatible(column.type(), k.type()))
            .ifPresent(k -> probes.add(new Probe(table, column, target, k))));
      }
    }
    return probes;
  }

  // views may be slow, materialized views unpopulated, foreign tables remote: sample tables only
  private static boolean sampleable(Table table) {
    return table.kind() == RelationKind.TABLE || table.kind() == RelationKind.PARTITIONED_TABLE;
  }

  private static boolean constrained(Table table, Column column) {
    return table.foreignKeys().stream().map(ForeignKey::columns).anyMatch(c -> c.equals(List.of(column.name())));
  }

  /** One sampled column; with a target, each value is also looked up among the target's keys. */
  record Probe(Table table, Column column0, Table target, Column targetKey) {
    ColumnRef column() {
      return new ColumnRef(table.name(), column0.name());
    }

    String sql(int k, int limit) {
      String from = quote(table.name().schema()) + "." + quote(table.name().name()) + " AS t";
      String col = "t." + quote(column0.name());
      if (target == null) {
        return "(SELECT " + k + " AS k, " + col + "::text AS v, NULL::boolean AS f FROM " + from
            + " WHERE " + col + " IS NOT NULL LIMIT " + limit + ")";
      }
      String targetTable = quote(target.name().schema()) + "." + quote(target.name().name()) + " AS r";
      return "(SELECT " + k + " AS k, s.o::text AS v, EXISTS (SELECT 1 FROM " + targetTable + " WHERE r." + quote(targetKey.name())
          + " = s.o) AS f FROM (SELECT " + col + " AS o FROM " + from + " WHERE " + col + " IS NOT NULL LIMIT " + limit + ") AS s)";
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
