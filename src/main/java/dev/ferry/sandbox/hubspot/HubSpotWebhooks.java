package dev.ferry.sandbox.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook delivery as a HubSpot app does it: each account event is POSTed, as a JSON array, to the
 * registered target URL with {@code X-HubSpot-Signature-v3} = base64(HMAC-SHA256(client secret,
 * method + URI + body + timestamp)) and {@code X-HubSpot-Request-Timestamp} in milliseconds.
 * Deliveries run on one thread, in event order, unless {@link #concurrency} allows more at once, as
 * HubSpot's app settings do (its default is 10 concurrent requests).
 */
public final class HubSpotWebhooks implements AutoCloseable {
  public static final long APP_ID = 3141592;

  /** One delivery and the status the endpoint answered (-1 when unreachable). */
  public record Delivery(long eventId, String subscriptionType, int status) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private volatile ExecutorService sender = sender(1);
  /** Deliveries handed to the sender and not finished yet. */
  private int pending;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final AtomicLong eventIds = new AtomicLong(100);
  private volatile String targetUrl;
  private volatile String clientSecret;

  HubSpotWebhooks(HubSpotAccount account) {
    account.addListener(this::onEvent);
  }

  /** Sends every event from now on to {@code url}, signed with the app's {@code clientSecret}. */
  public void register(String url, String clientSecret) {
    this.clientSecret = clientSecret;
    this.targetUrl = url;
  }

  /** Up to {@code requests} deliveries in flight at once (1, the default, keeps event order). */
  public synchronized HubSpotWebhooks concurrency(int requests) {
    ExecutorService before = sender;
    sender = sender(requests);
    before.shutdown();
    return this;
  }

  private static ExecutorService sender(int threads) {
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "hubspot-sandbox-webhooks");
      t.setDaemon(true);
      return t;
    });
  }

  /** Waits until every event so far has been delivered (or its delivery has failed). */
  public synchronized void flush() {
    try {
      while (pending > 0) {
        wait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void finished() {
    pending--;
    notifyAll();
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  private void onEvent(HubSpotAccount.Event event) {
    String url = targetUrl;
    if (url == null) {
      return;
    }
    long eventId = eventIds.incrementAndGet();
    ArrayNode body = JSON.createArrayNode();
    ObjectNode node = body.addObject();
    node.put("eventId", eventId);
    node.put("subscriptionId", 4000 + Math.abs(event.subscriptionType().hashCode() % 1000));
    node.put("portalId", HubSpotAccount.PORTAL_ID);
    node.put("appId", APP_ID);
    node.put("occurredAt", event.occurredAt().toEpochMilli());
    node.put("subscriptionType", event.subscriptionType());
    node.put("attemptNumber", 0);
    node.put("objectId", Long.parseLong(event.objectId()));
    node.put("changeSource", "CRM_UI");
    for (Map.Entry<String, Object> extra : event.extra().entrySet()) {
      node.set(extra.getKey(), JSON.valueToTree(extra.getValue()));
    }
    String secret = clientSecret;
    synchronized (this) {
      pending++;
      try {
        sender.execute(() -> {
          try {
            deliver(url, secret, eventId, event.subscriptionType(), body.toString());
          } finally {
            finished();
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        pending--;
      }
    }
  }

  private void deliver(String url, String secret, long eventId, String type, String body) {
    String timestamp = String.valueOf(System.currentTimeMillis());
    int status;
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header("X-HubSpot-Signature-v3", signatureV3(secret, "POST", url, body, timestamp))
          .header("X-HubSpot-Request-Timestamp", timestamp)
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      status = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    deliveries.add(new Delivery(eventId, type, status));
  }

  /** HubSpot's v3 signature: the URI URL-decoded, then method + URI + body + timestamp, HMAC-SHA256, base64. */
  public static String signatureV3(String secret, String method, String uri, String body, String timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String message = method + URLDecoder.decode(uri, StandardCharsets.UTF_8) + body + timestamp;
      return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public void close() {
    sender.shutdownNow();
  }
}
