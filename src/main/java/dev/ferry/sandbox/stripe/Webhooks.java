package dev.ferry.sandbox.stripe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook endpoints and delivery: every new event is POSTed to every endpoint with a
 * {@code Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">} header (one v1 per active
 * secret during rotation). Deliveries can be held and released shuffled, and duplicated.
 */
public final class Webhooks implements AutoCloseable {
  /** One registered endpoint; {@code secrets} holds the current secret first, then any still rolling. */
  public static final class Endpoint {
    private final String url;
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    Endpoint(String url, String secret) {
      this.url = url;
      this.secrets.add(secret);
    }

    public String url() {
      return url;
    }

    public List<String> secrets() {
      return List.copyOf(secrets);
    }
  }

  /** One delivery attempt and the status the endpoint answered (-1 when it could not be reached). */
  public record Delivery(String eventId, String url, String signatureHeader, int status) {}

  private final SandboxData data;
  private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final List<SandboxData.StoredEvent> held = new ArrayList<>();
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stripe-sandbox-webhooks");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger pending = new AtomicInteger();
  private final Map<String, Set<String>> succeeded = new ConcurrentHashMap<>();
  private volatile int maxAttempts = 1;
  private volatile Duration firstRetryDelay = Duration.ofMillis(200);
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private SplittableRandom random = new SplittableRandom(7);
  private boolean holding;
  private double duplicateRate;

  Webhooks(SandboxData data) {
    this.data = data;
    data.onEvent(this::onEvent);
    data.webhookEndpointCount(endpoints::size);
  }

  /** Registers an endpoint that receives every event from now on. */
  public Endpoint register(String url, String secret) {
    Endpoint endpoint = new Endpoint(url, secret);
    endpoints.add(endpoint);
    return endpoint;
  }

  /** Starts a secret rotation: deliveries are signed with the new secret and, while kept, the old ones. */
  public void rotateSecret(Endpoint endpoint, String newSecret, boolean keepOld) {
    if (!keepOld) {
      endpoint.secrets.clear();
    }
    endpoint.secrets.add(0, newSecret);
  }

  /** While holding, new events are queued; {@link #release()} sends them in a shuffled order. */
  public synchronized Webhooks hold() {
    holding = true;
    return this;
  }

  /** A fraction of deliveries is sent twice. */
  public synchronized Webhooks duplicateRate(double fraction) {
    duplicateRate = fraction;
    return this;
  }

  /**
   * Retries a delivery the endpoint did not answer with 2xx, up to {@code attempts} tries in all,
   * waiting {@code firstDelay} and doubling (Stripe retries for days; the default here is no retry).
   */
  public Webhooks retries(int attempts, Duration firstDelay) {
    this.maxAttempts = Math.max(1, attempts);
    this.firstRetryDelay = firstDelay;
    return this;
  }

  /** Whether every registered endpoint has answered 2xx for the event (true with no endpoints). */
  public boolean deliverySucceeded(String eventId) {
    Set<String> ok = succeeded.getOrDefault(eventId, Set.of());
    for (Endpoint endpoint : endpoints) {
      if (!ok.contains(endpoint.url)) {
        return false;
      }
    }
    return true;
  }

  public synchronized Webhooks seed(long seed) {
    random = new SplittableRandom(seed);
    return this;
  }

  /** Sends the held events in a random order (shuffled by the webhook seed) and stops holding. */
  public synchronized void release() {
    holding = false;
    List<SandboxData.StoredEvent> batch = new ArrayList<>(held);
    held.clear();
    for (int i = batch.size() - 1; i > 0; i--) {
      Collections.swap(batch, i, random.nextInt(i + 1));
    }
    batch.forEach(this::enqueue);
  }

  /** Sends an event again, as Stripe's "resend" does. */
  public void redeliver(String eventId) {
    for (SandboxData.StoredEvent event : data.allEvents()) {
      if (event.id().equals(eventId)) {
        enqueue(event);
      }
    }
  }

  /**
   * Waits until every queued delivery, retries included, has been attempted. Fails only when no delivery
   * finishes for 60 s (a receiver that hangs), however long a slow machine takes for all of them.
   */
  public void flush() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int left = pending.get();
    while (left > 0) {
      int now = pending.get();
      if (now != left) {
        left = now;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("webhook deliveries stalled: none finished within 60 s, " + left + " pending");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  private synchronized void onEvent(SandboxData.StoredEvent event) {
    if (holding) {
      held.add(event);
    } else {
      enqueue(event);
    }
  }

  private synchronized void enqueue(SandboxData.StoredEvent event) {
    int copies = random.nextDouble() < duplicateRate ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      for (Endpoint endpoint : endpoints) {
        pending.incrementAndGet();
        sender.execute(() -> deliver(event, endpoint, 1));
      }
    }
  }

  private void deliver(SandboxData.StoredEvent event, Endpoint endpoint, int attempt) {
    try {
      String payload = new String(event.json(), StandardCharsets.UTF_8);
      String header = signatureHeader(payload, System.currentTimeMillis() / 1000, endpoint.secrets.toArray(String[]::new));
      int status;
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            .header("Stripe-Signature", header)
            .POST(HttpRequest.BodyPublishers.ofByteArray(event.json()))
            .build();
        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        status = -1;
      }
      deliveries.add(new Delivery(event.id(), endpoint.url, header, status));
      if (status >= 200 && status < 300) {
        succeeded.computeIfAbsent(event.id(), id -> ConcurrentHashMap.newKeySet()).add(endpoint.url);
      } else if (attempt < maxAttempts) {
        pending.incrementAndGet();
        long delay = firstRetryDelay.toMillis() << Math.min(20, attempt - 1);
        sender.schedule(() -> deliver(event, endpoint, attempt + 1), delay, TimeUnit.MILLISECONDS);
      }
    } finally {
      pending.decrementAndGet();
    }
  }

  /** Hex HMAC-SHA256 of {@code "<timestamp>.<payload>"} keyed by {@code secret}: a {@code v1} signature. */
  public static String sign(String payload, String secret, long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** A full {@code Stripe-Signature} header: {@code t=<timestamp>} then one {@code v1=} per secret. */
  public static String signatureHeader(String payload, long timestamp, String... secrets) {
    StringBuilder header = new StringBuilder("t=").append(timestamp);
    for (String secret : secrets) {
      header.append(",v1=").append(sign(payload, secret, timestamp));
    }
    return header.toString();
  }

  @Override
  public void close() {
    sender.shutdownNow();
  }
}
