package dev.ferry.sync.source;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Shared by every thread of a source: at most {@code limit} requests in any rolling {@code window} as
 * the server counts them, however the network delays them. A bucket of {@code limit} tokens: a request
 * takes one before it is sent and the token comes back one window after its answer arrived. The server
 * counts a request somewhere between its sending and its answer, so when any window on the server's
 * clock holds {@code limit + 1} requests, the last of them to be sent found the other {@code limit}
 * either unanswered or answered less than a window before: it could not have had a token.
 *
 * <p>All threads can be held back together ({@link #holdUntil}), as a 429 asks.
 */
public final class WindowLimiter {
  private final int limit;
  private final long windowNanos;
  /** When each answered request's token comes back, in order. */
  private final ArrayDeque<Long> returns = new ArrayDeque<>();
  private int inFlight;
  private long heldUntil;
  private long granted;

  public WindowLimiter(int limit, Duration window) {
    if (limit < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a request limit needs a positive count and window");
    }
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.heldUntil = System.nanoTime();
  }

  /** A limiter for {@code rate} requests a second, counted over {@code window} ({@code rate × window} requests in it). */
  public static WindowLimiter perSecond(double rate, Duration window) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("rate must be positive");
    }
    return new WindowLimiter((int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(rate * window.toNanos() / 1e9))), window);
  }

  public int limit() {
    return limit;
  }

  /** A request's token: returned by {@link #close} once its answer (or failure) is in. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /** Blocks until one more request may be sent now. */
  public Permit acquire() throws InterruptedException {
    synchronized (this) {
      while (true) {
        long now = System.nanoTime();
        while (!returns.isEmpty() && returns.peekFirst() - now <= 0) {
          returns.pollFirst();
        }
        long wait;
        if (heldUntil - now > 0) {
          wait = heldUntil - now;
        } else if (inFlight + returns.size() < limit) {
          inFlight++;
          granted++;
          break;
        } else {
          // no token: the next comes back when the oldest answered one does, or when an answer starts a clock
          wait = returns.isEmpty() ? 0 : returns.peekFirst() - now;
        }
        if (wait > 0) {
          wait(Math.max(1, wait / 1_000_000), 0);
        } else {
          wait();
        }
      }
    }
    return new Permit() {
      private boolean closed;

      @Override
      public void close() {
        synchronized (WindowLimiter.this) {
          if (!closed) {
            closed = true;
            inFlight--;
            returns.addLast(System.nanoTime() + windowNanos);
            WindowLimiter.this.notifyAll();
          }
        }
      }
    };
  }

  /** No request is sent before {@code wait} from now has passed (a 429's Retry-After, for every thread). */
  public synchronized void holdUntil(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    if (until - heldUntil > 0) {
      heldUntil = until;
    }
    notifyAll();
  }

  /** Requests allowed so far. */
  public synchronized long granted() {
    return granted;
  }
}
