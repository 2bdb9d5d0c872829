package dev.ferry.sync.writer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.postgresql.PGConnection;

/**
 * Writes batches into owned tables: per table, COPY the deduplicated rows into a temporary staging
 * table, then one {@code INSERT ... SELECT ... ON CONFLICT (id) DO UPDATE}, the deletes, and the
 * cursors, all in one transaction, so a crash at any point leaves either the whole batch with its
 * cursor or neither.
 *
 * <p>An upsert never replaces a row with an older change ({@code _ferry_changed_at}), so a late,
 * out-of-order webhook cannot undo a newer one. Snapshots (backfill) carry no change time and
 * always apply.
 */
public final class PostgresWriter {
  private static final String UNIQUE_VIOLATION = "23505";
  /** Where cursors live; the engine creates the table (see {@link #CURSORS_DDL}). */
  public static final String CURSORS_TABLE = "ferry.cursors";

  /** Tables where a straight COPY met an existing row: they get staging and upsert from then on. */
  private final Set<String> conflicted = new HashSet<>();

  public static final String CURSORS_DDL =
      "CREATE TABLE IF NOT EXISTS ferry.cursors (source text NOT NULL, stream text NOT NULL, cursor text,"
          + " updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (source, stream))";

  /**
   * Objects that could not be written (docs/sync.md, "Objects that cannot be written"): one row per
   * object, replaced when the same object is rejected again; objects without an id each get a row.
   */
  public static final String REJECTED_DDL =
      "CREATE TABLE IF NOT EXISTS ferry.rejected (id bigserial PRIMARY KEY, source text NOT NULL,"
          + " object_type text NOT NULL, object_id text, reason text NOT NULL, payload text,"
          + " rejected_at timestamptz NOT NULL DEFAULT now(), UNIQUE (source, object_type, object_id))";

  /**
   * Writes {@code batch} and commits it on {@code connection} (which must have auto-commit off); on
   * any failure rolls back and rethrows, leaving nothing of the batch behind. Returns the rows of
   * top-level tables (not child tables) inserted, updated or deleted: an upsert older than the row it
   * meets counts nothing.
   */
  public int write(Connection connection, WriteBatch batch) throws SQLException {
    try {
      int changed = 0;
      for (TableBatch table : batch.tables()) {
        if (!table.isEmpty()) {
          int rows = writeTable(connection, table);
          changed += table.spec().parentColumn() == null ? rows : 0;
        }
      }
      for (WriteBatch.Sweep sweep : batch.sweeps()) {
        try (PreparedStatement delete = connection.prepareStatement(
            "DELETE FROM " + sweep.table().qualified() + " WHERE " + Sql.quote(TableSpec.SYNCED_AT) + " < ?")) {
          delete.setObject(1, sweep.before());
          delete.executeUpdate();
        }
      }
      saveRejected(connection, batch.source(), batch.rejected());
      saveCheckpoints(connection, batch.source(), batch.checkpoints());
      connection.commit();
      return changed;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  private int writeTable(Connection connection, TableBatch batch) throws SQLException {
    TableSpec spec = batch.spec();
    int changed = 0;
    if (!batch.replacedParents().isEmpty()) {
      deleteReplacedChildren(connection, batch);
    }
    if (!batch.deletes().isEmpty()) {
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM " + spec.qualified() + " WHERE id = ANY(?)")) {
        delete.setArray(1, textArray(connection, batch.deletes()));
        changed += delete.executeUpdate();
      }
    }
    if (!batch.upserts().isEmpty()) {
      changed += upsert(connection, batch);
    }
    return changed;
  }

  private void deleteReplacedChildren(Connection connection, TableBatch batch) throws SQLException {
    TableSpec spec = batch.spec();
    List<String> kept = new ArrayList<>(batch.upserts().size());
    batch.upserts().forEach(row -> kept.add((String) row.values()[0]));
    for (Map.Entry<String, Set<String>> parents : batch.replacedParents().entrySet()) {
      String sql = "DELETE FROM " + spec.qualified() + " WHERE " + Sql.quote(parents.getKey())
          + " = ANY(?) AND NOT (id = ANY(?))";
      try (PreparedStatement delete = connection.prepareStatement(sql)) {
        delete.setArray(1, textArray(connection, parents.getValue()));
        delete.setArray(2, textArray(connection, kept));
        delete.executeUpdate();
      }
    }
  }

  private int upsert(Connection connection, TableBatch batch) throws SQLException {
    TableSpec spec = batch.spec();
    CopyRows data = new CopyRows(spec.columns(), batch.upserts());
    StringJoiner names = new StringJoiner(", ");
    spec.columns().forEach(column -> names.add(Sql.quote(column.name())));
    String changedAt = Sql.quote(TableSpec.CHANGED_AT);
    if (!conflicted.contains(spec.qualified()) && copyStraightIn(connection, spec, names + ", " + changedAt, data)) {
      return batch.upserts().size();
    }
    // one staging table per target and column set, kept for the session and emptied at each commit
    String staging = "ferry_staging_" + spec.table() + "_" + Integer.toHexString(spec.columns().hashCode());
    StringJoiner definitions = new StringJoiner(", ");
    StringJoiner updates = new StringJoiner(", ");
    for (ColumnSpec column : spec.columns()) {
      String name = Sql.quote(column.name());
      definitions.add(name + " " + column.type().sql());
      if (!column.name().equals("id")) {
        updates.add(name + " = EXCLUDED." + name);
      }
    }
    String syncedAt = Sql.quote(TableSpec.SYNCED_AT);
    definitions.add(changedAt + " timestamptz");
    updates.add(changedAt + " = EXCLUDED." + changedAt);
    updates.add(syncedAt + " = EXCLUDED." + syncedAt);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + Sql.quote(staging) + " (" + definitions + ") ON COMMIT DELETE ROWS");
    }
    copyIn(connection, "COPY " + Sql.quote(staging) + " FROM STDIN", data);
    String target = spec.qualified();
    String sql =
        "INSERT INTO " + target + " AS t (" + names + ", " + changedAt + ", " + syncedAt + ") SELECT "
            + names + ", " + changedAt + ", now() FROM " + Sql.quote(staging)
            + " ON CONFLICT (id) DO UPDATE SET " + updates
            + " WHERE t." + changedAt + " IS NULL OR EXCLUDED." + changedAt + " IS NULL OR t."
            + changedAt + " <= EXCLUDED." + changedAt;
    try (Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }

  /**
   * The fast path for rows the table does not hold yet (a first backfill): COPY straight into the
   * table under a savepoint, which halves the work of staging plus upsert. On a key conflict the
   * savepoint is rolled back, nothing of the attempt remains, and this writer upserts through
   * staging into that table from then on.
   */
  private boolean copyStraightIn(Connection connection, TableSpec spec, String columns, CopyRows data)
      throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      copyIn(connection, "COPY " + spec.qualified() + " (" + columns + ") FROM STDIN", data);
      connection.releaseSavepoint(savepoint);
      return true;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      connection.rollback(savepoint);
      conflicted.add(spec.qualified());
      return false;
    }
  }

  /**
   * The physical limit {@code ferry bench sync} measures the writer against: the batch's rows
   * COPYed straight into its table with the writer's own encoding, and nothing else (no
   * savepoint, staging, upsert or cursor); the caller commits.
   */
  public static void copyOnly(Connection connection, TableBatch batch) throws SQLException {
    TableSpec spec = batch.spec();
    StringJoiner names = new StringJoiner(", ");
    spec.columns().forEach(column -> names.add(Sql.quote(column.name())));
    names.add(Sql.quote(TableSpec.CHANGED_AT));
    copyIn(connection, "COPY " + spec.qualified() + " (" + names + ") FROM STDIN", new CopyRows(spec.columns(), batch.upserts()));
  }

  private static void copyIn(Connection connection, String sql, CopyRows data) throws SQLException {
    data.sendTo(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql));
  }

  private static void saveCheckpoints(Connection connection, String source, Map<String, String> checkpoints)
      throws SQLException {
    if (checkpoints.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO " + CURSORS_TABLE + " (source, stream, cursor, updated_at) VALUES (?, ?, ?, now())"
            + " ON CONFLICT (source, stream) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()";
    try (PreparedStatement save = connection.prepareStatement(sql)) {
      for (Map.Entry<String, String> checkpoint : checkpoints.entrySet()) {
        save.setString(1, source);
        save.setString(2, checkpoint.getKey());
        save.setString(3, checkpoint.getValue());
        save.addBatch();
      }
      save.executeBatch();
    }
  }

  private static void saveRejected(Connection connection, String source, List<Rejected> rejected) throws SQLException {
    if (rejected.isEmpty()) {
      return;
    }
    String sql = "INSERT INTO ferry.rejected (source, object_type, object_id, reason, payload) VALUES (?, ?, ?, ?, ?)"
        + " ON CONFLICT (source, object_type, object_id) DO UPDATE SET reason = EXCLUDED.reason,"
        + " payload = EXCLUDED.payload, rejected_at = now()";
    try (PreparedStatement save = connection.prepareStatement(sql)) {
      for (Rejected object : rejected) {
        save.setString(1, source);
        save.setString(2, object.objectType());
        save.setString(3, object.objectId());
        save.setString(4, object.reason());
        // text cannot hold NUL; its JSON escape keeps the payload readable
        save.setString(5, object.payload() == null ? null : object.payload().replace("\0", "\\u0000"));
        save.addBatch();
      }
      save.executeBatch();
    }
  }

  private static Array textArray(Connection connection, java.util.Collection<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray(new String[0]));
  }
}
