package dev.ferry.sync.source;

/**
 * Shared by the sources. Spaces requests evenly at {@code rate} per second (a token bucket holding one token), so no
 * one-second window ever holds more than {@code rate} requests, however many threads ask.
 */
public final class RateLimiter {
  private final long intervalNanos;
  private long nextSlot = System.nanoTime();

  public RateLimiter(double rate) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("rate must be positive");
    }
    this.intervalNanos = (long) Math.ceil(1_000_000_000L / rate);
  }

  /** Blocks until this caller may send one request. */
  public void acquire() throws InterruptedException {
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
    }
    long wait = slot - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
