package dev.ferry.sandbox;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Holds a sandbox at a chosen point: lets {@code allowed} matching requests through, then blocks
 * every further matching request before it is answered until {@link #open()}. A test kills or
 * inspects a client at an exact request count instead of after a wall-clock delay.
 */
public final class RequestGate {
  private final Predicate<String> matches;
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);
  private int remaining;
  private volatile String heldPath;

  public RequestGate(int allowed, Predicate<String> matches) {
    this.remaining = allowed;
    this.matches = matches;
  }

  /** Called by the sandbox for each request path before it is answered; blocks once the gate is shut. */
  public void pass(String path) {
    if (!matches.test(path)) {
      return;
    }
    synchronized (this) {
      if (remaining > 0) {
        remaining--;
        return;
      }
      if (heldPath == null) {
        heldPath = path;
      }
    }
    held.countDown();
    try {
      opened.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits up to {@code millis} for a request to be held; true once one is. */
  public boolean awaitHeld(long millis) throws InterruptedException {
    return held.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Whether a request is being (or was) held. */
  public boolean isHeld() {
    return held.getCount() == 0;
  }

  /** The path of the first request held, or null. */
  public String heldPath() {
    return heldPath;
  }

  /** Lets every held and later request through. */
  public void open() {
    opened.countDown();
  }
}
