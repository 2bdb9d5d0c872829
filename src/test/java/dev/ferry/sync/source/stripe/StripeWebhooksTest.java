package dev.ferry.sync.source.stripe;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.sync.source.PushRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripeWebhooksTest {
  private static final long NOW = 1_760_000_000L;
  private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"customer.updated\"}".getBytes(StandardCharsets.UTF_8);
  private final StripeWebhooks webhooks =
      new StripeWebhooks(List.of("whsec_old", "whsec_new"), Duration.ofSeconds(300), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

  @Test
  void acceptsASignatureFromAnyConfiguredSecretAmongSeveralV1Values() {
    String fromNew = StripeWebhooks.signatureHeader("whsec_new", NOW - 10, BODY);
    String header = "t=" + (NOW - 10) + ",v1=" + "ab".repeat(32) + ",v0=ignored," + fromNew.substring(fromNew.indexOf("v1="));
    assertThatCode(() -> webhooks.verify(header, BODY)).doesNotThrowAnyException();
  }

  @Test
  void rejectsABadSignatureOrATamperedBody() {
    assertThatThrownBy(() -> webhooks.verify(StripeWebhooks.signatureHeader("whsec_other", NOW, BODY), BODY))
        .isInstanceOf(PushRejectedException.class).hasMessageContaining("no Stripe-Signature v1 matches");
    String good = StripeWebhooks.signatureHeader("whsec_old", NOW, BODY);
    assertThatThrownBy(() -> webhooks.verify(good, "{\"id\":\"evt_2\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PushRejectedException.class);
  }

  @Test
  void rejectsATimestampOutsideTheToleranceEitherWay() {
    assertThatThrownBy(() -> webhooks.verify(StripeWebhooks.signatureHeader("whsec_old", NOW - 301, BODY), BODY))
        .isInstanceOf(PushRejectedException.class).hasMessageContaining("tolerance");
    assertThatThrownBy(() -> webhooks.verify(StripeWebhooks.signatureHeader("whsec_old", NOW + 301, BODY), BODY))
        .isInstanceOf(PushRejectedException.class).hasMessageContaining("tolerance");
  }

  @Test
  void rejectsAReplayOfAnAcceptedDelivery() {
    String header = StripeWebhooks.signatureHeader("whsec_old", NOW, BODY);
    webhooks.verify(header, BODY);
    assertThatThrownBy(() -> webhooks.verify(header, BODY)).isInstanceOf(PushRejectedException.class).hasMessageContaining("replayed");
  }

  @Test
  void rejectsMissingAndMalformedHeaders() {
    assertThatThrownBy(() -> webhooks.verify(null, BODY)).hasMessageContaining("missing");
    assertThatThrownBy(() -> webhooks.verify("v1=abc", BODY)).hasMessageContaining("malformed");
    assertThatThrownBy(() -> webhooks.verify("t=abc,v1=00", BODY)).hasMessageContaining("malformed");
    assertThatThrownBy(() -> webhooks.verify("t=" + NOW + ",v1=not-hex", BODY)).hasMessageContaining("no Stripe-Signature v1 matches");
  }
}
