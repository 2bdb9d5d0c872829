package dev.ferry.db;

import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.FerryException;
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
    try {
      return DriverManager.getConnection(url.jdbcUrl(), url.properties());
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** Maps a connection-time failure to Ferry's exit codes by SQLSTATE. */
  public FerryException translate(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String target = url.display() + (url.user() == null ? "" : " as " + url.user());
    return switch (state) {
      // 08004: PgJDBC's code when the server asks for a password and none was given
      case "28P01", "28000", "08004" ->
          new FerryException(ExitCodes.AUTH_FAILED, "authentication failed for " + target + ": check the user and password", e);
      case "3D000" ->
          new FerryException(ExitCodes.NOT_FOUND, "database \"" + url.databaseName() + "\" does not exist on " + url.display(), e);
      default -> {
        if (state.startsWith("08")) {
          yield new FerryException(ExitCodes.CANNOT_CONNECT, "cannot connect to " + url.display() + ": " + firstLine(e), e);
        }
        yield new FerryException(ExitCodes.FAILURE, "database error on " + url.display() + ": " + firstLine(e), e);
      }
    };
  }

  private static String firstLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return Secrets.redact(message.lines().findFirst().orElse(message));
  }
}
