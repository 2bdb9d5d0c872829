package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sandbox.stripe.Webhooks;
import dev.ferry.sync.source.stripe.StripeConfig;
import dev.ferry.sync.source.stripe.StripeSource;
import dev.ferry.sync.source.stripe.StripeWebhooks;
import dev.ferry.testing.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry serve} facing hostile clients: bodies over the limit, slow senders, many connections.
 * Every assertion is about an outcome (a status, a closed connection, a row written, bytes held),
 * never about how long something took; latencies are printed for the record.
 */
class WebhookServerLimitsTest {
  private static final String SECRET = "whsec_ferrylimitstest";
  private static final long GIB = 1024L * 1024 * 1024;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Socket> sockets = new ArrayList<>();
  private StripeSandbox sandbox;
  private String url;
  private SyncEngine engine;
  private StripeSource source;
  private WebhookServer server;

  @BeforeEach
  void tables() throws Exception {
    sandbox = new StripeSandbox(SandboxData.generate(5, 20)).start();
    url = TestPostgres.newDatabase("webhook_limits");
    source = new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), 1000),
        new StripeWebhooks(List.of(SECRET), Duration.ofSeconds(300), Clock.systemUTC()));
    engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), SyncListener.SILENT);
    engine.addTypes(List.of("customer"));
  }

  private void listen(WebhookServer.Limits limits) throws IOException {
    server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/stripe", SyncListener.SILENT, limits);
    server.start();
  }

  @AfterEach
  void stop() {
    sockets.forEach(WebhookServerLimitsTest::closeQuietly);
    if (server != null) {
      server.close();
    }
    sandbox.close();
  }

  @Test
  void aContentLengthOverTheLimitIsRefusedWith413BeforeAnyBodyByteIsSent() throws Exception {
    listen(WebhookServer.Limits.defaults());
    Socket socket = connect();
    // 1.5 GiB announced, not one byte of it sent: the answer must come from the headers alone
    socket.getOutputStream().write(headers("Content-Length: " + (3 * GIB / 2)));
    assertThat(statusLine(socket)).startsWith("HTTP/1.1 413");
    assertThat(server.peakBufferedBytes()).isZero();
    assertThat(rows()).isZero();
  }

  @Test
  void streamedBodiesOverTheLimitAreCutOffAndMemoryHeldStaysBounded() throws Exception {
    listen(WebhookServer.Limits.defaults());
    int senders = 4;
    long attempted = 3 * GIB / 2;
    ExecutorService pool = Executors.newFixedThreadPool(senders * 2);
    try {
      List<Future<Long>> sent = new ArrayList<>();
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        Socket socket = connect();
        socket.getOutputStream().write(headers("Transfer-Encoding: chunked"));
        sent.add(pool.submit(() -> sendChunks(socket, attempted)));
        answers.add(pool.submit(() -> statusLine(socket)));
      }
      long largest = 0;
      for (int i = 0; i < senders; i++) {
        assertThat(answers.get(i).get()).startsWith("HTTP/1.1 413");
        long bytes = sent.get(i).get();
        assertThat(bytes).isLessThan(attempted);
        largest = Math.max(largest, bytes);
      }
      System.out.printf("webhook limits: %d chunked bodies of up to %d bytes each were cut off; the most one sender got"
          + " written before the server closed it: %d bytes; most body bytes the server held at once: %d%n",
          senders, attempted, largest, server.peakBufferedBytes());
      assertThat(server.peakBufferedBytes()).isLessThanOrEqualTo(senders * WebhookServer.Limits.DEFAULT_MAX_BODY);
      assertThat(rows()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void validDeliveriesAreAppliedWhileSlowConnectionsAreHeldOpen() throws Exception {
    // long deadlines, so every slow connection is still held while the valid deliveries go through
    listen(new WebhookServer.Limits(WebhookServer.Limits.DEFAULT_MAX_BODY, Duration.ofMinutes(5), Duration.ofMinutes(5), 512));
    int deliveries = 40;
    long[] quiet = deliver("evt_quiet", "cus_quiet", deliveries);
    int slowHeaders = 100;
    int slowBodies = 100;
    for (int i = 0; i < slowHeaders; i++) {
      connect().getOutputStream().write("POST /webhooks/stripe HTTP/1.1\r\nHost: ferry\r\nContent-".getBytes(StandardCharsets.US_ASCII));
    }
    for (int i = 0; i < slowBodies; i++) {
      OutputStream out = connect().getOutputStream();
      out.write(headers("Content-Length: 1000"));
      out.write('{');
    }
    long[] meanwhile = deliver("evt_slow", "cus_slow", deliveries);
    assertThat(rows()).isEqualTo(2 * deliveries);
    assertThat(server.openConnections()).isGreaterThanOrEqualTo(slowHeaders + slowBodies);
    System.out.printf("webhook limits: %d valid deliveries, latency p50 %.1f ms, max %.1f ms; then %d slow connections held"
        + " (%d mid-headers, %d mid-body) and %d valid deliveries meanwhile, p50 %.1f ms, max %.1f ms (load average %.1f)%n",
        deliveries, quiet[deliveries / 2] / 1000.0, quiet[deliveries - 1] / 1000.0, slowHeaders + slowBodies, slowHeaders,
        slowBodies, deliveries, meanwhile[deliveries / 2] / 1000.0, meanwhile[deliveries - 1] / 1000.0,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Posts {@code count} signed deliveries one after another, each must be applied; returns their sorted latencies in µs. */
  private long[] deliver(String eventPrefix, String customerPrefix, int count) throws Exception {
    long[] micros = new long[count];
    for (int i = 0; i < count; i++) {
      String body = customerEvent(eventPrefix + i, customerPrefix + i, now());
      long started = System.nanoTime();
      HttpResponse<String> response = post(body, Webhooks.signatureHeader(body, now(), SECRET));
      micros[i] = (System.nanoTime() - started) / 1000;
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.body()).contains("\"applied\":1");
    }
    Arrays.sort(micros);
    return micros;
  }

  @Test
  void slowConnectionsAreClosedAtTheirDeadlines() throws Exception {
    listen(new WebhookServer.Limits(WebhookServer.Limits.DEFAULT_MAX_BODY, Duration.ofMillis(200), Duration.ofMillis(200), 512));
    Socket slowHeaders = connect();
    slowHeaders.getOutputStream().write("POST /webhooks/stripe HTTP/1.1\r\nHost: ferry\r\n".getBytes(StandardCharsets.US_ASCII));
    Socket slowBody = connect();
    slowBody.getOutputStream().write(headers("Content-Length: 1000"));
    slowBody.getOutputStream().write('{');

    assertThat(statusLine(slowHeaders)).as("closed, at most with a 408").matches("\\(closed\\)|HTTP/1.1 408.*");
    assertThat(statusLine(slowBody)).startsWith("HTTP/1.1 408");
    assertThat(server.peakBufferedBytes()).isLessThanOrEqualTo(1);
  }

  @Test
  void bodiesHeldAtOnceStayWithinTheBudgetAndTheNextIsAskedToRetry() throws Exception {
    long maxBody = 1024;
    listen(new WebhookServer.Limits(maxBody, Duration.ofMinutes(5), Duration.ofMinutes(5), 512));
    int unfinished = 64; // the budget is 64 bodies of the largest size
    for (int i = 0; i < unfinished; i++) {
      OutputStream out = connect().getOutputStream();
      out.write(headers("Content-Length: " + maxBody));
      out.write(new byte[(int) maxBody - 1]);
    }
    long expected = unfinished * (maxBody - 1);
    for (int polls = 0; server.bufferedBytes() < expected && polls < 6000; polls++) {
      Thread.sleep(10); // waits for the bytes to arrive; the outcome, not the time, is asserted
    }
    assertThat(server.bufferedBytes()).isEqualTo(expected);

    Socket next = connect();
    next.getOutputStream().write(headers("Content-Length: " + maxBody));
    next.getOutputStream().write(new byte[(int) maxBody]);
    assertThat(statusLine(next)).startsWith("HTTP/1.1 503");
    assertThat(server.peakBufferedBytes()).isLessThanOrEqualTo(maxBody * 64);
  }

  @Test
  void theSignatureIsCheckedBeforeTheBodyIsParsed() throws Exception {
    listen(WebhookServer.Limits.defaults());
    String garbage = "{not json at all";
    HttpResponse<String> forged = post(garbage, Webhooks.signatureHeader(garbage, now(), "whsec_wrongsecret"));
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("no Stripe-Signature v1 matches");
    HttpResponse<String> signed = post(garbage, Webhooks.signatureHeader(garbage, now(), SECRET));
    assertThat(signed.statusCode()).isEqualTo(400);
    assertThat(signed.body()).contains("unreadable");
  }

  @Test
  void anEventOlderThanTheRowAnswersAppliedZero() throws Exception {
    listen(WebhookServer.Limits.defaults());
    long now = now();
    String newer = customerEvent("evt_newer", "cus_order", now);
    assertThat(post(newer, Webhooks.signatureHeader(newer, now, SECRET)).body()).contains("\"applied\":1");
    String older = customerEvent("evt_older", "cus_order", now - 60).replace("webhook@example.com", "older@example.com");
    HttpResponse<String> response = post(older, Webhooks.signatureHeader(older, now, SECRET));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"applied\":0");
    assertThat(TestPostgres.column(url, "SELECT email FROM stripe.customer WHERE id = 'cus_order'"))
        .containsExactly("webhook@example.com");
  }

  private long rows() throws Exception {
    return Long.parseLong(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer").get(0));
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
    socket.setSoTimeout(120_000); // a bound on a hung test, not a measurement
    sockets.add(socket);
    return socket;
  }

  private static byte[] headers(String framing) {
    return ("POST /webhooks/stripe HTTP/1.1\r\nHost: ferry\r\nContent-Type: application/json\r\n"
        + "Stripe-Signature: t=1,v1=00\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends 64 KiB chunks until {@code total} bytes or until the server closes; returns the bytes written. */
  private static long sendChunks(Socket socket, long total) {
    byte[] data = new byte[64 * 1024];
    Arrays.fill(data, (byte) 'x');
    byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
    long written = 0;
    try {
      OutputStream out = socket.getOutputStream();
      while (written < total) {
        out.write(size);
        out.write(data);
        out.write(end);
        written += data.length;
      }
    } catch (IOException closed) {
      // the server cut the body off
    }
    return written;
  }

  private static String statusLine(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
    return line == null ? "(closed)" : line;
  }

  private HttpResponse<String> post(String body, String signature) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/stripe"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
        .header("Stripe-Signature", signature).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  static String customerEvent(String eventId, String customerId, long created) {
    return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":" + created
        + ",\"data\":{\"object\":{\"id\":\"" + customerId + "\",\"object\":\"customer\",\"email\":\"webhook@example.com\","
        + "\"created\":" + created + ",\"metadata\":{}}}}";
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed by the server
    }
  }
}
