package dev.ferry.sync.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and maintains a source's rows in the {@code ferry} state schema for one destination: cursors
 * (written by the writer together with rows), run history, and the object types the user syncs. Every
 * method commits its own work; none is called while a batch transaction is open on the same connection.
 */
final class StateStore {
  private final String source;
  private final String destination;

  StateStore(String source, TableLayout layout) {
    this.source = source;
    this.destination = layout.key();
  }

  Map<String, String> cursors(Connection connection) throws SQLException {
    Map<String, String> cursors = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT stream, cursor FROM ferry.cursors WHERE source = ? AND destination = ?")) {
      query.setString(1, source);
      query.setString(2, destination);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          cursors.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    connection.commit();
    return cursors;
  }

  /** Whether {@code stream} has a cursor; false in a destination Ferry has not written to yet. */
  boolean hasCursor(Connection connection, String stream) throws SQLException {
    boolean tables;
    try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass('ferry.cursors') IS NOT NULL");
        ResultSet rows = query.executeQuery()) {
      rows.next();
      tables = rows.getBoolean(1);
    }
    connection.commit();
    return tables && cursors(connection).containsKey(stream);
  }

  /** Forgets every cursor whose stream starts with {@code prefix} (a re-backfill starts over). */
  void forgetCursors(Connection connection, String prefix) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM ferry.cursors WHERE source = ? AND destination = ? AND starts_with(stream, ?)")) {
      delete.setString(1, source);
      delete.setString(2, destination);
      delete.setString(3, prefix);
      delete.executeUpdate();
    }
    connection.commit();
  }

  List<String> syncedTypes(Connection connection) throws SQLException {
    List<String> types = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT object_type FROM ferry.synced_types WHERE source = ? AND destination = ? ORDER BY object_type")) {
      query.setString(1, source);
      query.setString(2, destination);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          types.add(rows.getString(1));
        }
      }
    }
    connection.commit();
    return types;
  }

  /**
   * Marks {@code abandoned} the runs into {@code layout} still recorded as {@code running}: the caller
   * holds the destination's lock, so none of them is alive. Returns how many.
   */
  int abandonRuns(Connection connection, TableLayout layout) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE ferry.runs SET status = 'abandoned', message = 'the process ended before the run finished'"
            + " WHERE source = ? AND status = 'running' AND (destination = ? OR destination IS NULL)")) {
      update.setString(1, source);
      update.setString(2, layout.key());
      int count = update.executeUpdate();
      connection.commit();
      return count;
    }
  }

  /** Which of {@code events} were applied to {@code layout} already (within the kept window). */
  Set<String> appliedEvents(Connection connection, TableLayout layout, Set<String> events) throws SQLException {
    Set<String> applied = new HashSet<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT event_id FROM ferry.applied_events WHERE source = ? AND destination = ? AND event_id = ANY (?)")) {
      query.setString(1, source);
      query.setString(2, layout.key());
      query.setArray(3, connection.createArrayOf("text", events.toArray(new String[0])));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          applied.add(rows.getString(1));
        }
      }
    }
    return applied;
  }

  long startRun(Connection connection, TableLayout layout) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO ferry.runs (source, destination, status) VALUES (?, ?, 'running') RETURNING id")) {
      insert.setString(1, source);
      insert.setString(2, layout.key());
      try (ResultSet rows = insert.executeQuery()) {
        rows.next();
        long id = rows.getLong(1);
        connection.commit();
        return id;
      }
    }
  }

  void finishRun(Connection connection, long run, String status, long objects, String message) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE ferry.runs SET finished_at = now(), status = ?, objects = ?, message = ? WHERE id = ?")) {
      update.setString(1, status);
      update.setLong(2, objects);
      update.setString(3, message);
      update.setLong(4, run);
      update.executeUpdate();
    }
    connection.commit();
  }
}
