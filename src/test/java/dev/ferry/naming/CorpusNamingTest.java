package dev.ferry.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.read.ReadRequest;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The accuracy corpus (Stripe-shaped, DVD rental, Rails-style, prefixed, self and double references,
 * Chinook's PascalCase), read from real Postgres through the read side and named in every language:
 * the same invariants as the hostile names, and the names docs/naming.md promises for Stripe.
 */
class CorpusNamingTest {
  private static final Map<String, ReadRequest> CORPORA = new LinkedHashMap<>();

  static {
    CORPORA.put("stripe", ReadRequest.of("stripe"));
    CORPORA.put("dvdrental", ReadRequest.of("public"));
    CORPORA.put("rails", ReadRequest.of("public"));
    CORPORA.put("prefixed", new ReadRequest(List.of("public"), "stripe_", false, Optional.empty()));
    CORPORA.put("selfref", ReadRequest.of("public"));
    CORPORA.put("chinook", ReadRequest.of("public"));
  }

  private static final Map<String, RelationModel> MODELS = new LinkedHashMap<>();

  @BeforeAll
  static void readCorpora() throws Exception {
    for (Map.Entry<String, ReadRequest> corpus : CORPORA.entrySet()) {
      String url = TestPostgres.newDatabase("naming_" + corpus.getKey());
      TestPostgres.execute(url, sql(corpus.getKey()));
      try (Connection connection = Database.of(url).connect()) {
        MODELS.put(corpus.getKey(), ReadSide.load(connection, corpus.getValue()));
      }
    }
  }

  static Stream<Arguments> corpusAndLanguage() {
    return CORPORA.keySet().stream()
        .flatMap(corpus -> NamingInvariants.languages().map(a -> Arguments.of(corpus, a.get()[0], a.get()[1])));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("corpusAndLanguage")
  void everyCorpusIsNamedValidlyInEveryLanguage(String corpus, String language, NamingInvariants.Rules rules) {
    NamedModel named = NamingInvariants.check(MODELS.get(corpus), rules);
    assertThat(named.entities()).isNotEmpty();
  }

  @Test
  void stripeReadsTheWayDocsPromise() {
    RelationModel stripe = MODELS.get("stripe");
    Reference customer = reference(stripe, "subscription", "customer_id");
    assertThat(customer.forward().words()).isEqualTo("customer");
    assertThat(customer.back().words()).isEqualTo("subscriptions");
    Reference defaultMethod = reference(stripe, "subscription", "default_payment_method_id");
    assertThat(defaultMethod.forward().words()).isEqualTo("default_payment_method");
    // subscription's only reference to payment_method
    assertThat(defaultMethod.back().words()).isEqualTo("subscriptions");
    assertThat(defaultMethod.label().words()).isEqualTo("subscription_default_payment_method");

    NamedModel prisma = Naming.localize(stripe, Languages.PRISMA);
    NamedEntity subscription = prisma.entities().stream().filter(e -> e.entity().name().name().equals("subscription")).findFirst().orElseThrow();
    assertThat(subscription.typeName().value()).isEqualTo("Subscription");
    assertThat(subscription.associations()).extracting(a -> a.name().value()).contains("customer", "defaultPaymentMethod", "latestInvoice");
  }

  @Test
  void aPrefixedTableIsNamedWithoutItsPrefix() {
    RelationModel prefixed = MODELS.get("prefixed");
    assertThat(prefixed.entities()).extracting(e -> e.singular().words()).contains("customer", "subscription");
    NamedModel keep = Naming.localize(prefixed, Languages.databaseNaming(Languages.PRISMA));
    assertThat(keep.entities()).extracting(e -> e.typeName().value()).contains("stripe_customer");
  }

  private static Reference reference(RelationModel model, String from, String column) {
    return model.references().stream()
        .filter(r -> r.from().name().equals(from) && r.columns().equals(List.of(column)))
        .findFirst().orElseThrow();
  }

  private static String sql(String corpus) throws IOException {
    try (InputStream in = CorpusNamingTest.class.getResourceAsStream("/corpus/" + corpus + "/schema.sql")) {
      return new String(Optional.ofNullable(in).orElseThrow(() -> new IllegalStateException("missing corpus " + corpus)).readAllBytes(),
          StandardCharsets.UTF_8);
    }
  }
}
