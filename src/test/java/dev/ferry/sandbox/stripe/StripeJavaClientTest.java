package dev.ferry.sandbox.stripe;

import static dev.ferry.sandbox.stripe.ObjectType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.HasId;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeObject;
import com.stripe.net.ApiResource;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.InvoiceLineItemListParams;
import com.stripe.param.SubscriptionItemListParams;
import com.stripe.param.SubscriptionListParams;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe's own Java SDK (com.stripe:stripe-java, test scope) as a client of the sandbox: every synced type
 * is listed with the SDK's auto-pagination and retrieved, and the SDK's models read back every field the
 * sandbox serves with the same value, so the sandbox's shapes are the ones Stripe's SDK expects.
 */
class StripeJavaClientTest {
  private static SandboxData data;
  private static StripeSandbox sandbox;
  private static StripeClient stripe;

  @BeforeAll
  static void start() throws Exception {
    data = SandboxData.generate(9, 1200);
    sandbox = new StripeSandbox(data).start();
    stripe = StripeClient.builder().setApiKey(sandbox.apiKey()).setApiBase(sandbox.baseUrl()).setMaxNetworkRetries(0).build();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  interface Call<T> {
    T run() throws StripeException;
  }

  /** One top-level list: the SDK's call and the retrieve of one id. */
  record Listed(ObjectType type, Call<StripeCollection<? extends StripeObject>> list, RetrieveCall retrieve) {}

  interface RetrieveCall {
    StripeObject run(String id) throws StripeException;
  }

  private static List<Listed> topLevelLists() {
    var v1 = stripe.v1();
    return List.of(
        new Listed(ACCOUNT, () -> v1.accounts().list(), id -> v1.accounts().retrieve(id)),
        new Listed(CUSTOMER, () -> v1.customers().list(), id -> v1.customers().retrieve(id)),
        new Listed(PRODUCT, () -> v1.products().list(), id -> v1.products().retrieve(id)),
        new Listed(PRICE, () -> v1.prices().list(), id -> v1.prices().retrieve(id)),
        new Listed(PLAN, () -> v1.plans().list(), id -> v1.plans().retrieve(id)),
        new Listed(COUPON, () -> v1.coupons().list(), id -> v1.coupons().retrieve(id)),
        new Listed(PROMOTION_CODE, () -> v1.promotionCodes().list(), id -> v1.promotionCodes().retrieve(id)),
        new Listed(TAX_RATE, () -> v1.taxRates().list(), id -> v1.taxRates().retrieve(id)),
        new Listed(SETUP_INTENT, () -> v1.setupIntents().list(), id -> v1.setupIntents().retrieve(id)),
        new Listed(SUBSCRIPTION,
            () -> v1.subscriptions().list(SubscriptionListParams.builder().setStatus(SubscriptionListParams.Status.ALL).build()),
            id -> v1.subscriptions().retrieve(id)),
        new Listed(INVOICE, () -> v1.invoices().list(), id -> v1.invoices().retrieve(id)),
        new Listed(INVOICEITEM, () -> v1.invoiceItems().list(), id -> v1.invoiceItems().retrieve(id)),
        new Listed(PAYMENT_INTENT, () -> v1.paymentIntents().list(), id -> v1.paymentIntents().retrieve(id)),
        new Listed(CHARGE, () -> v1.charges().list(), id -> v1.charges().retrieve(id)),
        new Listed(REFUND, () -> v1.refunds().list(), id -> v1.refunds().retrieve(id)),
        new Listed(DISPUTE, () -> v1.disputes().list(), id -> v1.disputes().retrieve(id)),
        new Listed(BALANCE_TRANSACTION, () -> v1.balanceTransactions().list(), id -> v1.balanceTransactions().retrieve(id)),
        new Listed(PAYOUT, () -> v1.payouts().list(), id -> v1.payouts().retrieve(id)),
        new Listed(CHECKOUT_SESSION, () -> v1.checkout().sessions().list(), id -> v1.checkout().sessions().retrieve(id)));
  }

  @Test
  void every_top_level_list_auto_paginates_to_the_sandbox_objects_and_each_retrieve_parses() throws Exception {
    Map<String, Integer> listed = new TreeMap<>();
    for (Listed kind : topLevelLists()) {
      List<String> ids = new ArrayList<>();
      for (StripeObject object : kind.list().run().autoPagingIterable()) {
        assertFieldsRead(kind.type(), object);
        ids.add(((HasId) object).getId());
      }
      assertThat(ids).as(kind.type().typeName()).isNotEmpty().containsExactlyElementsOf(data.liveIds(kind.type()));
      StripeObject retrieved = kind.retrieve().run(ids.get(ids.size() - 1));
      assertThat(((HasId) retrieved).getId()).isEqualTo(ids.get(ids.size() - 1));
      assertFieldsRead(kind.type(), retrieved);
      listed.put(kind.type().typeName(), ids.size());
    }
    assertThat(listed).hasSize(topLevelLists().size());
  }

  @Test
  void nested_lists_payment_methods_invoice_payments_and_the_platform_account_parse() throws Exception {
    var v1 = stripe.v1();
    int lines = 0;
    for (String invoice : data.liveIds(INVOICE)) {
      SandboxData.Page served = data.listChildren(INVOICE, data.indexOf(INVOICE, invoice), 100, -1, -1);
      List<String> ids = new ArrayList<>();
      for (var line : v1.invoices().lineItems().list(invoice, InvoiceLineItemListParams.builder().setLimit(2L).build()).autoPagingIterable()) {
        assertFieldsRead(child(served, line.getId()), line);
        ids.add(line.getId());
      }
      assertThat(ids).containsExactlyElementsOf(ids(served));
      lines += ids.size();
    }
    int items = 0;
    for (String subscription : data.liveIds(SUBSCRIPTION)) {
      SandboxData.Page served = data.listChildren(SUBSCRIPTION, data.indexOf(SUBSCRIPTION, subscription), 100, -1, -1);
      List<String> ids = new ArrayList<>();
      for (var item : v1.subscriptionItems().list(SubscriptionItemListParams.builder().setSubscription(subscription).setLimit(1L).build())
          .autoPagingIterable()) {
        assertFieldsRead(child(served, item.getId()), item);
        ids.add(item.getId());
      }
      assertThat(ids).containsExactlyElementsOf(ids(served));
      items += ids.size();
    }
    TreeSet<String> paymentMethods = new TreeSet<>();
    for (String customer : data.liveIds(CUSTOMER)) {
      for (var method : v1.customers().paymentMethods().list(customer).autoPagingIterable()) {
        assertFieldsRead(PAYMENT_METHOD, method);
        assertThat(method.getCustomer()).isEqualTo(customer);
        paymentMethods.add(method.getId());
      }
    }
    TreeSet<String> attached = new TreeSet<>();
    for (ObjectNode method : data.liveObjects(PAYMENT_METHOD)) {
      if (data.liveIds(CUSTOMER).contains(method.path("customer").asText())) {
        attached.add(method.path("id").asText());
      }
    }
    assertThat(paymentMethods).isNotEmpty().isEqualTo(attached);
    List<String> invoicePayments = new ArrayList<>();
    for (var payment : v1.invoicePayments().list().autoPagingIterable()) {
      assertFieldsRead(child(new SandboxData.Page(data.invoicePayments(), false), payment.getId()), payment);
      invoicePayments.add(payment.getId());
    }
    assertThat(invoicePayments).isNotEmpty().containsExactlyElementsOf(ids(data.invoicePayments()));
    assertThat(lines).isPositive();
    assertThat(items).isPositive();
    var account = v1.accounts().retrieveCurrent();
    assertThat(account.getBusinessProfile().getName()).isEqualTo("Ferry Demo Inc.");
    assertFieldsRead(data.reading(data::platformAccount), account);
  }

  @Test
  void events_auto_paginate_and_each_payload_parses_as_its_object_type() throws Exception {
    List<String> produced = data.mutate(3, 40);
    List<String> listed = new ArrayList<>();
    int parsed = 0;
    for (var event : stripe.v1().events().list().autoPagingIterable()) {
      listed.add(event.getId());
      assertThat(event.getApiVersion()).isEqualTo(SandboxData.API_VERSION);
      StripeObject object = event.getDataObjectDeserializer().deserializeUnsafe();
      assertThat(((HasId) object).getId()).isEqualTo(data.retrieve(EVENT, event.getId()).orElseThrow()
          .path("data").path("object").path("id").asText());
      parsed++;
    }
    assertThat(listed).containsAll(produced);
    assertThat(parsed).isEqualTo(listed.size());
  }

  @Test
  void a_customer_is_created_updated_retrieved_and_deleted_through_the_sdk_with_its_events() throws Exception {
    var customers = stripe.v1().customers();
    Customer created = customers.create(CustomerCreateParams.builder().setEmail("sdk@example.com").setName("Ada SDK")
        .putMetadata("plan", "gold").build());
    assertThat(created.getId()).startsWith("cus_");
    assertThat(created.getEmail()).isEqualTo("sdk@example.com");
    assertThat(created.getMetadata()).containsExactly(Map.entry("plan", "gold"));
    assertFieldsRead(CUSTOMER, created);

    Customer updated = customers.update(created.getId(), CustomerUpdateParams.builder().setName("Ada Lovelace")
        .putMetadata("plan", "").putMetadata("tier", "2").build());
    assertThat(updated.getName()).isEqualTo("Ada Lovelace");
    assertThat(updated.getEmail()).isEqualTo("sdk@example.com");
    assertThat(updated.getMetadata()).containsExactly(Map.entry("tier", "2"));
    assertThat(customers.retrieve(created.getId()).getName()).isEqualTo("Ada Lovelace");
    assertThat(customers.list().autoPagingIterable().iterator().next().getId()).isEqualTo(created.getId());

    Customer deleted = customers.delete(created.getId());
    assertThat(deleted.getDeleted()).isTrue();
    assertThat(customers.retrieve(created.getId()).getDeleted()).isTrue();
    assertThat(data.liveIds(CUSTOMER)).doesNotContain(created.getId());
    assertThatThrownBy(() -> customers.update(created.getId(), CustomerUpdateParams.builder().setName("x").build()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThatThrownBy(() -> customers.create(CustomerCreateParams.builder().setBalance(5L).build()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("balance"));

    List<String> events = new ArrayList<>();
    for (var event : stripe.v1().events().list().autoPagingIterable()) {
      if (event.getDataObjectDeserializer().deserializeUnsafe() instanceof Customer customer && customer.getId().equals(created.getId())) {
        events.add(0, event.getType());
      }
    }
    assertThat(events).containsExactly("customer.created", "customer.updated", "customer.deleted");
  }

  private static List<String> ids(SandboxData.Page page) {
    return ids(page.data());
  }

  private static List<String> ids(List<ObjectNode> objects) {
    return objects.stream().map(o -> o.path("id").asText()).toList();
  }

  /**
   * The SDK's model of {@code object}, written back to JSON by the SDK, holds every non-null field the
   * sandbox serves for it, with the same value: no field is unknown to Stripe's model or of another type.
   */
  private static void assertFieldsRead(ObjectType type, StripeObject object) throws Exception {
    assertFieldsRead(data.retrieve(type, ((HasId) object).getId()).orElseThrow(), object);
  }

  private static void assertFieldsRead(JsonNode served, StripeObject object) throws Exception {
    assertThat(served.path("id").asText()).isEqualTo(((HasId) object).getId());
    JsonNode read = SandboxData.MAPPER.readTree(ApiResource.GSON.toJson(object));
    Map<String, String> unread = new LinkedHashMap<>();
    compare("", served, read, unread);
    assertThat(unread).as("fields of %s %s that stripe-java did not read back", object.getClass().getSimpleName(), served.path("id"))
        .isEmpty();
  }

  private static JsonNode child(SandboxData.Page page, String id) {
    return page.data().stream().filter(o -> o.path("id").asText().equals(id)).findFirst().orElseThrow();
  }


  private static void compare(String path, JsonNode served, JsonNode read, Map<String, String> unread) {
    if (served.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = served.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        if (value.isNull() || value.isObject() && value.isEmpty() && !read.has(field.getKey())) {
          continue;
        }
        JsonNode back = read.get(field.getKey());
        if (back == null) {
          unread.put(path + field.getKey(), "not in the model");
        } else {
          compare(path + field.getKey() + ".", value, back, unread);
        }
      }
    } else if (served.isArray()) {
      for (int i = 0; i < served.size(); i++) {
        compare(path + i + ".", served.get(i), read.path(i), unread);
      }
    } else if (served.isNumber() ? served.asDouble() != read.asDouble() : !served.asText().equals(read.asText())) {
      unread.put(path, served + " read as " + read);
    }
  }
}
