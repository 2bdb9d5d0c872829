package dev.ferry.errors;

/**
 * An error meant for the user: its message is printed as one line on stderr and the process exits
 * with {@link #exitCode()}. Messages must never contain secrets.
 */
public class FerryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public FerryException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public FerryException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static FerryException usage(String message) {
    return new FerryException(ExitCodes.USAGE, message);
  }

  public static FerryException notFound(String message) {
    return new FerryException(ExitCodes.NOT_FOUND, message);
  }

  public static FerryException badConfig(String message) {
    return new FerryException(ExitCodes.BAD_CONFIG, message);
  }
}
