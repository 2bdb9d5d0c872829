package dev.ferry.vendor.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed Stripe definition equals what Stripe's own spec of the pinned version says. To
 * re-derive after changing the rules or the version: {@code mvn -Dtest=StripeDefinitionsTest -Dferry.rederive=true test}.
 */
class StripeDefinitionsTest {
  @Test
  void committedDefinitionEqualsTheOneDerivedFromStripesSpec() throws Exception {
    JsonNode derived = new StripeSpecDerivation(StripeSpecDerivation.readSpec()).derive();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    if (Boolean.getBoolean("ferry.rederive")) {
      Path resource = Path.of("src/main/resources" + StripeApi.RESOURCE);
      Files.writeString(resource, json.writeValueAsString(derived) + "\n");
    }
    JsonNode committed;
    try (InputStream in = StripeApi.class.getResourceAsStream(StripeApi.RESOURCE)) {
      committed = json.readTree(in);
    }
    assertThat(json.writeValueAsString(committed)).isEqualTo(json.writeValueAsString(derived));
    assertThat(StripeApi.types().keySet()).containsExactlyElementsOf(StripeSpecDerivation.SYNCED.keySet());
  }
}
