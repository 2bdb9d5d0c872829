package dev.ferry.sync.engine;

import dev.ferry.sync.source.Change;
import dev.ferry.sync.source.PushRejectedException;
import dev.ferry.sync.source.PushedNotice;
import dev.ferry.sync.source.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Receives webhook deliveries on {@code POST <path>}: the source verifies each one (bad signature,
 * stale or replayed deliveries get 400) before its body is parsed, and its changes are written at
 * once through the engine's batch path. Deliveries about object types Ferry does not sync are
 * acknowledged and ignored.
 *
 * <p>Built to face the open internet: Jetty's selectors hold a slow connection without a thread, so
 * slow senders never delay others. Each connection carries one request ({@code Connection: close})
 * whose headers must be complete within the header timeout of the connection opening, and whose
 * body must arrive within the body timeout; a body over the size limit is refused from its
 * {@code Content-Length} before any byte of it is read, or cut off as soon as a streamed (chunked)
 * body passes the limit. Bodies held in memory at once are bounded by a byte budget; connections by a
 * count. Verification runs on a small pool of its own.
 *
 * <p>Verified deliveries queue for one writer thread, which takes every delivery waiting, reads the
 * objects they name in one go ({@link Source#readNamed}: HubSpot's id-only events cost one batch read
 * per type, however many arrived) and writes them all in one transaction. Each delivery is answered
 * only after that commit (2xx) or its failure (503, so the sender retries): an answer never claims a
 * change that a crash could still lose, and a burst costs one read and one commit, not one each.
 */
public final class WebhookServer implements AutoCloseable {
  /** Limits against slow, huge or numerous requests. */
  public record Limits(long maxBodyBytes, Duration headerTimeout, Duration bodyTimeout, int maxConnections) {
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;

    public Limits {
      if (maxBodyBytes < 1 || headerTimeout.isNegative() || headerTimeout.isZero() || bodyTimeout.isNegative()
          || bodyTimeout.isZero() || maxConnections < 1) {
        throw new IllegalArgumentException("webhook limits must be positive");
      }
    }

    public static Limits defaults() {
      return new Limits(DEFAULT_MAX_BODY, Duration.ofSeconds(10), Duration.ofSeconds(10), 512);
    }

    /** Bytes of request bodies held at once: room for 64 bodies of the largest size accepted. */
    long bodyBudget() {
      return Math.multiplyExact(maxBodyBytes, 64);
    }
  }

  /** Deliveries queued for the writer at most; also the most one transaction takes. */
  private static final int MAX_QUEUED = 256;

  private final Server server;
  private final ServerConnector connector;
  private final SyncEngine engine;
  private final Source source;
  private final SyncListener listener;
  private final String path;
  private final Limits limits;
  private final ThreadPoolExecutor workers;
  /** Verified deliveries waiting for the writer thread; bounded, past it a delivery is answered 503. */
  private final java.util.concurrent.BlockingQueue<Queued> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
  private final Thread writer;
  private final Set<org.eclipse.jetty.io.Connection> requested = ConcurrentHashMap.newKeySet();
  private final AtomicLong buffered = new AtomicLong();
  private final AtomicLong peakBuffered = new AtomicLong();
  private Connection connection;

  public WebhookServer(SyncEngine engine, Source source, String host, int port, String path, SyncListener listener) {
    this(engine, source, host, port, path, listener, Limits.defaults());
  }

  public WebhookServer(SyncEngine engine, Source source, String host, int port, String path, SyncListener listener,
      Limits limits) {
    this.engine = engine;
    this.source = source;
    this.listener = listener;
    this.path = path;
    this.limits = limits;
    QueuedThreadPool threads = new QueuedThreadPool(8, 2);
    threads.setName("ferry-webhooks");
    threads.setDaemon(true);
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(16 * 1024);
    this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    // no byte for this long closes any connection; the header and body deadlines below come first
    connector.setIdleTimeout(limits.headerTimeout().toMillis() + limits.bodyTimeout().toMillis());
    connector.addEventListener(new org.eclipse.jetty.io.Connection.Listener() {
      @Override
      public void onOpened(org.eclipse.jetty.io.Connection opened) {
        scheduler().schedule(() -> closeIfNoRequest(opened), limits.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
      }

      @Override
      public void onClosed(org.eclipse.jetty.io.Connection closed) {
        requested.remove(closed);
      }
    });
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
    server.setHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        return receive(request, response, callback);
      }
    });
    this.workers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256), runnable -> {
      Thread thread = new Thread(runnable, "ferry-webhook-verify");
      thread.setDaemon(true);
      return thread;
    });
    this.writer = new Thread(this::writeQueued, "ferry-webhook-apply");
    writer.setDaemon(true);
  }

  /** Starts listening; the message of the exception says why it could not (address in use, ...). */
  public void start() throws IOException {
    try {
      writer.start();
      server.start();
    } catch (IOException e) {
      close();
      throw e;
    } catch (Exception e) {
      close();
      throw new IOException(e.getMessage(), e);
    }
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** Connections open now, whatever their state. */
  public int openConnections() {
    return connector.getConnectedEndPoints().size();
  }

  /** Verified deliveries waiting for the writer now. */
  public int queuedDeliveries() {
    return queue.size();
  }

  /** Bytes of unfinished request bodies held now. */
  public long bufferedBytes() {
    return buffered.get();
  }

  /** The most bytes of request bodies this server has held at once. */
  public long peakBufferedBytes() {
    return peakBuffered.get();
  }

  private Scheduler scheduler() {
    return server.getScheduler();
  }

  /** A connection whose request headers did not arrive within the header timeout is closed. */
  private void closeIfNoRequest(org.eclipse.jetty.io.Connection opened) {
    if (!requested.contains(opened)) {
      EndPoint endPoint = opened.getEndPoint();
      if (endPoint.isOpen()) {
        endPoint.close();
      }
    }
  }

  private boolean receive(Request request, Response response, Callback callback) {
    requested.add(request.getConnectionMetaData().getConnection());
    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    if (!path.equals(Request.getPathInContext(request))) {
      return false;
    }
    if (!"POST".equals(request.getMethod())) {
      respond(response, callback, 405, "{\"error\":\"use POST\"}");
      return true;
    }
    if (request.getLength() > limits.maxBodyBytes()) {
      respond(response, callback, 413, tooLarge());
      return true;
    }
    new BodyReader(request, response, callback).start();
    return true;
  }

  private String tooLarge() {
    return "{\"error\":\"body over " + limits.maxBodyBytes() + " bytes\"}";
  }

  /** Reads one body chunk by chunk as it arrives, holding no thread while waiting, within the limits. */
  private final class BodyReader {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final AtomicBoolean finished = new AtomicBoolean();
    private long held;
    private Scheduler.Task deadline;

    BodyReader(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    void start() {
      deadline = scheduler().schedule(
          () -> finish(408, "{\"error\":\"body not received\"}"),
          limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
      read();
    }

    private void read() {
      while (!finished.get()) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this::read);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          boolean timedOut = chunk.getFailure() instanceof java.util.concurrent.TimeoutException;
          finish(timedOut ? 408 : 400, "{\"error\":\"body not received\"}");
          return;
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        int size = bytes.remaining();
        if (body.size() + (long) size > limits.maxBodyBytes()) {
          chunk.release();
          finish(413, tooLarge());
          return;
        }
        if (!hold(size)) {
          chunk.release();
          finish(503, "{\"error\":\"busy, retry later\"}");
          return;
        }
        byte[] copy = new byte[size];
        bytes.get(copy);
        body.write(copy, 0, size);
        boolean last = chunk.isLast();
        chunk.release();
        if (last) {
          deliver();
          return;
        }
      }
    }

    private void deliver() {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      deadline.cancel();
      try {
        workers.execute(() -> {
          try {
            verifyAndQueue(request, body.toByteArray(), (status, json) -> respond(response, callback, status, json));
          } finally {
            release();
          }
        });
      } catch (RejectedExecutionException e) {
        release();
        respond(response, callback, 503, "{\"error\":\"busy, retry later\"}");
      }
    }

    private void finish(int status, String json) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      if (deadline != null) {
        deadline.cancel();
      }
      release();
      respond(response, callback, status, json);
    }

    /** Counts {@code size} more bytes against the budget; false once finished or when over budget. */
    private synchronized boolean hold(int size) {
      if (finished.get() || !reserve(size)) {
        return false;
      }
      held += size;
      return true;
    }

    private synchronized void release() {
      buffered.addAndGet(-held);
      held = 0;
    }
  }

  private boolean reserve(int size) {
    long now = buffered.addAndGet(size);
    if (now > limits.bodyBudget()) {
      buffered.addAndGet(-size);
      return false;
    }
    peakBuffered.accumulateAndGet(now, Math::max);
    return true;
  }

  /** Where a delivery's answer goes once its transaction committed or failed. */
  private interface Reply {
    void send(int status, String json);
  }

  private record Queued(PushedNotice notice, Reply reply) {}

  /** Verifies (before any parsing: the source checks the signature over the raw bytes), then queues for the writer. */
  private void verifyAndQueue(Request request, byte[] body, Reply reply) {
    PushedNotice notice;
    try {
      String target = request.getHttpURI().getPathQuery();
      notice = source.verifyPush(name -> name.equals(Source.REQUEST_TARGET) ? target : request.getHeaders().get(name), body);
    } catch (PushRejectedException e) {
      listener.info("webhook rejected: " + e.getMessage());
      reply.send(400, "{\"error\":" + quote(e.getMessage()) + "}");
      return;
    } catch (RuntimeException e) {
      reply.send(400, "{\"error\":" + quote("unreadable delivery: " + e.getMessage()) + "}");
      return;
    }
    if (!queue.offer(new Queued(notice, reply))) {
      reply.send(503, "{\"error\":\"busy, retry later\"}");
    }
  }

  /** The writer thread: every delivery waiting, read and written together, each answered after the commit. */
  private void writeQueued() {
    List<Queued> taken = new ArrayList<>();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        taken.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(taken, MAX_QUEUED - 1);
      if (!write(taken) && taken.size() > 1) {
        // one bad delivery must not keep the others waiting for their retries: each alone
        taken.forEach(one -> write(List.of(one)));
      }
      taken.clear();
    }
  }

  /** Reads and writes {@code deliveries} in one transaction and answers them; false when that failed (each then answered 503 only if alone). */
  private boolean write(List<Queued> deliveries) {
    List<PushedNotice> notices = deliveries.stream().map(Queued::notice).toList();
    int applied;
    try {
      List<Change> changes = new ArrayList<>();
      notices.forEach(n -> changes.addAll(n.changes()));
      Map<String, Set<String>> named = PushedNotice.named(notices);
      if (!named.isEmpty()) {
        changes.addAll(source.readNamed(named));
      }
      applied = apply(changes);
    } catch (SQLException | RuntimeException e) {
      if (deliveries.size() > 1) {
        return false;
      }
      listener.info("webhook not applied (answered 503 so the sender retries; polling catches up): " + e.getMessage());
      deliveries.get(0).reply().send(503, "{\"error\":\"not applied, retry later\"}");
      return true;
    }
    // with several deliveries in the transaction, each is told what the transaction wrote
    String answer = "{\"received\":true,\"applied\":" + applied + "}";
    deliveries.forEach(d -> d.reply().send(200, answer));
    return true;
  }

  private synchronized int apply(List<Change> changes) throws SQLException {
    if (changes.isEmpty()) {
      return 0;
    }
    if (connection == null || connection.isClosed()) {
      connection = engine.open();
    }
    try {
      return engine.applyPushed(connection, changes);
    } catch (SQLException | RuntimeException e) {
      // the batch was rolled back; the connection may be the one the server ended, so it is never reused
      try {
        connection.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      connection = null;
      throw e;
    }
  }

  private static void respond(Response response, Callback callback, int status, String json) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    Content.Sink.write(response, true, json, callback);
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public synchronized void close() {
    try {
      server.stop();
    } catch (Exception ignored) {
      // stopping is best effort
    }
    workers.shutdownNow();
    writer.interrupt();
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // closing is best effort
    }
  }
}
