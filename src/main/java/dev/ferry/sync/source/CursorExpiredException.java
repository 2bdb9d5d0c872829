package dev.ferry.sync.source;

/**
 * The change-feed cursor is older than the source keeps changes (Stripe: 30 days): the changes in
 * between are gone, so the object types must be backfilled again.
 */
public class CursorExpiredException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CursorExpiredException(String message) {
    super(message);
  }
}
