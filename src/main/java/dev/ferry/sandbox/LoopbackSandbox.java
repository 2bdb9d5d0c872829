package dev.ferry.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * What every sandbox does around its {@link LoopbackServer}: the port it is asked for, start, the
 * gates tests hold requests with, its base URL and close. A sandbox adds its vendor's protocol in
 * {@link #handle}.
 *
 * @param <S> the sandbox itself, so configuration calls chain ({@code new StripeSandbox(data).port(0).start()})
 */
public abstract class LoopbackSandbox<S extends LoopbackSandbox<S>> implements AutoCloseable {
  private final String threadName;
  private final int threads;
  private int port;
  private LoopbackServer server;

  /** @param threads how many requests are answered at once, on threads named {@code threadName} */
  protected LoopbackSandbox(String threadName, int threads) {
    this.threadName = threadName;
    this.threads = threads;
  }

  /** Answers one request in the vendor's protocol. */
  protected abstract void handle(HttpExchange exchange) throws IOException;

  /** Stops what the sandbox runs beside its server (webhook deliveries), before the server stops. */
  protected void closeBesideServer() {}

  /** The port to listen on (0, the default, picks a free one). */
  public S port(int port) {
    this.port = port;
    return self();
  }

  public synchronized S start() throws IOException {
    server = LoopbackServer.start(port, threadName, threads, this::handle);
    return self();
  }

  /**
   * Once started: answers {@code allowed} requests whose path matches, then holds the next ones
   * unanswered until the returned gate opens (replacing any earlier gate, which is opened), so a
   * test can kill its client there, at an exact count.
   */
  public synchronized RequestGate holdAfter(int allowed, Predicate<String> paths) {
    return server.holdAfter(allowed, paths);
  }

  /** {@code http://127.0.0.1:<port>}, the base URL clients use in place of the vendor's. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** The running server, for a handler that passes points inside a response through the gate. */
  protected LoopbackServer server() {
    return server;
  }

  @Override
  public synchronized void close() {
    closeBesideServer();
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }
}
