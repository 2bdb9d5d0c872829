package dev.ferry.sync.engine;

import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One writer per destination: a session-level Postgres advisory lock keyed by the destination
 * (schema and table prefix), held on a connection of its own for as long as a {@code sync} or
 * {@code serve} writes there. A second process refuses at once with one line instead of waiting,
 * because a {@code --watch} or {@code serve} holding the lock never finishes. The lock goes with
 * the holder's session, so a killed process frees it; so does a terminated session or a restarted
 * server, which is why the engine checks {@link #held()} before each write and claims it again.
 */
final class DestinationLock implements AutoCloseable {
  /** How long a lock session may take to answer before it counts as lost. */
  private static final int VALID_SECONDS = 10;

  private final Connection connection;
  private final String key;

  private DestinationLock(Connection connection, String key) {
    this.connection = connection;
    this.key = key;
  }

  /** Takes the lock of {@code layout} on {@code connection} (which it then owns and closes), or refuses. */
  static DestinationLock claim(Connection connection, TableLayout layout) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(
        "SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
      lock.setString(1, key(layout));
      try (ResultSet rows = lock.executeQuery()) {
        rows.next();
        if (!rows.getBoolean(1)) {
          String holder = holder(connection, layout);
          connection.close();
          throw new FerryException(ExitCodes.BUSY, "another ferry sync or serve is writing to " + layout
              + holder + "; stop it or wait for it to finish, then rerun");
        }
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
    return new DestinationLock(connection, key(layout));
  }

  /**
   * Whether the lock is still ours: a session advisory lock ends only with its session, so the
   * session answering means the lock is held.
   */
  boolean held() {
    try {
      return connection.isValid(VALID_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }

  private static String key(TableLayout layout) {
    return "ferry destination " + layout.schema() + "." + layout.prefix();
  }

  /** " (process N on host H since T)" for the session holding the lock, when the server lets us see it. */
  private static String holder(Connection connection, TableLayout layout) throws SQLException {
    String sql = "SELECT a.pid, coalesce(host(a.client_addr), 'local'), date_trunc('second', a.backend_start)"
        + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
        + " AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(?, 0) LIMIT 1";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, key(layout));
      try (ResultSet rows = query.executeQuery()) {
        return rows.next()
            ? " (database session " + rows.getInt(1) + " from " + rows.getString(2) + " since " + rows.getString(3) + ")"
            : "";
      }
    }
  }

  /**
   * Releases the lock, then closes its session. Closing alone would release it only when the server
   * has ended the session, after this returns: a sync started right after this one (the next test, or
   * a script's next command) could still find it held and refuse.
   */
  @Override
  public void close() throws SQLException {
    try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
      unlock.setString(1, key);
      unlock.execute();
    } catch (SQLException sessionGone) {
      // the lock went with the session
    } finally {
      connection.close();
    }
  }
}
