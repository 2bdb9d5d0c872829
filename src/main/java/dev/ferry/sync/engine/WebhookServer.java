package dev.ferry.sync.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.sync.source.Change;
import dev.ferry.sync.source.PushRejectedException;
import dev.ferry.sync.source.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Receives webhook deliveries on {@code POST <path>}: the source verifies each one (bad signature,
 * stale or replayed deliveries get 400) and its changes are written at once through the engine's
 * batch path. Deliveries about object types Ferry does not sync are acknowledged and ignored.
 */
public final class WebhookServer implements AutoCloseable {
  static {
    // without it the JDK server's separate header and body writes meet delayed ACKs: ~40 ms per delivery
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final SyncEngine engine;
  private final Source source;
  private final SyncListener listener;
  private Connection connection;

  public WebhookServer(SyncEngine engine, Source source, String host, int port, String path, SyncListener listener)
      throws IOException {
    this.engine = engine;
    this.source = source;
    this.listener = listener;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
    server.createContext(path, this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "{\"error\":\"use POST\"}");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      List<Change> changes;
      try {
        String target = exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        changes = source.pushedChanges(
            name -> name.equals(Source.REQUEST_TARGET) ? target : exchange.getRequestHeaders().getFirst(name), body);
      } catch (PushRejectedException e) {
        listener.info("webhook rejected: " + e.getMessage());
        respond(exchange, 400, "{\"error\":" + quote(e.getMessage()) + "}");
        return;
      } catch (RuntimeException e) {
        respond(exchange, 400, "{\"error\":" + quote("unreadable delivery: " + e.getMessage()) + "}");
        return;
      }
      try {
        apply(changes);
      } catch (SQLException | RuntimeException e) {
        listener.info("webhook not applied (the delivery will be retried, polling catches up): " + e.getMessage());
        respond(exchange, 500, "{\"error\":\"not applied\"}");
        return;
      }
      respond(exchange, 200, "{\"received\":true,\"applied\":" + changes.size() + "}");
    }
  }

  private synchronized void apply(List<Change> changes) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    if (connection == null || connection.isClosed()) {
      connection = engine.open();
    }
    try {
      engine.applyPushed(connection, changes);
    } catch (SQLException e) {
      connection.close();
      connection = null;
      throw e;
    }
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public synchronized void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // closing is best effort
    }
  }
}
