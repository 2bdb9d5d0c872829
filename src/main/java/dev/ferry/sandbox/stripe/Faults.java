package dev.ferry.sandbox.stripe;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Injected failures: a scripted sequence consumed one per request, then random fractions of 5xx
 * responses, slow responses and dropped connections (socket closed without a response). Broken
 * answers (200 with a body that is not JSON, cut short, or of the wrong shape) are scripted too, and
 * lists can be made to promise more pages forever.
 */
public final class Faults {
  /** What happens to one request. */
  public enum Kind {
    NONE,
    HTTP_500,
    HTTP_503,
    SLOW,
    DROP_CONNECTION,
    /** 200 with an HTML page, as a misconfigured proxy answers. */
    NOT_JSON,
    /** 200 with the first half of the real body. */
    TRUNCATED,
    /** 200 with valid JSON of another shape: a list whose {@code data} is not an array, else an array. */
    WRONG_SHAPE
  }

  private final Deque<Kind> script = new ArrayDeque<>();
  private SplittableRandom random = new SplittableRandom(42);
  private double errorRate;
  private double slowRate;
  private double dropRate;
  private Duration slowDelay = Duration.ofSeconds(2);
  private boolean endlessLists;

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

  /** Every list answers {@code has_more: true}, even past its last object. */
  public synchronized Faults endlessLists(boolean endless) {
    this.endlessLists = endless;
    return this;
  }

  synchronized boolean endlessLists() {
    return endlessLists;
  }

  /** Removes every scripted and random fault. */
  public synchronized void clear() {
    script.clear();
    endlessLists = false;
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
