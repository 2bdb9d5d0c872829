package dev.ferry.sandbox;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The HTTP server every sandbox runs: loopback only (a sandbox is never meant to be reachable from
 * another machine), one handler for every path, daemon worker threads so a forgotten sandbox never
 * keeps the JVM alive.
 */
public final class LoopbackServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private volatile RequestGate gate;

  private LoopbackServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving {@code handler} on {@code port} (0 picks a free one) with {@code threads} workers named {@code name}. */
  public static LoopbackServer start(int port, String name, int threads, HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    LoopbackServer loopback = new LoopbackServer(server, executor);
    server.createContext("/", exchange -> {
      RequestGate current = loopback.gate;
      if (current != null) {
        current.pass(exchange.getRequestURI().getRawPath());
      }
      handler.handle(exchange);
    });
    server.start();
    return loopback;
  }

  /**
   * Installs a gate that answers {@code allowed} requests whose path matches, then holds the next
   * ones unanswered until the gate is opened (replacing any earlier gate, which is opened).
   */
  public RequestGate holdAfter(int allowed, Predicate<String> paths) {
    RequestGate previous = gate;
    gate = new RequestGate(allowed, paths);
    if (previous != null) {
      previous.open();
    }
    return gate;
  }

  /**
   * Passes a point inside a response ({@code event}, named so that no request path looks like it) through
   * the gate as a request path is: a handler streaming a long response stops there, mid-response, once
   * the gate has let its allowed ones through.
   */
  public void pass(String event) {
    RequestGate current = gate;
    if (current != null) {
      current.pass(event);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    RequestGate current = gate;
    if (current != null) {
      current.open();
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
