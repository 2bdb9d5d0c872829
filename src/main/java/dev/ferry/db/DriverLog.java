package dev.ferry.db;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * PgJDBC reports through java.util.logging, whose default handler prints its warnings to stderr: a
 * stream it failed to close when the server went away mid-connect came out as a stack trace among
 * Ferry's messages. Failures reach Ferry as exceptions and are reported from those, so the driver's
 * log is off. The logger is held here because the logging API keeps loggers weakly and would drop
 * the level set on one that nothing references.
 */
final class DriverLog {
  private static final Logger DRIVER = Logger.getLogger("org.postgresql");

  private DriverLog() {}

  /** Turns the driver's log off; called before a connection of either kind is opened. */
  static void silence() {
    DRIVER.setLevel(Level.OFF);
  }
}
