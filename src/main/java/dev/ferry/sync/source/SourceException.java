package dev.ferry.sync.source;

/**
 * The source could not do what was asked even after retrying (the API kept failing, refused the
 * credentials, or answered something unreadable). The message is one line and holds no secret.
 */
public class SourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean authentication;

  public SourceException(String message, boolean authentication, Throwable cause) {
    super(message, cause);
    this.authentication = authentication;
  }

  public SourceException(String message) {
    this(message, false, null);
  }

  /** True when the API refused the credentials. */
  public boolean authentication() {
    return authentication;
  }
}
