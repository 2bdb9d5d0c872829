package dev.ferry.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.relations.RelationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsonReportTest {
  private static RelationModel model;
  private static String json;
  private static JsonNode root;

  @BeforeAll
  static void render() throws Exception {
    model = InspectFixture.model();
    json = JsonReport.render(model);
    root = new ObjectMapper().readTree(json);
  }

  private static JsonNode table(String name) {
    return stream(root.get("tables")).filter(t -> t.get("name").asText().equals(name)).findFirst().orElseThrow();
  }

  private static JsonNode column(String table, String name) {
    return stream(table(table).get("columns")).filter(c -> c.get("name").asText().equals(name)).findFirst().orElseThrow();
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  private static List<String> texts(JsonNode array) {
    return stream(array).map(JsonNode::asText).toList();
  }

  @Test
  void declaresItsFormatAndTheSelection() {
    assertThat(root.get("format").asText()).isEqualTo("ferry.inspect/1");
    assertThat(texts(root.get("schemas"))).containsExactly("stripe");
    assertThat(root.get("tablePrefix").asText()).isEmpty();
    assertThat(root.get("sampling").asText()).isEqualTo("off");
  }

  @Test
  void sortsEveryObjectsKeysAndRendersTheSameBytesTwice() {
    assertSortedKeys(root);
    assertThat(JsonReport.render(model)).isEqualTo(json);
  }

  private static void assertSortedKeys(JsonNode node) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).isSorted();
      node.forEach(JsonReportTest::assertSortedKeys);
    } else if (node.isArray()) {
      node.forEach(JsonReportTest::assertSortedKeys);
    }
  }

  @Test
  void listsTablesInNameOrderWithKindCommentAndNames() {
    assertThat(stream(root.get("tables")).map(t -> t.get("name").asText()))
        .containsExactly("actor", "charge", "customer", "film", "film_actor", "payment_method", "subscription", "tax_rate");
    JsonNode customer = table("customer");
    assertThat(customer.get("schema").asText()).isEqualTo("stripe");
    assertThat(customer.get("kind").asText()).isEqualTo("table");
    assertThat(customer.get("comment").asText()).isEqualTo("A buyer");
    assertThat(customer.get("singular").get("words").asText()).isEqualTo("customer");
    assertThat(customer.get("plural").get("words").asText()).isEqualTo("customers");
    assertThat(table("actor").get("comment").isNull()).isTrue();
  }

  @Test
  void describesColumnsWithTheirFullType() {
    JsonNode created = column("customer", "created");
    assertThat(created.get("position").asInt()).isEqualTo(3);
    assertThat(created.get("nullable").asBoolean()).isFalse();
    assertThat(created.get("default").asText()).isEqualTo("now()");
    assertThat(created.get("identity").asText()).isEqualTo("none");
    assertThat(created.get("generated").isNull()).isTrue();
    assertThat(created.get("abstractType").asText()).isEqualTo("timestamptz");
    assertThat(created.get("type").get("sql").asText()).isEqualTo("timestamp(3) with time zone");
    assertThat(created.get("type").get("precision").asInt()).isEqualTo(3);
    assertThat(created.get("type").get("length").isNull()).isTrue();

    JsonNode rates = column("subscription", "default_tax_rates").get("type");
    assertThat(rates.get("kind").asText()).isEqualTo("array");
    assertThat(rates.get("element").get("name").asText()).isEqualTo("text");

    JsonNode status = column("subscription", "status").get("type");
    assertThat(status.get("kind").asText()).isEqualTo("enum");
    assertThat(texts(status.get("enumLabels"))).containsExactly("active", "past_due", "canceled");

    assertThat(column("subscription", "seq").get("identity").asText()).isEqualTo("always");
    assertThat(column("customer", "email").get("comment").asText()).isEqualTo("Where receipts go");
    assertThat(column("customer", "email").get("deprecated").isNull()).isTrue();
    assertThat(column("tax_rate", "legacy_rate").get("deprecated").asText())
        .isEqualTo("not in stripe API version 2026-08-26.dahlia; kept with the values synced before");
    assertThat(column("customer", "id").get("primaryKey").asBoolean()).isTrue();
    JsonNode odd = column("subscription", "Odd Name").get("attribute");
    assertThat(odd.get("words").asText()).isEqualTo("odd_name");
    assertThat(texts(odd.get("reasons"))).containsExactly("snake_case");
  }

  @Test
  void describesKeysAndIndexes() {
    assertThat(texts(table("film_actor").get("primaryKey").get("columns"))).containsExactly("film_id", "actor_id");
    JsonNode fk = table("payment_method").get("foreignKeys").get(0);
    assertThat(fk.get("name").asText()).isEqualTo("payment_method_customer_fkey");
    assertThat(fk.get("target").get("name").asText()).isEqualTo("customer");
    assertThat(texts(fk.get("targetColumns"))).containsExactly("id");
    assertThat(table("charge").get("uniqueConstraints").get(0).get("name").asText()).isEqualTo("charge_source_key");
    JsonNode partial = table("subscription").get("indexes").get(0);
    assertThat(partial.get("predicate").asText()).isEqualTo("status <> 'canceled'::stripe.status");
    assertThat(partial.get("method").asText()).isEqualTo("btree");
    assertThat(partial.get("definition").asText()).startsWith("CREATE INDEX subscription_customer_idx ON stripe.subscription");
  }

  @Test
  void listsReferencesSortedByTableAndColumnWithEvidenceAndBothNames() {
    assertThat(stream(root.get("references")).map(r -> r.get("from").get("name").asText() + "." + r.get("columns").get(0).asText()))
        .containsExactly(
            "film_actor.actor_id", "film_actor.film_id", "payment_method.customer_id",
            "subscription.customer_id", "subscription.default_payment_method_id");
    JsonNode customer = root.get("references").get(3);
    assertThat(customer.get("to").get("name").asText()).isEqualTo("customer");
    assertThat(texts(customer.get("targetColumns"))).containsExactly("id");
    assertThat(customer.get("evidence").asText()).isEqualTo("name");
    assertThat(customer.get("forward").get("words").asText()).isEqualTo("customer");
    assertThat(customer.get("back").get("words").asText()).isEqualTo("subscriptions");
    assertThat(customer.get("oneToOne").asBoolean()).isFalse();
    assertThat(customer.get("detail").asText()).isNotEmpty();
  }

  @Test
  void listsPolymorphicReferencesIdArraysManyToManyAndUnresolvedColumns() {
    JsonNode source = root.get("polymorphicReferences").get(0);
    assertThat(source.get("typeColumn").asText()).isEqualTo("source_type");
    assertThat(source.get("idColumn").asText()).isEqualTo("source_id");
    assertThat(stream(source.get("targets")).map(t -> t.get("selector").asText() + "=" + t.get("table").get("name").asText()))
        .containsExactly("Customer=customer", "PaymentMethod=payment_method");
    assertThat(source.get("targets").get(0).get("back").get("words").asText()).isEqualTo("charges");
    assertThat(source.get("targets").get(1).get("back").isNull()).isTrue();

    JsonNode rates = root.get("idArrays").get(0);
    assertThat(rates.get("column").asText()).isEqualTo("default_tax_rates");
    assertThat(rates.get("target").get("name").asText()).isEqualTo("tax_rate");
    assertThat(rates.get("name").get("words").asText()).isEqualTo("default_tax_rates");
    assertThat(rates.get("back").get("words").asText()).isEqualTo("subscriptions_as_default_tax_rates");
    assertThat(texts(rates.get("back").get("reasons"))).singleElement().asString().contains("role 'default_tax_rates'");

    JsonNode join = root.get("manyToMany").get(0);
    assertThat(join.get("joinTable").get("name").asText()).isEqualTo("film_actor");
    assertThat(join.get("left").get("to").get("name").asText()).isEqualTo("film");
    assertThat(join.get("leftName").get("words").asText()).isEqualTo("actors");
    assertThat(join.get("rightName").get("words").asText()).isEqualTo("films");

    JsonNode invoice = root.get("unresolved").get(0);
    assertThat(invoice.get("column").asText()).isEqualTo("invoice_id");
    assertThat(invoice.get("reason").asText()).isEqualTo("no table named invoice or invoices");
    assertThat(stream(invoice.get("candidates")).map(c -> c.get("schema").asText())).containsExactly("archive", "billing");
  }

  @Test
  void listsTheEnumTypesInUse() {
    assertThat(root.get("enums")).hasSize(1);
    assertThat(texts(root.get("enums").get(0).get("enumLabels"))).containsExactly("active", "past_due", "canceled");
  }
}
