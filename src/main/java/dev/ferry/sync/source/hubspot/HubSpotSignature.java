package dev.ferry.sync.source.hubspot;

import dev.ferry.sync.source.PushRejectedException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's request signature v3: {@code X-HubSpot-Signature-v3} is base64(HMAC-SHA256(app client
 * secret, method + URI + body + timestamp)) with the URI URL-decoded, and
 * {@code X-HubSpot-Request-Timestamp} (ms) must be within the tolerance (HubSpot: 5 minutes).
 */
final class HubSpotSignature {
  private final List<String> secrets;
  private final Duration tolerance;
  private final Clock clock;

  HubSpotSignature(List<String> secrets, Duration tolerance, Clock clock) {
    this.secrets = List.copyOf(secrets);
    this.tolerance = tolerance.isZero() ? Duration.ofMinutes(5) : tolerance;
    this.clock = clock;
  }

  /**
   * Verifies a delivery to {@code host} + {@code target} (raw path and query). HubSpot signs the URL
   * it was given, https in production; behind a TLS-terminating proxy the server sees plain http, so
   * both schemes are tried (the secret is what authenticates).
   */
  void verify(String signature, String timestamp, String host, String target, byte[] body) {
    if (signature == null || timestamp == null) {
      throw new PushRejectedException("missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp header");
    }
    long sentAt;
    try {
      sentAt = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new PushRejectedException("X-HubSpot-Request-Timestamp is not a number of milliseconds");
    }
    if (Math.abs(clock.millis() - sentAt) > tolerance.toMillis()) {
      throw new PushRejectedException("delivery timestamp is more than " + tolerance.toSeconds() + " s away from now");
    }
    byte[] expected;
    try {
      expected = Base64.getDecoder().decode(signature.trim());
    } catch (IllegalArgumentException e) {
      throw new PushRejectedException("X-HubSpot-Signature-v3 is not base64");
    }
    String uri = URLDecoder.decode(target, StandardCharsets.UTF_8);
    String text = new String(body, StandardCharsets.UTF_8);
    for (String secret : secrets) {
      for (String scheme : List.of("https://", "http://")) {
        if (MessageDigest.isEqual(expected, hmac(secret, "POST" + scheme + host + uri + text + timestamp.trim()))) {
          return;
        }
      }
    }
    throw new PushRejectedException("X-HubSpot-Signature-v3 does not match any configured client secret");
  }

  private static byte[] hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
