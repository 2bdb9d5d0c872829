package dev.ferry.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.relations.RelationModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextReportTest {
  private static RelationModel model;
  private static String report;
  private static Map<String, String> sections;

  @BeforeAll
  static void render() {
    model = InspectFixture.model();
    report = TextReport.render(model);
    sections = new LinkedHashMap<>();
    for (String block : report.split("\n(?=== )")) {
      if (block.startsWith("== ")) {
        sections.put(block.substring(3, block.indexOf(' ', 3)), block);
      }
    }
  }

  @Test
  void startsWithTheSchemasAndCounts() {
    assertThat(report)
        .startsWith(
            "Schemas: stripe\n8 tables, 5 references, 1 polymorphic reference, 1 id array, 1 many-to-many, 1 unresolved\n");
  }

  @Test
  void printsOneSectionPerTableInNameOrder() {
    assertThat(sections.keySet())
        .containsExactly(
            "stripe.actor", "stripe.charge", "stripe.customer", "stripe.film", "stripe.film_actor",
            "stripe.payment_method", "stripe.subscription", "stripe.tax_rate");
    assertThat(sections.get("stripe.customer")).startsWith("== stripe.customer (table)\n   A buyer\n   names: customer / customers\n");
  }

  @Test
  void listsColumnsAlignedWithTypeNullabilityDefaultsIdentityAndComments() {
    String customer = sections.get("stripe.customer");
    assertThat(customer)
        .contains(
            "     id       text                         not null  primary key\n"
                + "     email    text                         null      -- Where receipts go\n"
                + "     created  timestamp(3) with time zone  not null  default now()\n");
    String subscription = sections.get("stripe.subscription");
    assertThat(subscription)
        .contains("status                     stripe.status (enum)  not null")
        .contains("seq                        bigint                not null  identity always")
        .contains("\"Odd Name\"                 text                  null      named odd_name");
    // a column the sync keeps but no longer writes: its reason on its line, the rest of its comment after
    assertThat(sections.get("stripe.tax_rate")).contains("     legacy_rate  numeric       null      deprecated: not in stripe API version"
        + " 2026-08-26.dahlia; kept with the values synced before, -- The rate before.\n");
  }

  @Test
  void printsKeysAndIndexes() {
    assertThat(sections.get("stripe.film_actor")).contains("   Primary key: film_actor_pkey (film_id, actor_id)\n");
    assertThat(sections.get("stripe.charge"))
        .contains("   Unique constraints\n     charge_source_key (source_type, source_id)\n");
    assertThat(sections.get("stripe.payment_method"))
        .contains("   Foreign keys\n     payment_method_customer_fkey (customer_id) → stripe.customer (id)\n");
    assertThat(sections.get("stripe.subscription"))
        .contains("     subscription_customer_idx: btree (customer_id) where status <> 'canceled'::stripe.status\n")
        .contains("     subscription_pkey: primary btree (id)\n");
  }

  @Test
  void showsBothDirectionsOfEveryReference() {
    assertThat(sections.get("stripe.subscription"))
        .contains(
            "   References\n"
                + "     customer → stripe.customer (customer_id, evidence: name)\n"
                + "     default_payment_method → stripe.payment_method (default_payment_method_id, evidence: suffix)\n"
                + "     default_tax_rates → stripe.tax_rate[] (default_tax_rates, id array, evidence: name)\n");
    assertThat(sections.get("stripe.customer"))
        .contains(
            "   Referenced by\n"
                + "     payment_methods ← stripe.payment_method.customer_id (evidence: constraint)\n"
                + "     subscriptions ← stripe.subscription.customer_id (evidence: name)\n"
                + "     charges ← stripe.charge.source_id (polymorphic: source_type = Customer, evidence: name)\n");
    assertThat(sections.get("stripe.payment_method"))
        .contains("subscriptions_as_default_payment_method ← stripe.subscription.default_payment_method_id (evidence: suffix)");
    assertThat(sections.get("stripe.tax_rate"))
        .contains("     subscriptions_as_default_tax_rates ← stripe.subscription.default_tax_rates (id array, evidence: name)\n");
  }

  @Test
  void showsPolymorphicReferencesManyToManyAndUnresolvedColumns() {
    assertThat(sections.get("stripe.charge"))
        .contains(
            "source → polymorphic by source_type + source_id: Customer → stripe.customer,"
                + " PaymentMethod → stripe.payment_method (evidence: name)")
        .contains(
            "   Unresolved\n     invoice_id: no table named invoice or invoices"
                + " (candidates: archive.invoice, billing.invoices)\n");
    assertThat(sections.get("stripe.film")).contains("   Many-to-many\n     actors ↔ stripe.actor (through stripe.film_actor)\n");
    assertThat(sections.get("stripe.actor")).contains("   Many-to-many\n     films ↔ stripe.film (through stripe.film_actor)\n");
  }

  @Test
  void endsWithTheEnumTypesAndTheirLabels() {
    assertThat(report).endsWith("\nEnum types\n  stripe.status: active, past_due, canceled\n");
  }

  @Test
  void hasNoTrailingBlanks() {
    assertThat(Arrays.stream(report.split("\n"))).noneMatch(line -> line.endsWith(" "));
  }
}
