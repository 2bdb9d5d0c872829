package dev.ferry.sandbox.stripe;

import java.util.function.LongSupplier;

/** A token bucket: {@code rate} tokens a second, holding at most {@code burst}; rate ≤ 0 means unlimited. */
final class RateLimiter {
  private final double rate;
  private final double burst;
  private final LongSupplier nanoClock;
  private double tokens;
  private long last;

  /** {@code nanoClock} is {@code System::nanoTime} when serving; tests pass a clock they advance themselves. */
  RateLimiter(double rate, double burst, LongSupplier nanoClock) {
    this.rate = rate;
    this.burst = Math.max(1, burst);
    this.nanoClock = nanoClock;
    this.tokens = this.burst;
    this.last = nanoClock.getAsLong();
  }

  synchronized boolean tryAcquire() {
    if (rate <= 0) {
      return true;
    }
    long now = nanoClock.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Whole seconds until a token is available (at least 1), for {@code Retry-After}. */
  synchronized long secondsUntilToken() {
    return rate <= 0 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / rate));
  }
}
