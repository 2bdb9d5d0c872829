package dev.ferry.sync.source.stripe;

import dev.ferry.sync.source.PushRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]}: each {@code v1} is the hex
 * HMAC-SHA256 of {@code "<t>.<raw body>"} under an endpoint secret; any v1 matching any configured
 * secret passes (secrets rotate), compared in constant time; {@code t} must be within the tolerance
 * (300 s like the official SDKs); a signature already accepted is refused as a replay.
 * Sources: https://docs.stripe.com/webhooks (signatures), api-protocols §1.6.
 */
public final class StripeWebhooks {
  private final List<byte[]> secrets;
  private final Duration tolerance;
  private final Clock clock;
  private final Map<String, Long> accepted = new LinkedHashMap<>();

  public StripeWebhooks(List<String> secrets, Duration tolerance, Clock clock) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("no webhook signing secret configured");
    }
    this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /** The header value Stripe would send for {@code payload} signed with {@code secret} at {@code timestamp}. */
  public static String signatureHeader(String secret, long timestamp, byte[] payload) {
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp, payload));
  }

  /** Accepts the delivery or throws with the reason. */
  public synchronized void verify(String header, byte[] payload) {
    if (header == null || header.isBlank()) {
      throw new PushRejectedException("missing Stripe-Signature header");
    }
    Long timestamp = null;
    List<String> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (key.equals("t")) {
        try {
          timestamp = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new PushRejectedException("malformed Stripe-Signature timestamp");
        }
      } else if (key.equals("v1")) {
        signatures.add(value);
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      throw new PushRejectedException("malformed Stripe-Signature header (needs t= and v1=)");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - timestamp) > tolerance.toSeconds()) {
      throw new PushRejectedException("Stripe-Signature timestamp outside the " + tolerance.toSeconds() + " s tolerance");
    }
    String matched = null;
    for (byte[] secret : secrets) {
      byte[] expected = hmac(secret, timestamp, payload);
      for (String signature : signatures) {
        byte[] given;
        try {
          given = HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          matched = signature;
        }
      }
    }
    if (matched == null) {
      throw new PushRejectedException("no Stripe-Signature v1 matches a configured signing secret");
    }
    forgetOlderThan(now - tolerance.toSeconds() * 2);
    if (accepted.putIfAbsent(timestamp + "." + matched, timestamp) != null) {
      throw new PushRejectedException("replayed delivery (this signature was already accepted)");
    }
  }

  private void forgetOlderThan(long cutoff) {
    Iterator<Map.Entry<String, Long>> entries = accepted.entrySet().iterator();
    while (entries.hasNext() && entries.next().getValue() < cutoff) {
      entries.remove();
    }
  }

  private static byte[] hmac(byte[] secret, long timestamp, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(payload);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
