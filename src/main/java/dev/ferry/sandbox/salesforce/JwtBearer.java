package dev.ferry.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks an OAuth 2.0 JWT bearer assertion as Salesforce does: an RS256 signature by the connected
 * app's certificate key, {@code iss} the app's consumer key, {@code sub} the user, an {@code aud}
 * and an {@code exp} still ahead. Failures answer {@code invalid_grant} or {@code invalid_client_id}.
 */
final class JwtBearer {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JwtBearer() {}

  static void verify(String assertion, PublicKey key, String clientId, String username, Instant now) {
    if (assertion == null || key == null) {
      throw SalesforceError.oauth(400, "invalid_grant", "invalid assertion");
    }
    String[] parts = assertion.split("\\.");
    if (parts.length != 3) {
      throw SalesforceError.oauth(400, "invalid_grant", "invalid assertion");
    }
    try {
      JsonNode header = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!header.path("alg").asText().equals("RS256")) {
        throw SalesforceError.oauth(400, "invalid_grant", "invalid assertion");
      }
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key);
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        throw SalesforceError.oauth(400, "invalid_grant", "invalid assertion");
      }
      if (!claims.path("iss").asText().equals(clientId)) {
        throw SalesforceError.oauth(400, "invalid_client_id", "client identifier invalid");
      }
      if (!claims.path("sub").asText().equals(username)) {
        throw SalesforceError.oauth(400, "invalid_grant", "user hasn't approved this consumer");
      }
      if (claims.path("aud").asText().isEmpty()) {
        throw SalesforceError.oauth(400, "invalid_grant", "audience is invalid");
      }
      if (claims.path("exp").asLong(0) <= now.getEpochSecond()) {
        throw SalesforceError.oauth(400, "invalid_grant", "expired authorization code");
      }
    } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
      throw SalesforceError.oauth(400, "invalid_grant", "invalid assertion");
    }
  }
}
