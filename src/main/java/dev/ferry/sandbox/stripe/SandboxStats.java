package dev.ferry.sandbox.stripe;

import java.util.concurrent.atomic.AtomicLong;

/** Counters the tests read: requests by outcome and the busiest wall-clock second. */
public final class SandboxStats {
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong clientErrors = new AtomicLong();
  private long currentSecond = -1;
  private long receivedThisSecond;
  private long servedThisSecond;
  private long peakReceived;
  private long peakServed;

  void received() {
    received.incrementAndGet();
    synchronized (this) {
      roll();
      receivedThisSecond++;
      peakReceived = Math.max(peakReceived, receivedThisSecond);
    }
  }

  void served() {
    served.incrementAndGet();
    synchronized (this) {
      roll();
      servedThisSecond++;
      peakServed = Math.max(peakServed, servedThisSecond);
    }
  }

  private void roll() {
    long second = System.currentTimeMillis() / 1000;
    if (second != currentSecond) {
      currentSecond = second;
      receivedThisSecond = 0;
      servedThisSecond = 0;
    }
  }

  void rateLimited() {
    rateLimited.incrementAndGet();
  }

  void serverError() {
    serverErrors.incrementAndGet();
  }

  void dropped() {
    dropped.incrementAndGet();
  }

  void clientError() {
    clientErrors.incrementAndGet();
  }

  /** Every request that reached the server. */
  public long requestsReceived() {
    return received.get();
  }

  /** Requests answered with 2xx. */
  public long requestsServed() {
    return served.get();
  }

  /** 429 responses sent. */
  public long rateLimitedResponses() {
    return rateLimited.get();
  }

  /** Injected 500/503 responses sent. */
  public long serverErrorResponses() {
    return serverErrors.get();
  }

  /** Connections closed without a response. */
  public long droppedConnections() {
    return dropped.get();
  }

  /** 400/401/404 responses sent. */
  public long clientErrorResponses() {
    return clientErrors.get();
  }

  /** The most requests received within one wall-clock second. */
  public synchronized long peakRequestsPerSecond() {
    return peakReceived;
  }

  /** The most 2xx responses within one wall-clock second. */
  public synchronized long peakServedPerSecond() {
    return peakServed;
  }
}
