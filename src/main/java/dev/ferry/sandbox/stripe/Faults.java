package dev.ferry.sandbox.stripe;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Injected failures: a scripted sequence consumed one per request, then random fractions of 5xx
 * responses, slow responses and dropped connections (socket closed without a response).
 */
public final class Faults {
  /** What happens to one request. */
  public enum Kind {
    NONE,
    HTTP_500,
    HTTP_503,
    SLOW,
    DROP_CONNECTION
  }

  private final Deque<Kind> script = new ArrayDeque<>();
  private SplittableRandom random = new SplittableRandom(42);
  private double errorRate;
  private double slowRate;
  private double dropRate;
  private Duration slowDelay = Duration.ofSeconds(2);

  /** Queues faults for the next requests, in order (NONE lets one request through). */
  public synchronized Faults script(Kind... kinds) {
    script.addAll(List.of(kinds));
    return this;
  }

  /** A fraction of requests fails with 500 or 503 (alternating at random). */
  public synchronized Faults errorRate(double fraction) {
    this.errorRate = fraction;
    return this;
  }

  /** A fraction of requests is delayed by {@code delay} before being handled. */
  public synchronized Faults slowRate(double fraction, Duration delay) {
    this.slowRate = fraction;
    this.slowDelay = delay;
    return this;
  }

  /** A fraction of requests gets its connection closed without any response. */
  public synchronized Faults dropRate(double fraction) {
    this.dropRate = fraction;
    return this;
  }

  public synchronized Faults seed(long seed) {
    this.random = new SplittableRandom(seed);
    return this;
  }

  /** Removes every scripted and random fault. */
  public synchronized void clear() {
    script.clear();
    errorRate = 0;
    slowRate = 0;
    dropRate = 0;
  }

  synchronized Duration slowDelay() {
    return slowDelay;
  }

  synchronized Kind next() {
    if (!script.isEmpty()) {
      return script.poll();
    }
    if (errorRate == 0 && slowRate == 0 && dropRate == 0) {
      return Kind.NONE;
    }
    double u = random.nextDouble();
    if (u < dropRate) {
      return Kind.DROP_CONNECTION;
    }
    if (u < dropRate + errorRate) {
      return random.nextBoolean() ? Kind.HTTP_500 : Kind.HTTP_503;
    }
    if (u < dropRate + errorRate + slowRate) {
      return Kind.SLOW;
    }
    return Kind.NONE;
  }
}
