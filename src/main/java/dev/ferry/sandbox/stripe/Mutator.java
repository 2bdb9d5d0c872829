package dev.ferry.sandbox.stripe;

import static dev.ferry.sandbox.stripe.ObjectType.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random creates, updates and deletes, each emitting the events Stripe emits for it, in order, with
 * the sandbox clock advancing 0 or 1 second between operations (so several events share a second).
 * New objects start from a generated object of the same type and get fresh ids, times and references.
 */
final class Mutator {
  private final SandboxData data;
  private final Renderer renderer;
  private final SplittableRandom random;
  private final List<String> emitted = new ArrayList<>();
  private int changes;

  Mutator(SandboxData data, long seed) {
    this.data = data;
    this.renderer = data.renderer();
    this.random = new SplittableRandom(Hash.mix(seed, data.seed()));
  }

  List<String> run(int n) {
    for (int i = 0; i < n; i++) {
      data.tick(random.nextInt(2));
      int roll = random.nextInt(100);
      if (roll < 14) {
        createCustomer();
      } else if (roll < 34) {
        updateCustomer();
      } else if (roll < 40) {
        deleteCustomer();
      } else if (roll < 44) {
        deleteCustomer(createCustomer());
      } else if (roll < 54) {
        createSubscription();
      } else if (roll < 68) {
        updateSubscription();
      } else if (roll < 73) {
        cancelSubscription();
      } else if (roll < 79) {
        createInvoiceItem();
      } else if (roll < 82) {
        deletePendingInvoiceItem();
      } else if (roll < 86) {
        updateProduct();
      } else if (roll < 89) {
        createProduct();
      } else if (roll < 91) {
        createCoupon();
      } else if (roll < 92) {
        deleteCoupon();
      } else if (roll < 96) {
        refundCharge();
      } else {
        addCustomerDiscount();
      }
    }
    return emitted;
  }

  // ---- picking

  private int pickLive(ObjectType type) {
    Table table = data.table(type);
    if (table.size == 0) {
      return -1;
    }
    // Half the time prefer objects the mutator made, so recent objects get updated and deleted too.
    if (table.size > table.generated && random.nextBoolean()) {
      for (int attempt = 0; attempt < 10; attempt++) {
        int index = table.generated + random.nextInt(table.size - table.generated);
        if (table.live(index)) {
          return index;
        }
      }
    }
    for (int attempt = 0; attempt < 50; attempt++) {
      int index = random.nextInt(table.size);
      if (table.live(index)) {
        return index;
      }
    }
    return -1;
  }

  private int pickGenerated(ObjectType type) {
    Table table = data.table(type);
    return table.generated == 0 ? -1 : random.nextInt(table.generated);
  }

  private void emit(String type, ObjectType objectType, int index, ObjectNode previous) {
    emitted.add(data.emit(type, data.render(objectType, index), previous));
  }

  private String id(ObjectType type, int index) {
    return data.id(type, index);
  }

  private long now() {
    return data.clockSeconds();
  }

  // ---- customers

  private int createCustomer() {
    int template = pickGenerated(CUSTOMER);
    int person = random.nextInt(1_000_000);
    ObjectNode customer = newCustomer(template);
    customer.put("email", renderer.email(person).replace("@", ".new@"));
    customer.put("name", renderer.personName(person));
    int c = data.create(CUSTOMER, customer);
    ObjectNode pm = data.base(PAYMENT_METHOD, template);
    pm.put("created", now());
    pm.put("customer", id(CUSTOMER, c));
    ((ObjectNode) pm.get("billing_details")).put("email", customer.get("email").asText());
    ((ObjectNode) pm.get("billing_details")).put("name", customer.get("name").asText());
    int p = data.create(PAYMENT_METHOD, pm);
    ((ObjectNode) customer.get("invoice_settings")).put("default_payment_method", id(PAYMENT_METHOD, p));
    emit("customer.created", CUSTOMER, c, null);
    emit("payment_method.attached", PAYMENT_METHOD, p, null);
    return c;
  }

  /** A fresh customer shaped like a generated one: no balance, discount or invoices yet. */
  private ObjectNode newCustomer(int template) {
    ObjectNode customer = data.base(CUSTOMER, template);
    customer.put("created", now());
    customer.putNull("discount");
    customer.put("balance", 0);
    customer.put("delinquent", false);
    customer.put("next_invoice_sequence", 1);
    return customer;
  }

  // ---- writes through the API (POST/DELETE /v1/customers): the request's fields, Stripe's events

  /** {@code POST /v1/customers}: the request's fields over a fresh customer whose own ones start empty. */
  ObjectNode apiCreateCustomer(Map<String, String> fields, Map<String, String> metadata) {
    ObjectNode customer = newCustomer(pickGenerated(CUSTOMER));
    for (String field : CUSTOMER_WRITABLE) {
      customer.putNull(field);
    }
    customer.putObject("metadata");
    ((ObjectNode) customer.get("invoice_settings")).putNull("default_payment_method");
    apply(customer, fields, metadata);
    int c = data.create(CUSTOMER, customer);
    emit("customer.created", CUSTOMER, c, null);
    return data.render(CUSTOMER, c);
  }

  /** {@code POST /v1/customers/{id}}: changes the given fields; an empty metadata value removes that key, as Stripe does. */
  ObjectNode apiUpdateCustomer(int c, Map<String, String> fields, Map<String, String> metadata) {
    ObjectNode previous = data.update(CUSTOMER, c, customer -> apply(customer, fields, metadata));
    if (previous.size() > 0) {
      emit("customer.updated", CUSTOMER, c, previous);
    }
    return data.render(CUSTOMER, c);
  }

  /** {@code DELETE /v1/customers/{id}}: Stripe's deleted stub, after {@code customer.deleted}. */
  ObjectNode apiDeleteCustomer(int c) {
    deleteCustomer(c);
    return data.retrieve(CUSTOMER, id(CUSTOMER, c)).orElseThrow();
  }

  /** The customer fields the sandbox's write endpoints take, besides {@code metadata[<key>]}. */
  static final List<String> CUSTOMER_WRITABLE = List.of("email", "name", "description", "phone");

  private static void apply(ObjectNode customer, Map<String, String> fields, Map<String, String> metadata) {
    fields.forEach((field, value) -> {
      if (value.isEmpty()) {
        customer.putNull(field);
      } else {
        customer.put(field, value);
      }
    });
    ObjectNode kept = (ObjectNode) customer.get("metadata");
    metadata.forEach((key, value) -> {
      if (value.isEmpty()) {
        kept.remove(key);
      } else {
        kept.put(key, value);
      }
    });
  }

  private void updateCustomer() {
    int c = pickLive(CUSTOMER);
    if (c < 0) {
      return;
    }
    int change = random.nextInt(3);
    ObjectNode previous = data.update(CUSTOMER, c, customer -> {
      if (change == 0) {
        customer.put("email", "updated." + random.nextInt(1_000_000) + "@example.com");
      } else if (change == 1) {
        customer.put("name", renderer.personName(random.nextInt(1_000_000)));
      } else {
        ((ObjectNode) customer.get("metadata")).put("tier", "tier " + (++changes));
      }
    });
    emit("customer.updated", CUSTOMER, c, previous);
  }

  private void deleteCustomer() {
    deleteCustomer(pickLive(CUSTOMER));
  }

  /** Deleting a customer cancels its active subscriptions first, as Stripe does. */
  private void deleteCustomer(int c) {
    if (c < 0) {
      return;
    }
    Table subs = data.table(SUBSCRIPTION);
    String customerId = id(CUSTOMER, c);
    for (int s = 0; s < subs.size; s++) {
      boolean owned = s < subs.generated && subs.bodies.get(s) == null
          ? subs.ref("customer", s) == c
          : data.base(SUBSCRIPTION, s).path("customer").asText().equals(customerId);
      if (owned && !data.base(SUBSCRIPTION, s).path("status").asText().equals("canceled")) {
        cancel(s);
      }
    }
    JsonNode discount = data.base(CUSTOMER, c).get("discount");
    if (discount != null && discount.isObject()) {
      // the customer's discount goes with it, and Stripe says so before the customer's own event
      data.update(CUSTOMER, c, customer -> customer.putNull("discount"));
      emitted.add(data.emit("customer.discount.deleted", discount.deepCopy(), null));
    }
    ObjectNode snapshot = data.render(CUSTOMER, c);
    data.delete(CUSTOMER, c);
    emitted.add(data.emit("customer.deleted", snapshot, null));
  }

  private void addCustomerDiscount() {
    int c = pickLive(CUSTOMER);
    int coupon = pickLive(COUPON);
    if (c < 0 || coupon < 0 || !data.base(CUSTOMER, c).path("discount").isNull()) {
      return;
    }
    ObjectNode discount = renderer.discount(2L * c, coupon, -1, -1, -1, now());
    discount.put("customer", id(CUSTOMER, c));
    ObjectNode previous = data.update(CUSTOMER, c, customer -> customer.set("discount", discount));
    emitted.add(data.emit("customer.discount.created", discount.deepCopy(), null));
    emit("customer.updated", CUSTOMER, c, previous);
  }

  // ---- subscriptions and billing

  private void createSubscription() {
    int c = pickLive(CUSTOMER);
    int template = pickGenerated(SUBSCRIPTION);
    if (c < 0 || template < 0) {
      return;
    }
    ObjectNode customer = data.render(CUSTOMER, c);
    long now = now();
    ObjectNode sub = data.base(SUBSCRIPTION, template);
    sub.put("created", now);
    sub.put("billing_cycle_anchor", now);
    sub.put("start_date", now);
    sub.put("current_period_start", now);
    sub.put("current_period_end", now + 30 * Generator.DAY);
    sub.put("customer", customer.get("id").asText());
    sub.set("default_payment_method", customer.path("invoice_settings").path("default_payment_method"));
    sub.putNull("discount");
    sub.putArray("discounts");
    sub.put("status", "active");
    sub.putNull("canceled_at");
    sub.putNull("ended_at");
    sub.put("cancel_at_period_end", false);
    sub.putNull("cancel_at");
    ((ObjectNode) sub.get("cancellation_details")).putNull("reason");
    sub.putNull("on_behalf_of");
    sub.putNull("latest_invoice");
    int s = data.create(SUBSCRIPTION, sub);
    String subId = id(SUBSCRIPTION, s);

    int products = data.table(PRODUCT).generated;
    int itemCount = 1 + random.nextInt(2);
    List<ObjectNode> items = new ArrayList<>();
    for (int k = 0; k < itemCount; k++) {
      ObjectNode item = data.base(SUBSCRIPTION_ITEM, pickGenerated(SUBSCRIPTION_ITEM));
      ObjectNode price = data.render(PRICE, 2 * random.nextInt(products));
      item.put("created", now);
      item.set("price", price);
      item.set("plan", Renderer.planOf(price));
      item.put("quantity", 1 + random.nextInt(3));
      item.put("subscription", subId);
      item.putArray("discounts");
      int it = data.create(SUBSCRIPTION_ITEM, item);
      data.addChild(SUBSCRIPTION, s, it);
      items.add(item);
    }
    emit("customer.subscription.created", SUBSCRIPTION, s, null);
    int invoice = billSubscription(s, customer, items);
    // the first invoice becomes the subscription's latest_invoice: Stripe's customer.subscription.updated
    ObjectNode previous = data.update(SUBSCRIPTION, s, body -> body.put("latest_invoice", id(INVOICE, invoice)));
    emit("customer.subscription.updated", SUBSCRIPTION, s, previous);
  }

  /** Creates the paid first invoice of a new subscription with its payment, charge and balance transaction. */
  private int billSubscription(int s, ObjectNode customer, List<ObjectNode> items) {
    long now = now();
    long total = 0;
    for (ObjectNode item : items) {
      total += item.path("price").path("unit_amount").asLong() * item.path("quantity").asLong();
    }
    String customerId = customer.get("id").asText();
    ObjectNode invoice = data.base(INVOICE, pickGenerated(INVOICE));
    invoice.put("created", now);
    invoice.put("customer", customerId);
    invoice.set("customer_email", customer.get("email"));
    invoice.set("customer_name", customer.get("name"));
    invoice.put("subscription", id(SUBSCRIPTION, s));
    invoice.putObject("subscription_details").putObject("metadata");
    invoice.put("billing_reason", "subscription_create");
    invoice.putNull("description");
    invoice.put("number", customer.path("invoice_prefix").asText() + "-" + String.format("%04d", random.nextInt(10_000)));
    invoice.putArray("discounts");
    invoice.putNull("on_behalf_of");
    invoice.put("period_start", now);
    invoice.put("period_end", now);
    invoice.put("effective_at", now);
    invoice.put("webhooks_delivered_at", now);
    for (String field : List.of("amount_due", "subtotal", "subtotal_excluding_tax", "total", "total_excluding_tax")) {
      invoice.put(field, total);
    }
    invoice.put("amount_paid", 0);
    invoice.put("amount_remaining", total);
    invoice.put("paid", false);
    invoice.put("status", "draft");
    invoice.putNull("charge");
    invoice.putNull("payment_intent");
    ObjectNode transitions = (ObjectNode) invoice.get("status_transitions");
    transitions.putNull("finalized_at");
    transitions.putNull("paid_at");
    transitions.putNull("voided_at");
    int in = data.create(INVOICE, invoice);
    String invoiceId = id(INVOICE, in);
    invoice.put("hosted_invoice_url", "https://invoice.stripe.com/i/" + invoiceId);
    invoice.put("invoice_pdf", "https://pay.stripe.com/invoice/" + invoiceId + "/pdf");
    for (ObjectNode item : items) {
      ObjectNode line = data.base(INVOICE_LINE_ITEM, pickGenerated(INVOICE_LINE_ITEM));
      long amount = item.path("price").path("unit_amount").asLong() * item.path("quantity").asLong();
      line.put("amount", amount);
      line.put("amount_excluding_tax", amount);
      line.put("invoice", invoiceId);
      line.set("price", item.get("price"));
      line.set("plan", item.get("plan"));
      line.set("quantity", item.get("quantity"));
      line.put("subscription", id(SUBSCRIPTION, s));
      line.set("subscription_item", item.get("id"));
      line.put("type", "subscription");
      line.put("unit_amount_excluding_tax", item.path("price").path("unit_amount").asText());
      ObjectNode period = (ObjectNode) line.get("period");
      period.put("start", now);
      period.put("end", now + 30 * Generator.DAY);
      data.addChild(INVOICE, in, data.create(INVOICE_LINE_ITEM, line));
    }
    emit("invoice.created", INVOICE, in, null);
    invoice.put("status", "open");
    transitions.put("finalized_at", now);
    emit("invoice.finalized", INVOICE, in, null);

    ObjectNode pi = data.base(PAYMENT_INTENT, pickGenerated(PAYMENT_INTENT));
    pi.put("created", now);
    pi.put("amount", total);
    pi.put("amount_received", total);
    pi.put("customer", customerId);
    pi.put("invoice", invoiceId);
    pi.putNull("on_behalf_of");
    pi.set("payment_method", customer.path("invoice_settings").path("default_payment_method"));
    pi.put("status", "succeeded");
    pi.put("description", "Subscription creation");
    int p = data.create(PAYMENT_INTENT, pi);
    String piId = id(PAYMENT_INTENT, p);
    pi.put("client_secret", piId + "_secret_sandbox");

    int tx = createBalanceTransaction(total, "charge", null);
    ObjectNode charge = data.base(CHARGE, pickGenerated(CHARGE));
    charge.put("created", now);
    charge.put("amount", total);
    charge.put("amount_captured", total);
    charge.put("amount_refunded", 0);
    charge.put("refunded", false);
    charge.put("disputed", false);
    charge.put("balance_transaction", id(BALANCE_TRANSACTION, tx));
    charge.put("customer", customerId);
    charge.put("invoice", invoiceId);
    charge.putNull("on_behalf_of");
    charge.put("payment_intent", piId);
    charge.set("payment_method", pi.get("payment_method"));
    charge.put("description", "Subscription creation");
    int ch = data.create(CHARGE, charge);
    String chargeId = id(CHARGE, ch);
    charge.put("receipt_url", "https://pay.stripe.com/receipts/" + chargeId);
    data.table(BALANCE_TRANSACTION).bodies.get(tx).put("source", chargeId);
    pi.put("latest_charge", chargeId);

    emit("payment_intent.created", PAYMENT_INTENT, p, null);
    emit("charge.succeeded", CHARGE, ch, null);
    emit("payment_intent.succeeded", PAYMENT_INTENT, p, null);
    ObjectNode previous = data.update(INVOICE, in, paid -> {
      paid.put("status", "paid");
      paid.put("paid", true);
      paid.put("amount_paid", paid.get("total").asLong());
      paid.put("amount_remaining", 0);
      paid.put("attempted", true);
      paid.put("attempt_count", 1);
      paid.put("charge", chargeId);
      paid.put("payment_intent", piId);
      ((ObjectNode) paid.get("status_transitions")).put("paid_at", now);
    });
    emit("invoice.paid", INVOICE, in, null);
    emit("invoice.payment_succeeded", INVOICE, in, null);
    emit("invoice.updated", INVOICE, in, previous);
    // basil and later: the payment record of the invoice has its own event
    emitted.add(data.emit("invoice_payment.paid", data.invoicePaymentOf(id(INVOICE, in)), null));
    return in;
  }

  private int createBalanceTransaction(long amount, String type, String source) {
    ObjectNode tx = data.base(BALANCE_TRANSACTION, pickGenerated(BALANCE_TRANSACTION));
    long fee = type.equals("charge") ? Math.round(amount * 0.029) + 30 : 0;
    tx.put("created", now());
    tx.put("available_on", now() + 2 * Generator.DAY);
    tx.put("amount", amount);
    tx.put("fee", fee);
    tx.put("net", amount - fee);
    ArrayNode fees = tx.putArray("fee_details");
    if (fee > 0) {
      ObjectNode f = fees.addObject();
      f.put("amount", fee);
      f.putNull("application");
      f.put("currency", "usd");
      f.put("description", "Stripe processing fees");
      f.put("type", "stripe_fee");
    }
    tx.putNull("description");
    tx.put("reporting_category", type);
    tx.put("type", type);
    tx.put("source", source);
    return data.create(BALANCE_TRANSACTION, tx);
  }

  private int pickActiveSubscription() {
    for (int attempt = 0; attempt < 20; attempt++) {
      int s = pickLive(SUBSCRIPTION);
      if (s >= 0 && !data.base(SUBSCRIPTION, s).path("status").asText().equals("canceled")) {
        return s;
      }
    }
    return -1;
  }

  private void updateSubscription() {
    int s = pickActiveSubscription();
    if (s < 0) {
      return;
    }
    int change = random.nextInt(3);
    if (change == 0) {
      List<Integer> items = data.children(SUBSCRIPTION, s);
      JsonNode oldItems = data.render(SUBSCRIPTION, s).get("items");
      int item = items.get(0);
      data.update(SUBSCRIPTION_ITEM, item, it -> it.put("quantity", it.path("quantity").asInt() + 1));
      ObjectNode previous = SandboxData.MAPPER.createObjectNode();
      previous.set("items", oldItems);
      emit("customer.subscription.updated", SUBSCRIPTION, s, previous);
      return;
    }
    ObjectNode previous = data.update(SUBSCRIPTION, s, sub -> {
      if (change == 1 && !sub.path("cancel_at_period_end").asBoolean()) {
        sub.put("cancel_at_period_end", true);
        sub.set("cancel_at", sub.get("current_period_end"));
        ((ObjectNode) sub.get("cancellation_details")).put("reason", "cancellation_requested");
      } else {
        ((ObjectNode) sub.get("metadata")).put("seats_note", "change " + (++changes));
      }
    });
    emit("customer.subscription.updated", SUBSCRIPTION, s, previous);
  }

  private void cancelSubscription() {
    int s = pickActiveSubscription();
    if (s >= 0) {
      cancel(s);
    }
  }

  private void cancel(int s) {
    data.update(SUBSCRIPTION, s, sub -> {
      sub.put("status", "canceled");
      sub.put("canceled_at", now());
      sub.put("ended_at", now());
      ((ObjectNode) sub.get("cancellation_details")).put("reason", "cancellation_requested");
    });
    emit("customer.subscription.deleted", SUBSCRIPTION, s, null);
  }

  private void createInvoiceItem() {
    int c = pickLive(CUSTOMER);
    int template = pickGenerated(INVOICEITEM);
    if (c < 0 || template < 0) {
      return;
    }
    ObjectNode item = data.base(INVOICEITEM, template);
    item.put("customer", id(CUSTOMER, c));
    item.putNull("invoice");
    item.put("date", now());
    ((ObjectNode) item.get("period")).put("start", now());
    ((ObjectNode) item.get("period")).put("end", now());
    emit("invoiceitem.created", INVOICEITEM, data.create(INVOICEITEM, item), null);
  }

  private void deletePendingInvoiceItem() {
    for (int attempt = 0; attempt < 20; attempt++) {
      int i = pickLive(INVOICEITEM);
      if (i >= 0 && data.base(INVOICEITEM, i).path("invoice").isNull()) {
        ObjectNode snapshot = data.render(INVOICEITEM, i);
        data.delete(INVOICEITEM, i);
        emitted.add(data.emit("invoiceitem.deleted", snapshot, null));
        return;
      }
    }
  }

  private void refundCharge() {
    for (int attempt = 0; attempt < 20; attempt++) {
      int ch = pickLive(CHARGE);
      int template = pickGenerated(REFUND);
      if (ch < 0 || template < 0) {
        return;
      }
      ObjectNode charge = data.base(CHARGE, ch);
      if (charge.path("amount_refunded").asLong() != 0) {
        continue;
      }
      long amount = charge.path("amount").asLong();
      int tx = createBalanceTransaction(-amount, "refund", null);
      ObjectNode refund = data.base(REFUND, template);
      refund.put("created", now());
      refund.put("amount", amount);
      refund.put("charge", charge.get("id").asText());
      refund.set("payment_intent", charge.get("payment_intent"));
      refund.put("balance_transaction", id(BALANCE_TRANSACTION, tx));
      int r = data.create(REFUND, refund);
      data.table(BALANCE_TRANSACTION).bodies.get(tx).put("source", id(REFUND, r));
      ObjectNode previous = data.update(CHARGE, ch, c -> {
        c.put("amount_refunded", amount);
        c.put("refunded", true);
      });
      emit("refund.created", REFUND, r, null);
      emit("charge.refunded", CHARGE, ch, previous);
      return;
    }
  }

  // ---- catalog

  private void updateProduct() {
    int p = pickLive(PRODUCT);
    if (p < 0) {
      return;
    }
    boolean rename = random.nextBoolean();
    ObjectNode previous = data.update(PRODUCT, p, product -> {
      if (rename) {
        product.put("name", product.path("name").asText() + " (" + (2026 + random.nextInt(3)) + " edition)");
      } else {
        product.put("active", !product.path("active").asBoolean());
      }
      product.put("updated", now());
    });
    emit("product.updated", PRODUCT, p, previous);
  }

  private void createProduct() {
    int template = pickGenerated(PRODUCT);
    ObjectNode product = data.base(PRODUCT, template);
    product.put("created", now());
    product.put("updated", now());
    product.put("name", "New product " + random.nextInt(10_000));
    product.put("active", true);
    int p = data.create(PRODUCT, product);
    ObjectNode price = data.base(PRICE, 2 * template);
    price.put("created", now());
    price.put("product", id(PRODUCT, p));
    price.put("unit_amount", 100L * (5 + random.nextInt(200)));
    price.put("unit_amount_decimal", price.get("unit_amount").asText());
    int pr = data.create(PRICE, price);
    product.put("default_price", id(PRICE, pr));
    emit("product.created", PRODUCT, p, null);
    emit("price.created", PRICE, pr, null);
    emitted.add(data.emit("plan.created", Renderer.planOf(data.render(PRICE, pr)), null));
  }

  private void createCoupon() {
    ObjectNode coupon = data.base(COUPON, pickGenerated(COUPON));
    coupon.put("created", now());
    coupon.put("times_redeemed", 0);
    coupon.put("name", "Launch offer " + random.nextInt(1000));
    emit("coupon.created", COUPON, data.create(COUPON, coupon), null);
  }

  private void deleteCoupon() {
    int c = pickLive(COUPON);
    if (c < 0 || data.liveIds(COUPON).size() <= 1) {
      return;
    }
    ObjectNode snapshot = data.render(COUPON, c);
    data.delete(COUPON, c);
    emitted.add(data.emit("coupon.deleted", snapshot, null));
  }
}
