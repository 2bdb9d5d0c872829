package dev.ferry.errors;

/** Every exit code Ferry uses, in one place (documented in docs/cli.md). */
public final class ExitCodes {
  public static final int OK = 0;
  /** A failure without a more specific code, or {@code --check} found stale files. */
  public static final int FAILURE = 1;
  /** Bad command line or missing required input (such as no database URL). */
  public static final int USAGE = 2;
  /** The database (or API) could not be reached. */
  public static final int CANNOT_CONNECT = 3;
  /** The server refused the credentials. */
  public static final int AUTH_FAILED = 4;
  /** A named database, schema, table or object type does not exist. */
  public static final int NOT_FOUND = 5;
  /** ferry.yaml (or another input file) is invalid. */
  public static final int BAD_CONFIG = 6;
  /** An output file or folder cannot be written (the message gives the system's reason). */
  public static final int CANNOT_WRITE = 7;
  /** Another {@code ferry sync} or {@code serve} is writing to the same destination. */
  public static final int BUSY = 8;
  /** Stopped by Ctrl-C (or another signal) while a command was running; 128 + SIGINT, as shells use. */
  public static final int INTERRUPTED = 130;
  /** A sync finished, but some objects could not be written: they are kept in {@code ferry.rejected}. */
  public static final int REJECTED = 9;
  /** The API answered something Ferry cannot use (not JSON, a wrong shape, pages that never end). */
  public static final int INVALID_RESPONSE = 10;

  private ExitCodes() {}
}
