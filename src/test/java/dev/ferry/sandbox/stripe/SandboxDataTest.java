package dev.ferry.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxDataTest {

  /** References to objects that must exist first (back-references such as latest_invoice may be newer). */
  private static final java.util.Set<String> FORWARD_REFERENCES = java.util.Set.of(
      "subscription.customer", "subscription.on_behalf_of", "invoice.customer", "invoice.subscription",
      "charge.customer", "charge.payment_intent", "charge.invoice", "payment_intent.customer", "payment_intent.invoice",
      "refund.charge", "dispute.charge", "setup_intent.customer", "checkout_session.customer", "payment_method.customer",
      "invoiceitem.customer", "invoiceitem.invoice", "price.product");

  private static List<ObjectType> storedTypes() {
    List<ObjectType> types = new ArrayList<>();
    for (ObjectType type : ObjectType.values()) {
      if (type.listPath() != null && type != ObjectType.EVENT) {
        types.add(type);
      }
    }
    return types;
  }

  @Test
  void the_same_seed_generates_the_same_account_and_another_seed_a_different_one() {
    SandboxData a = SandboxData.generate(77, 1500);
    SandboxData b = SandboxData.generate(77, 1500);
    SandboxData c = SandboxData.generate(78, 1500);
    for (ObjectType type : storedTypes()) {
      assertThat(a.liveObjects(type)).as(type.typeName()).isEqualTo(b.liveObjects(type));
    }
    assertThat(a.liveIds(ObjectType.CUSTOMER)).isNotEqualTo(c.liveIds(ObjectType.CUSTOMER));
    List<String> eventsA = new ArrayList<>();
    List<String> eventsB = new ArrayList<>();
    a.mutate(5, 100);
    b.mutate(5, 100);
    a.allEvents().forEach(e -> eventsA.add(new String(e.json())));
    b.allEvents().forEach(e -> eventsB.add(new String(e.json())));
    assertThat(eventsA).isEqualTo(eventsB);
  }

  @Test
  void size_is_roughly_the_number_of_objects_asked_for() {
    for (int size : new int[] {50, 1000, 20_000}) {
      long total = SandboxData.generate(1, size).totalObjects();
      assertThat(total).as("size " + size).isBetween((long) (size * 0.7), (long) (size * 1.4) + 60);
    }
  }

  @Test
  void every_expandable_reference_points_at_an_existing_older_object_before_and_after_mutation() {
    SandboxData data = SandboxData.generate(31, 4000);
    assertReferencesResolve(data, true);
    data.mutate(32, 300);
    assertReferencesResolve(data, false);
  }

  private static void assertReferencesResolve(SandboxData data, boolean checkTimes) {
    int checked = 0;
    for (ObjectType type : storedTypes()) {
      for (ObjectNode object : data.liveObjects(type)) {
        for (String path : type.expandable()) {
          JsonNode value = object;
          for (String segment : path.split("\\.")) {
            value = value.path(segment);
          }
          List<String> ids = new ArrayList<>();
          if (value.isTextual()) {
            ids.add(value.asText());
          } else if (value.isArray()) {
            value.forEach(v -> ids.add(v.asText()));
          }
          for (String id : ids) {
            if (path.equals("destination")) {
              assertThat(id).startsWith("ba_");
              continue;
            }
            ObjectNode target = data.resolve(id);
            assertThat(target).as(type.typeName() + "." + path + " → " + id).isNotNull();
            checked++;
            if (checkTimes && FORWARD_REFERENCES.contains(type.typeName() + "." + path)) {
              long own = object.has("created") ? object.path("created").asLong() : object.path("date").asLong();
              assertThat(target.path("created").asLong()).as(type.typeName() + "." + path).isLessThanOrEqualTo(own);
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void related_objects_agree_with_each_other() {
    SandboxData data = SandboxData.generate(41, 3000);
    for (ObjectNode invoice : data.liveObjects(ObjectType.INVOICE)) {
      String id = invoice.path("id").asText();
      long total = 0;
      for (JsonNode line : invoice.path("lines").path("data")) {
        assertThat(line.path("invoice").asText()).isEqualTo(id);
        total += line.path("amount").asLong();
      }
      if (!invoice.path("lines").path("has_more").asBoolean()) {
        assertThat(invoice.path("total").asLong()).isEqualTo(total);
      }
      // API version basil and later: the subscription sits in the invoice's parent
      JsonNode subscription = invoice.path("parent").path("subscription_details").path("subscription");
      if (subscription.isTextual()) {
        ObjectNode sub = data.resolve(subscription.asText());
        assertThat(sub.path("customer").asText()).isEqualTo(invoice.path("customer").asText());
      }
    }
    int payments = 0;
    for (ObjectNode payment : data.invoicePayments()) {
      payments++;
      ObjectNode invoice = data.resolve(payment.path("invoice").asText());
      ObjectNode intent = data.resolve(payment.path("payment").path("payment_intent").asText());
      assertThat(intent.path("customer").asText()).isEqualTo(invoice.path("customer").asText());
      assertThat(intent.path("amount").asLong()).isEqualTo(invoice.path("total").asLong());
      assertThat(payment.path("amount_requested").asLong()).isEqualTo(invoice.path("amount_due").asLong());
    }
    assertThat(payments).isPositive();
    for (ObjectNode txn : data.liveObjects(ObjectType.BALANCE_TRANSACTION)) {
      ObjectNode source = data.resolve(txn.path("source").asText());
      assertThat(source.path("balance_transaction").asText()).isEqualTo(txn.path("id").asText());
    }
    for (ObjectNode sub : data.liveObjects(ObjectType.SUBSCRIPTION)) {
      for (JsonNode item : sub.path("items").path("data")) {
        assertThat(item.path("subscription").asText()).isEqualTo(sub.path("id").asText());
        assertThat(data.resolve(item.path("price").path("id").asText())).isNotNull();
      }
    }
  }

  @Test
  void discounts_live_on_customers_and_subscriptions_and_invoices_list_their_ids() {
    SandboxData data = SandboxData.generate(51, 5000);
    int customerDiscounts = 0;
    for (ObjectNode customer : data.liveObjects(ObjectType.CUSTOMER)) {
      JsonNode discount = customer.path("discount");
      if (discount.isObject()) {
        customerDiscounts++;
        assertThat(discount.path("id").asText()).startsWith("di_");
        assertThat(discount.path("customer").asText()).isEqualTo(customer.path("id").asText());
        assertThat(discount.path("source").path("type").asText()).isEqualTo("coupon");
        assertThat(discount.path("source").path("coupon").asText()).isNotEmpty();
        assertThat(data.resolve(discount.path("id").asText())).isEqualTo(discount);
      }
    }
    assertThat(customerDiscounts).isPositive();
    int subscriptionDiscounts = 0;
    for (ObjectNode sub : data.liveObjects(ObjectType.SUBSCRIPTION)) {
      // API version basil and later: a subscription lists its discounts by id only
      assertThat(sub.has("discount")).isFalse();
      for (JsonNode id : sub.path("discounts")) {
        subscriptionDiscounts++;
        assertThat(data.resolve(id.asText()).path("object").asText()).isEqualTo("discount");
      }
    }
    assertThat(subscriptionDiscounts).isPositive();
  }

  @Test
  void a_field_added_at_runtime_appears_on_every_object_of_that_type() throws Exception {
    SandboxData data = SandboxData.generate(61, 500);
    data.addField(ObjectType.CUSTOMER, "loyalty_tier", id -> new TextNode("tier-" + id.length()));
    for (ObjectNode customer : data.liveObjects(ObjectType.CUSTOMER)) {
      assertThat(customer.path("loyalty_tier").asText()).startsWith("tier-");
    }
    data.mutate(62, 30);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      JsonNode page = new SandboxClient(sandbox).ok("/v1/customers?limit=100");
      page.path("data").forEach(c -> assertThat(c.has("loyalty_tier")).isTrue());
    }
    assertThat(data.liveObjects(ObjectType.SUBSCRIPTION)).allMatch(s -> !s.has("loyalty_tier"));
  }

  @Test
  void a_million_objects_generate_and_serve_pages_from_both_ends() throws Exception {
    SandboxData data = SandboxData.generate(1, 1_000_000);
    assertThat(data.totalObjects()).isGreaterThan(700_000);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      SandboxClient client = new SandboxClient(sandbox);
      JsonNode newest = client.ok("/v1/charges?limit=100");
      assertThat(newest.path("data")).hasSize(100);
      String last = newest.path("data").get(99).path("id").asText();
      JsonNode next = client.ok("/v1/charges?limit=100&starting_after=" + last);
      assertThat(next.path("data").get(0).path("created").asLong()).isLessThanOrEqualTo(newest.path("data").get(99).path("created").asLong());
      JsonNode oldest = client.ok("/v1/customers?limit=5&created[lte]=" + (data.clock().getEpochSecond() - 680L * 86400));
      assertThat(oldest.path("data").size()).isPositive();
    }
  }
}
