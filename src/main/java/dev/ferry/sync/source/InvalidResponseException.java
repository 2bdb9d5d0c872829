package dev.ferry.sync.source;

/**
 * The API answered, but with something Ferry cannot use: a body that is not JSON or ends early, a
 * shape other than the protocol's, or pages that never end (the same cursor again, more promised but
 * nothing given). Retrying at once would get the same answer, so the sync stops with one line.
 */
public class InvalidResponseException extends SourceException {
  private static final long serialVersionUID = 1L;

  public InvalidResponseException(String message) {
    super(message);
  }
}
