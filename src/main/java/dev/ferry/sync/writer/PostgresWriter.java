package dev.ferry.sync.writer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
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
 * always apply, except to a deleted object.
 *
 * <p>A delete leaves a tombstone ({@code ferry.tombstones}: the table, the id and the deletion
 * time). An upsert of a tombstoned id applies only if its change is newer than the deletion (a
 * source that can restore objects sends such a change, which clears the tombstone); a snapshot or
 * an older change (a late or redelivered webhook, a page read before the deletion) is ignored.
 */
public final class PostgresWriter {
  private static final String UNIQUE_VIOLATION = "23505";
  /**
   * Where cursors live: {@code (source, destination, stream, cursor, updated_at)}, one position per
   * stream and destination ({@link WriteBatch#destination()}); the engine creates the table.
   */
  public static final String CURSORS_TABLE = "ferry.cursors";

  public static final String CURSORS_DDL =
      "CREATE TABLE IF NOT EXISTS ferry.cursors (source text NOT NULL, destination text NOT NULL, stream text NOT NULL,"
          + " cursor text, updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (source, destination, stream))";

  /** Deleted objects, so that nothing older than the deletion brings them back. */
  public static final String TOMBSTONES_DDL =
      "CREATE TABLE IF NOT EXISTS ferry.tombstones (table_name text NOT NULL, id text NOT NULL,"
          + " deleted_at timestamptz NOT NULL, PRIMARY KEY (table_name, id))";

  /**
   * Events applied per destination: a redelivery of one of them changes nothing (docs/sync.md,
   * "Deliveries seen again"). Rows older than {@link #APPLIED_EVENTS_KEPT} go, in the transaction that adds rows.
   */
  public static final List<String> APPLIED_EVENTS_DDL = List.of(
      "CREATE TABLE IF NOT EXISTS ferry.applied_events (source text NOT NULL, destination text NOT NULL,"
          + " event_id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (source, destination, event_id))",
      "CREATE INDEX IF NOT EXISTS applied_events_applied_at ON ferry.applied_events (applied_at)");

  /** As long as Stripe keeps an event (and so can resend it): 30 days. */
  public static final String APPLIED_EVENTS_KEPT = "30 days";

  /** Tables where a straight COPY met an existing row or a tombstone: they get staging and upsert from then on. */
  private final Set<String> conflicted = new HashSet<>();

  /** Where the rows of each committed batch are counted. */
  private final RowCounts written;

  public PostgresWriter() {
    this(new RowCounts());
  }

  /** A writer adding the rows of every batch it commits to {@code written}. */
  public PostgresWriter(RowCounts written) {
    this.written = written;
  }

  /**
   * Objects that could not be written (docs/sync.md, "Objects that cannot be written"): one row per
   * object, replaced when the same object is rejected again; objects without an id each get a row.
   * This is the table as version 4 of the state schema made it; version 6 adds its destination.
   */
  public static final String REJECTED_DDL =
      "CREATE TABLE IF NOT EXISTS ferry.rejected (id bigserial PRIMARY KEY, source text NOT NULL,"
          + " object_type text NOT NULL, object_id text, reason text NOT NULL, payload text,"
          + " rejected_at timestamptz NOT NULL DEFAULT now(), UNIQUE (source, object_type, object_id))";

  /**
   * Writes {@code batch} and commits it on {@code connection} (which must have auto-commit off); on
   * any failure rolls back and rethrows, leaving nothing of the batch behind. Returns the rows of
   * top-level tables (not child tables) inserted, changed or deleted: an upsert older than the row it
   * meets, or equal to it, counts nothing.
   */
  public int write(Connection connection, WriteBatch batch) throws SQLException {
    RowCounts counts = new RowCounts();
    try {
      int changed = 0;
      // parents first: the children of a parent whose own change is ignored are left as they are
      Set<String> parentTables = new HashSet<>();
      batch.tables().forEach(table -> parentTables.addAll(table.parentTables().values()));
      Map<String, Set<String>> ignored = new HashMap<>();
      for (TableBatch table : batch.tables()) {
        if (table.spec().parentColumn() == null && !table.isEmpty()) {
          changed += writeTable(connection, table, counts, parentTables.contains(table.spec().qualified()) ? ignored : null);
        }
      }
      for (TableBatch table : batch.tables()) {
        if (table.spec().parentColumn() != null) {
          table.parentTables().forEach((column, parentTable) ->
              table.keepChildren(column, ignored.getOrDefault(parentTable, Set.of())));
          if (!table.isEmpty()) {
            writeTable(connection, table, counts, null);
          }
        }
      }
      for (WriteBatch.Sweep sweep : batch.sweeps()) {
        counts.add(sweep.table().qualified(), 0, 0, sweep(connection, sweep));
      }
      clearAccepted(connection, batch);
      saveRejected(connection, batch);
      saveCheckpoints(connection, batch);
      saveAppliedEvents(connection, batch);
      connection.commit();
      written.addAll(counts);
      return changed;
    } catch (SQLException | RuntimeException e) {
      rollBack(connection, e);
      throw e;
    }
  }

  /** Rolls back after {@code failure}; on a connection the server ended that fails too, and the first failure is the one to report. */
  private static void rollBack(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Deletes the rows the backfill did not write, leaving a tombstone for each: the object was gone by
   * the time its page was read, so no snapshot or event older than this commit may bring it back.
   */
  private int sweep(Connection connection, WriteBatch.Sweep sweep) throws SQLException {
    String table = sweep.table().qualified();
    try (PreparedStatement delete = connection.prepareStatement(
        "WITH swept AS (DELETE FROM " + table + " WHERE " + Sql.quote(TableSpec.SYNCED_AT) + " < ? RETURNING id)"
            + " INSERT INTO ferry.tombstones (table_name, id, deleted_at) SELECT ?, id, now() FROM swept"
            + " ON CONFLICT (table_name, id) DO UPDATE SET deleted_at = greatest(ferry.tombstones.deleted_at, EXCLUDED.deleted_at)")) {
      delete.setObject(1, sweep.before());
      delete.setString(2, table);
      int swept = delete.executeUpdate();
      if (swept > 0) {
        conflicted.add(table); // upserts into this table must now pass the tombstone check
      }
      return swept;
    }
  }

  /**
   * Writes one table's batch; when {@code ignored} is given, adds to it (under the table's name) the
   * ids whose upsert is ignored, so that their children are left alone.
   */
  private int writeTable(Connection connection, TableBatch batch, RowCounts counts, Map<String, Set<String>> ignored)
      throws SQLException {
    TableSpec spec = batch.spec();
    int changed = 0;
    if (!batch.replacedParents().isEmpty()) {
      counts.add(spec.qualified(), 0, 0, deleteReplacedChildren(connection, batch));
    }
    if (!batch.deletes().isEmpty()) {
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM " + spec.qualified() + " WHERE id = ANY(?)")) {
        delete.setArray(1, textArray(connection, batch.deletes().keySet()));
        int deleted = delete.executeUpdate();
        counts.add(spec.qualified(), 0, 0, deleted);
        changed += deleted;
      }
      bury(connection, spec, batch.deletes());
    }
    if (!batch.upserts().isEmpty()) {
      changed += upsert(connection, batch, counts, ignored);
    }
    if (!batch.patches().isEmpty()) {
      changed += patch(connection, batch, counts);
    }
    return changed;
  }

  /**
   * Sets the patched columns of rows the table holds, per set of columns: COPY into a staging table of
   * id and those columns, then one {@code UPDATE} of the rows whose values differ. A patch carries no
   * change time and never creates a row, so a deleted row stays deleted. Returns the rows changed.
   */
  private int patch(Connection connection, TableBatch batch, RowCounts counts) throws SQLException {
    TableSpec spec = batch.spec();
    Map<java.util.BitSet, List<TableBatch.Row>> byColumns = new java.util.LinkedHashMap<>();
    for (TableBatch.Patch patch : batch.patches()) {
      Object[] values = new Object[patch.columns().cardinality() + 1];
      values[0] = patch.values()[0];
      int[] at = {1};
      patch.columns().stream().forEach(i -> values[at[0]++] = patch.values()[i]);
      byColumns.computeIfAbsent(patch.columns(), c -> new ArrayList<>()).add(new TableBatch.Row(values, 0));
    }
    int changed = 0;
    for (Map.Entry<java.util.BitSet, List<TableBatch.Row>> group : byColumns.entrySet()) {
      List<ColumnSpec> columns = new ArrayList<>(List.of(spec.columns().get(0)));
      group.getKey().stream().forEach(i -> columns.add(spec.columns().get(i)));
      String staging = "ferry_patch_" + stagingHash(new TableSpec(spec.schema(), spec.table(), columns, null));
      StringJoiner definitions = new StringJoiner(", ");
      StringJoiner sets = new StringJoiner(", ");
      StringJoiner held = new StringJoiner(", ", "(", ")");
      StringJoiner sent = new StringJoiner(", ", "(", ")");
      for (ColumnSpec column : columns) {
        String name = Sql.quote(column.name());
        definitions.add(name + " " + column.type().sql());
        if (!column.name().equals("id")) {
          sets.add(name + " = s." + name);
          held.add("t." + name);
          sent.add("s." + name);
        }
      }
      definitions.add(Sql.quote(TableSpec.CHANGED_AT) + " timestamptz");
      sets.add(Sql.quote(TableSpec.SYNCED_AT) + " = now()");
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + Sql.quote(staging) + " (" + definitions + ") ON COMMIT DELETE ROWS");
        copyIn(connection, "COPY " + Sql.quote(staging) + " FROM STDIN", new CopyRows(columns, group.getValue()));
        int updated = statement.executeUpdate("UPDATE " + spec.qualified() + " AS t SET " + sets + " FROM " + Sql.quote(staging)
            + " s WHERE t.id = s.id AND " + held + " IS DISTINCT FROM " + sent);
        counts.add(spec.qualified(), 0, updated, 0);
        changed += updated;
      }
    }
    return changed;
  }

  private void bury(Connection connection, TableSpec spec, Map<String, Long> deletes) throws SQLException {
    String sql = "INSERT INTO ferry.tombstones (table_name, id, deleted_at)"
        + " SELECT ?, d.id, CASE WHEN d.at > 0 THEN to_timestamp(d.at) ELSE now() END FROM unnest(?, ?) AS d(id, at)"
        + " ON CONFLICT (table_name, id) DO UPDATE SET deleted_at = greatest(ferry.tombstones.deleted_at, EXCLUDED.deleted_at)";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, spec.qualified());
      insert.setArray(2, textArray(connection, deletes.keySet()));
      insert.setArray(3, connection.createArrayOf("bigint", deletes.values().toArray(new Long[0])));
      insert.executeUpdate();
    }
    conflicted.add(spec.qualified()); // upserts into this table must now pass the tombstone check
  }

  /** Deletes the children of the batch's parents that their new child sets leave out; returns how many. */
  private int deleteReplacedChildren(Connection connection, TableBatch batch) throws SQLException {
    TableSpec spec = batch.spec();
    int deleted = 0;
    List<String> kept = new ArrayList<>(batch.upserts().size());
    batch.upserts().forEach(row -> kept.add((String) row.values()[0]));
    for (Map.Entry<String, Set<String>> parents : batch.replacedParents().entrySet()) {
      String sql = "DELETE FROM " + spec.qualified() + " WHERE " + Sql.quote(parents.getKey())
          + " = ANY(?) AND NOT (id = ANY(?))";
      try (PreparedStatement delete = connection.prepareStatement(sql)) {
        delete.setArray(1, textArray(connection, parents.getValue()));
        delete.setArray(2, textArray(connection, kept));
        deleted += delete.executeUpdate();
      }
    }
    return deleted;
  }

  private int upsert(Connection connection, TableBatch batch, RowCounts counts, Map<String, Set<String>> ignored)
      throws SQLException {
    TableSpec spec = batch.spec();
    CopyRows data = new CopyRows(spec.columns(), batch.upserts());
    StringJoiner names = new StringJoiner(", ");
    spec.columns().forEach(column -> names.add(Sql.quote(column.name())));
    String changedAt = Sql.quote(TableSpec.CHANGED_AT);
    if (!conflicted.contains(spec.qualified()) && !hasTombstones(connection, spec)
        && copyStraightIn(connection, spec, names + ", " + changedAt, data)) {
      counts.add(spec.qualified(), batch.upserts().size(), 0, 0);
      return batch.upserts().size();
    }
    // one staging table per target and column set, kept for the session and emptied at each commit;
    // named by a hash, so that it fits in 63 bytes whatever the table's name
    String staging = "ferry_staging_" + stagingHash(spec);
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
    String newer = "t." + changedAt + " IS NULL OR s." + changedAt + " IS NULL OR t." + changedAt + " <= s." + changedAt;
    StringJoiner held = new StringJoiner(", ", "(", ")");
    StringJoiner sent = new StringJoiner(", ", "(", ")");
    spec.columns().forEach(column -> {
      held.add("t." + Sql.quote(column.name()));
      sent.add("s." + Sql.quote(column.name()));
    });
    // a row deleted at or after the change's time stays deleted (a late snapshot or an older event)
    String buried = "EXISTS (SELECT 1 FROM ferry.tombstones d WHERE d.table_name = " + Sql.literal(target)
        + " AND d.id = s.id AND (s." + changedAt + " IS NULL OR s." + changedAt + " <= d.deleted_at))";
    // what the batch really changes: rows new, or newer and different (an event seen again changes nothing)
    int inserted;
    int updated;
    try (Statement statement = connection.createStatement();
        ResultSet counted = statement.executeQuery("SELECT count(*) FILTER (WHERE t.id IS NULL), count(t.id) FROM "
            + Sql.quote(staging) + " s LEFT JOIN " + target + " t ON t.id = s.id WHERE NOT " + buried
            + " AND (t.id IS NULL OR ((" + newer + ") AND " + held + " IS DISTINCT FROM " + sent + "))")) {
      counted.next();
      inserted = counted.getInt(1);
      updated = counted.getInt(2);
    }
    counts.add(target, inserted, updated, 0);
    int changed = inserted + updated;
    if (ignored != null) {
      Set<String> ids = ignored.computeIfAbsent(target, t -> new HashSet<>());
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT s.id FROM " + Sql.quote(staging) + " s LEFT JOIN " + target
              + " t ON t.id = s.id WHERE " + buried + " OR t.id IS NOT NULL AND NOT (" + newer + ")")) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    String sql =
        "INSERT INTO " + target + " AS t (" + names + ", " + changedAt + ", " + syncedAt + ") SELECT "
            + names + ", " + changedAt + ", now() FROM " + Sql.quote(staging) + " s"
            + " WHERE NOT " + buried
            + " ON CONFLICT (id) DO UPDATE SET " + updates
            + " WHERE t." + changedAt + " IS NULL OR EXCLUDED." + changedAt + " IS NULL OR t."
            + changedAt + " <= EXCLUDED." + changedAt;
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
      if (conflicted.contains(target)) {
        // a change newer than a deletion (a restore) has been applied: its tombstone no longer holds
        statement.executeUpdate("DELETE FROM ferry.tombstones d USING " + Sql.quote(staging) + " s WHERE d.table_name = "
            + Sql.literal(target) + " AND d.id = s.id AND s." + changedAt + " > d.deleted_at");
      }
    }
    return changed;
  }

  private static String stagingHash(TableSpec spec) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest((spec.qualified() + " " + spec.columns()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Whether some row of the table was deleted; checked once per writer, as deletes mark the table conflicted. */
  private boolean hasTombstones(Connection connection, TableSpec spec) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM ferry.tombstones WHERE table_name = ?)")) {
      query.setString(1, spec.qualified());
      try (var rows = query.executeQuery()) {
        rows.next();
        if (rows.getBoolean(1)) {
          conflicted.add(spec.qualified());
          return true;
        }
        return false;
      }
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

  /** One statement, not a JDBC batch: PgJDBC's batch path fails with an AssertionError on a connection the server ended. */
  private static void saveCheckpoints(Connection connection, WriteBatch batch) throws SQLException {
    if (batch.checkpoints().isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO " + CURSORS_TABLE + " (source, destination, stream, cursor, updated_at)"
            + " SELECT ?, ?, c.stream, c.cursor, now() FROM unnest(?, ?) AS c(stream, cursor)"
            + " ON CONFLICT (source, destination, stream) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()";
    try (PreparedStatement save = connection.prepareStatement(sql)) {
      save.setString(1, batch.source());
      save.setString(2, batch.destination());
      save.setArray(3, textArray(connection, batch.checkpoints().keySet()));
      save.setArray(4, textArray(connection, batch.checkpoints().values()));
      save.executeUpdate();
    }
  }

  private static void saveAppliedEvents(Connection connection, WriteBatch batch) throws SQLException {
    if (batch.events().isEmpty()) {
      return;
    }
    try (PreparedStatement save = connection.prepareStatement(
        "INSERT INTO ferry.applied_events (source, destination, event_id) SELECT ?, ?, unnest(?)"
            + " ON CONFLICT DO NOTHING");
        Statement prune = connection.createStatement()) {
      save.setString(1, batch.source());
      save.setString(2, batch.destination());
      save.setArray(3, textArray(connection, batch.events()));
      save.executeUpdate();
      prune.executeUpdate("DELETE FROM ferry.applied_events WHERE applied_at < now() - interval '" + APPLIED_EVENTS_KEPT + "'");
    }
  }

  /** Objects quarantined before and written now leave {@code ferry.rejected}: only what is still unwritten stays there. */
  private static void clearAccepted(Connection connection, WriteBatch batch) throws SQLException {
    if (batch.accepted().isEmpty()) {
      return;
    }
    try (PreparedStatement any = connection.prepareStatement(
        "SELECT EXISTS (SELECT 1 FROM ferry.rejected WHERE source = ? AND destination = ?)")) {
      any.setString(1, batch.source());
      any.setString(2, batch.destination());
      try (ResultSet rows = any.executeQuery()) {
        rows.next();
        if (!rows.getBoolean(1)) {
          return; // the usual case: nothing quarantined, no ids sent
        }
      }
    }
    try (PreparedStatement clear = connection.prepareStatement(
        "DELETE FROM ferry.rejected WHERE source = ? AND destination = ? AND object_type = ? AND object_id = ANY (?)")) {
      for (Map.Entry<String, List<String>> type : batch.accepted().entrySet()) {
        clear.setString(1, batch.source());
        clear.setString(2, batch.destination());
        clear.setString(3, type.getKey());
        clear.setArray(4, textArray(connection, type.getValue()));
        clear.executeUpdate();
      }
    }
  }

  private static void saveRejected(Connection connection, WriteBatch batch) throws SQLException {
    if (batch.rejected().isEmpty()) {
      return;
    }
    String sql = "INSERT INTO ferry.rejected (source, destination, object_type, object_id, reason, payload)"
        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, destination, object_type, object_id) DO UPDATE"
        + " SET reason = EXCLUDED.reason, payload = EXCLUDED.payload, rejected_at = now()";
    try (PreparedStatement save = connection.prepareStatement(sql)) {
      for (Rejected object : batch.rejected()) {
        save.setString(1, batch.source());
        save.setString(2, batch.destination());
        save.setString(3, object.objectType());
        save.setString(4, object.objectId());
        save.setString(5, object.reason());
        // text cannot hold NUL; its JSON escape keeps the payload readable
        save.setString(6, object.payload() == null ? null : object.payload().replace("\0", "\\u0000"));
        save.addBatch();
      }
      save.executeBatch();
    }
  }

  private static Array textArray(Connection connection, java.util.Collection<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray(new String[0]));
  }
}
