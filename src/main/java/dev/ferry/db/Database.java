package dev.ferry.db;

import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Opens connections and turns connection failures into one-line, secret-free errors. */
public final class Database {
  private final DatabaseUrl url;

  public Database(DatabaseUrl url) {
    this.url = url;
  }

  public static Database of(String url) {
    return new Database(DatabaseUrl.parse(url));
  }

  public DatabaseUrl url() {
    return url;
  }

  public Connection connect() {
    DriverLog.silence();
    try {
      return DriverManager.getConnection(url.jdbcUrl(), url.properties());
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /**
   * Whether {@code failure} (or a cause of it) is the database going away rather than a problem with
   * what was sent: the connection was refused, broken or terminated by the server (an administrator's
   * {@code pg_terminate_backend}, a restart or shutdown), or the server is still starting.
   */
  public static boolean connectionLost(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConnectionState(String state) {
    // 08: connection exception; 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now
    return state != null && (state.startsWith("08") && !state.equals("08004") || state.startsWith("57P0"));
  }

  /** Maps a connection-time failure to Ferry's exit codes by SQLSTATE. */
  public FerryException translate(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String target = url.display() + " as " + url.effectiveUser() + (url.user() == null ? " (no user in the URL, so the system user)" : "");
    return switch (state) {
      // 08004: PgJDBC's code when the server asks for a password and none was given
      case "28P01", "28000", "08004" ->
          new FerryException(ExitCodes.AUTH_FAILED, "authentication failed for " + target + ": check the user and password", e);
      case "3D000" ->
          new FerryException(ExitCodes.NOT_FOUND, "database \"" + url.databaseName() + "\" does not exist on " + url.display(), e);
      // the server ended the session (pg_terminate_backend, shutdown) or is starting up or shutting down
      case "57P01", "57P02", "57P03", "08003", "08006" ->
          new FerryException(ExitCodes.CANNOT_CONNECT, "lost the connection to " + url.display() + ": " + firstLine(e), e);
      default -> {
        if (state.startsWith("08")) {
          yield new FerryException(ExitCodes.CANNOT_CONNECT, "cannot connect to " + url.display() + ": " + reason(e), e);
        }
        yield new FerryException(ExitCodes.FAILURE, "database error on " + url.display() + ": " + firstLine(e), e);
      }
    };
  }

  /**
   * Why the connection failed: PgJDBC's own words when they say it ("Connection to localhost:5432
   * refused"), the network's cause when they do not ("The connection attempt failed.").
   */
  private static String reason(SQLException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.UnknownHostException) {
        return "unknown host " + cause.getMessage() + " (the name does not resolve)";
      }
      if (cause instanceof java.net.SocketTimeoutException) {
        return "no answer in time (" + cause.getMessage() + "); the connect timeout is 10 s, connect_timeout=N in the URL changes it";
      }
      if (cause instanceof java.net.NoRouteToHostException || cause instanceof java.net.ConnectException) {
        return firstLine(e) + (e.getMessage() != null && e.getMessage().contains("refused") ? "" : " (" + cause.getMessage() + ")");
      }
    }
    return firstLine(e);
  }

  private static String firstLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return Secrets.redact(message.lines().findFirst().orElse(message));
  }
}
