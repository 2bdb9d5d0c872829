package dev.ferry.sync.source;

/** A pushed notification failed verification (bad or missing signature, stale, replayed); the reason is safe to return. */
public class PushRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PushRejectedException(String reason) {
    super(reason);
  }
}
