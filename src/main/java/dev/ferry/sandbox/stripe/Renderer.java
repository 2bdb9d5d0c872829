package dev.ferry.sandbox.stripe;

import static dev.ferry.sandbox.stripe.ObjectType.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * Renders generated objects as Stripe's API returns them; {@link PinnedShape} then gives them the pinned version's shape.
 * Values come from the skeleton (times, references) and from hashes of (seed, type, index); embedded
 * objects (a subscription item's price, a discount's coupon) are rendered in their current state.
 */
final class Renderer {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] FIRST = {
    "Ada", "Grace", "Alan", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Edsger", "Radia",
    "Guido", "Sophie", "Tim", "Katherine", "John", "Hedy", "Donald", "Lynn", "Niklaus"
  };
  private static final String[] LAST = {
    "Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen",
    "Dijkstra", "Perlman", "van Rossum", "Wilson", "Berners-Lee", "Johnson", "McCarthy", "Lamarr", "Knuth",
    "Conway", "Wirth"
  };
  private static final String[] CITIES = {"San Francisco", "Austin", "New York", "Seattle", "Boston", "Denver"};
  private static final String[] STATES = {"CA", "TX", "NY", "WA", "MA", "CO"};
  private static final String[] PRODUCTS = {
    "Starter", "Pro", "Team", "Business", "Enterprise", "Analytics add-on", "Extra seats", "Priority support",
    "Storage pack", "API access"
  };
  private static final String[] BRANDS = {"visa", "mastercard", "amex", "discover"};
  private static final long[] AMOUNTS = {500, 900, 1500, 2900, 4900, 9900, 19900};

  private final SandboxData data;
  private final long seed;

  Renderer(SandboxData data) {
    this.data = data;
    this.seed = data.seed();
  }

  ObjectNode render(ObjectType type, int i) {
    return switch (type) {
      case ACCOUNT -> account(i);
      case CUSTOMER -> customer(i);
      case PRODUCT -> product(i);
      case PRICE -> price(i);
      case COUPON -> coupon(i);
      case PROMOTION_CODE -> promotionCode(i);
      case TAX_RATE -> taxRate(i);
      case PAYMENT_METHOD -> paymentMethod(i);
      case SETUP_INTENT -> setupIntent(i);
      case SUBSCRIPTION -> subscription(i);
      case SUBSCRIPTION_ITEM -> subscriptionItem(i);
      case INVOICE -> invoice(i);
      case INVOICE_LINE_ITEM -> lineItem(i);
      case INVOICEITEM -> invoiceItem(i);
      case PAYMENT_INTENT -> paymentIntent(i);
      case CHARGE -> charge(i);
      case REFUND -> refund(i);
      case DISPUTE -> dispute(i);
      case BALANCE_TRANSACTION -> balanceTransaction(i);
      case PAYOUT -> payout(i);
      case CHECKOUT_SESSION -> checkoutSession(i);
      case PLAN, DISCOUNT, EVENT -> throw new IllegalArgumentException(type + " is not rendered from the skeleton");
    };
  }

  // ---- helpers

  private ObjectNode start(ObjectType type, int i) {
    // Sized for Stripe's 30–70 top-level fields, so the map never rehashes while being filled.
    ObjectNode o = new ObjectNode(JSON, new LinkedHashMap<>(128));
    o.put("id", data.id(type, i));
    o.put("object", type.objectName());
    return o;
  }

  private long created(ObjectType type, int i) {
    return data.table(type).created[i];
  }

  private int ref(ObjectType type, String name, int i) {
    return data.table(type).ref(name, i);
  }

  private double u(ObjectType type, int i, int salt) {
    return Hash.unit(seed, type.ordinal() + 100, i, salt);
  }

  private int pick(ObjectType type, int i, int salt, int bound) {
    return Hash.below(seed, type.ordinal() + 100, i, salt, bound);
  }

  private void idOrNull(ObjectNode o, String field, ObjectType type, int index) {
    if (index < 0) {
      o.putNull(field);
    } else {
      o.put(field, data.id(type, index));
    }
  }

  private static void nulls(ObjectNode o, String... fields) {
    for (String f : fields) {
      o.putNull(f);
    }
  }

  private ObjectNode metadata(ObjectType type, int i) {
    ObjectNode m = JSON.objectNode();
    if (u(type, i, 90) < 0.3) {
      m.put("source", u(type, i, 91) < 0.5 ? "web" : "sales");
    }
    return m;
  }

  private void common(ObjectNode o, ObjectType type, int i) {
    o.put("livemode", data.livemode());
    o.set("metadata", metadata(type, i));
  }

  String personName(int customer) {
    return FIRST[pick(CUSTOMER, customer, 1, FIRST.length)] + " " + LAST[pick(CUSTOMER, customer, 2, LAST.length)];
  }

  String email(int customer) {
    return personName(customer).toLowerCase(Locale.ROOT).replace(' ', '.').replace("-", "") + "." + customer + "@example.com";
  }

  private ObjectNode address(ObjectType type, int i) {
    int city = pick(type, i, 20, CITIES.length);
    ObjectNode a = JSON.objectNode();
    a.put("city", CITIES[city]);
    a.put("country", "US");
    a.put("line1", (100 + pick(type, i, 21, 900)) + " Market Street");
    a.putNull("line2");
    a.put("postal_code", String.valueOf(10000 + pick(type, i, 22, 89999)));
    a.put("state", STATES[city]);
    return a;
  }

  private static ArrayNode array(String... values) {
    ArrayNode a = JSON.arrayNode();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }

  private String brand(int paymentMethod) {
    return BRANDS[pick(PAYMENT_METHOD, paymentMethod, 1, BRANDS.length)];
  }

  private String last4(int paymentMethod) {
    return String.format("%04d", pick(PAYMENT_METHOD, paymentMethod, 2, 10000));
  }

  long unitAmount(int price) {
    long monthly = AMOUNTS[pick(PRICE, price / 2 * 2, 1, AMOUNTS.length)];
    return "year".equals(Generator.priceInterval(price)) ? monthly * 10 : monthly;
  }

  int quantity(int item) {
    return 1 + (u(SUBSCRIPTION_ITEM, item, 1) < 0.3 ? pick(SUBSCRIPTION_ITEM, item, 2, 9) : 0);
  }

  // ---- objects

  private ObjectNode account(int i) {
    ObjectNode o = start(ACCOUNT, i);
    String name = LAST[pick(ACCOUNT, i, 1, LAST.length)] + " " + PRODUCTS[pick(ACCOUNT, i, 2, 4)] + " Ltd";
    ObjectNode profile = o.putObject("business_profile");
    profile.put("mcc", "5734");
    profile.put("name", name);
    nulls(profile, "product_description", "support_phone", "support_url");
    profile.put("support_email", "support@" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + ".example.com");
    profile.put("url", "https://" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + ".example.com");
    o.put("business_type", "company");
    ObjectNode caps = o.putObject("capabilities");
    caps.put("card_payments", "active");
    caps.put("transfers", "active");
    o.put("charges_enabled", true);
    ObjectNode controller = o.putObject("controller");
    controller.put("is_controller", true);
    controller.put("type", "application");
    o.put("country", "US");
    o.put("created", created(ACCOUNT, i));
    o.put("default_currency", "usd");
    o.put("details_submitted", true);
    o.put("email", "owner@" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + ".example.com");
    ObjectNode external = o.putObject("external_accounts");
    external.put("object", "list");
    external.putArray("data");
    external.put("has_more", false);
    external.put("url", "/v1/accounts/" + data.id(ACCOUNT, i) + "/external_accounts");
    o.set("metadata", metadata(ACCOUNT, i));
    o.put("payouts_enabled", true);
    o.put("type", u(ACCOUNT, i, 3) < 0.5 ? "express" : "custom");
    return o;
  }

  private ObjectNode customer(int i) {
    ObjectNode o = start(CUSTOMER, i);
    o.set("address", u(CUSTOMER, i, 3) < 0.7 ? address(CUSTOMER, i) : JSON.nullNode());
    o.put("balance", u(CUSTOMER, i, 4) < 0.05 ? -500 * (1 + pick(CUSTOMER, i, 5, 10)) : 0);
    o.put("created", created(CUSTOMER, i));
    o.put("currency", "usd");
    o.putNull("default_source");
    o.put("delinquent", u(CUSTOMER, i, 6) < 0.03);
    o.putNull("description");
    int coupon = ref(CUSTOMER, "coupon", i);
    if (coupon >= 0) {
      o.set("discount", discount(2L * i, coupon, ref(CUSTOMER, "promotion_code", i), i, -1, created(CUSTOMER, i)));
    } else {
      o.putNull("discount");
    }
    o.put("email", email(i));
    o.put("invoice_prefix", String.format("%08X", Hash.of(seed, CUSTOMER.ordinal(), i, 7) & 0xFFFFFFFFL));
    ObjectNode settings = o.putObject("invoice_settings");
    settings.putNull("custom_fields");
    settings.put("default_payment_method", data.id(PAYMENT_METHOD, i));
    settings.putNull("footer");
    settings.putNull("rendering_options");
    common(o, CUSTOMER, i);
    o.put("name", personName(i));
    o.put("next_invoice_sequence", 1 + pick(CUSTOMER, i, 8, 5));
    o.set("phone", u(CUSTOMER, i, 9) < 0.4 ? JSON.textNode("+1555" + (1000000 + pick(CUSTOMER, i, 10, 8999999))) : JSON.nullNode());
    o.set("preferred_locales", array());
    o.putNull("shipping");
    o.put("tax_exempt", "none");
    o.putNull("test_clock");
    return o;
  }

  /** A discount object; its index encodes the owner: 2 × customer, or 2 × subscription + 1. */
  ObjectNode discount(long index, int coupon, int promotionCode, int customer, int subscription, long start) {
    ObjectNode o = JSON.objectNode();
    o.put("id", data.id(DISCOUNT, index));
    o.put("object", "discount");
    o.putNull("checkout_session");
    o.set("coupon", data.render(COUPON, coupon));
    idOrNull(o, "customer", CUSTOMER, customer);
    o.putNull("end");
    o.putNull("invoice");
    o.putNull("invoice_item");
    idOrNull(o, "promotion_code", PROMOTION_CODE, promotionCode);
    o.put("start", start);
    idOrNull(o, "subscription", SUBSCRIPTION, subscription);
    o.putNull("subscription_item");
    return o;
  }

  private ObjectNode product(int i) {
    ObjectNode o = start(PRODUCT, i);
    o.put("active", u(PRODUCT, i, 1) < 0.9);
    o.put("created", created(PRODUCT, i));
    o.put("default_price", data.id(PRICE, 2 * i));
    o.put("description", "The " + PRODUCTS[i % PRODUCTS.length] + " plan");
    o.set("images", array());
    o.put("livemode", data.livemode());
    o.set("marketing_features", JSON.arrayNode());
    o.set("metadata", metadata(PRODUCT, i));
    o.put("name", PRODUCTS[i % PRODUCTS.length] + (i >= PRODUCTS.length ? " " + (i / PRODUCTS.length + 1) : ""));
    nulls(o, "package_dimensions", "shippable", "statement_descriptor", "tax_code", "unit_label");
    o.put("type", "service");
    o.put("updated", created(PRODUCT, i));
    o.putNull("url");
    return o;
  }

  private ObjectNode price(int i) {
    ObjectNode o = start(PRICE, i);
    o.put("active", true);
    o.put("billing_scheme", "per_unit");
    o.put("created", created(PRICE, i));
    o.put("currency", "usd");
    o.putNull("custom_unit_amount");
    o.put("livemode", data.livemode());
    o.putNull("lookup_key");
    o.set("metadata", metadata(PRICE, i));
    String interval = Generator.priceInterval(i);
    o.set("nickname", interval == null ? JSON.nullNode() : JSON.textNode(interval.equals("month") ? "Monthly" : "Yearly"));
    o.put("product", data.id(PRODUCT, ref(PRICE, "product", i)));
    if (interval == null) {
      o.putNull("recurring");
    } else {
      ObjectNode r = o.putObject("recurring");
      r.putNull("aggregate_usage");
      r.put("interval", interval);
      r.put("interval_count", 1);
      r.putNull("meter");
      r.putNull("trial_period_days");
      r.put("usage_type", "licensed");
    }
    o.put("tax_behavior", "unspecified");
    nulls(o, "tiers_mode", "transform_quantity");
    o.put("type", interval == null ? "one_time" : "recurring");
    long amount = unitAmount(i);
    o.put("unit_amount", amount);
    o.put("unit_amount_decimal", String.valueOf(amount));
    return o;
  }

  /** The legacy plan view of a recurring price: same id, plan fields. */
  static ObjectNode planOf(ObjectNode price) {
    ObjectNode o = JSON.objectNode();
    o.set("id", price.get("id"));
    o.put("object", "plan");
    o.set("active", price.get("active"));
    o.putNull("aggregate_usage");
    o.set("amount", price.get("unit_amount"));
    o.set("amount_decimal", price.get("unit_amount_decimal"));
    o.set("billing_scheme", price.get("billing_scheme"));
    o.set("created", price.get("created"));
    o.set("currency", price.get("currency"));
    ObjectNode recurring = (ObjectNode) price.get("recurring");
    o.set("interval", recurring.get("interval"));
    o.set("interval_count", recurring.get("interval_count"));
    o.set("livemode", price.get("livemode"));
    o.set("metadata", price.get("metadata"));
    o.putNull("meter");
    o.set("nickname", price.get("nickname"));
    o.set("product", price.get("product"));
    o.putNull("tiers_mode");
    o.putNull("transform_usage");
    o.putNull("trial_period_days");
    o.set("usage_type", recurring.get("usage_type"));
    return o;
  }

  private ObjectNode coupon(int i) {
    ObjectNode o = start(COUPON, i);
    boolean percent = u(COUPON, i, 1) < 0.7;
    if (percent) {
      o.putNull("amount_off");
    } else {
      o.put("amount_off", 500 * (1 + pick(COUPON, i, 2, 4)));
    }
    o.put("created", created(COUPON, i));
    o.set("currency", percent ? JSON.nullNode() : JSON.textNode("usd"));
    String duration = new String[] {"once", "repeating", "forever"}[pick(COUPON, i, 3, 3)];
    o.put("duration", duration);
    o.set("duration_in_months", duration.equals("repeating") ? JSON.numberNode(3) : JSON.nullNode());
    common(o, COUPON, i);
    o.putNull("max_redemptions");
    int pct = 5 * (1 + pick(COUPON, i, 4, 10));
    o.put("name", percent ? pct + "% off" : "Loyalty credit");
    if (percent) {
      o.put("percent_off", (double) pct);
    } else {
      o.putNull("percent_off");
    }
    o.putNull("redeem_by");
    o.put("times_redeemed", pick(COUPON, i, 5, 200));
    o.put("valid", true);
    return o;
  }

  private ObjectNode promotionCode(int i) {
    ObjectNode o = start(PROMOTION_CODE, i);
    o.put("active", u(PROMOTION_CODE, i, 1) < 0.85);
    o.put("code", ("SAVE" + Long.toString(Hash.of(seed, 7, i, 1) & 0xFFFFFF, 36)).toUpperCase(Locale.ROOT));
    o.set("coupon", data.render(COUPON, ref(PROMOTION_CODE, "coupon", i)));
    o.put("created", created(PROMOTION_CODE, i));
    o.putNull("customer");
    o.putNull("expires_at");
    o.put("livemode", data.livemode());
    o.putNull("max_redemptions");
    o.set("metadata", metadata(PROMOTION_CODE, i));
    ObjectNode r = o.putObject("restrictions");
    r.put("first_time_transaction", u(PROMOTION_CODE, i, 2) < 0.3);
    r.putNull("minimum_amount");
    r.putNull("minimum_amount_currency");
    o.put("times_redeemed", pick(PROMOTION_CODE, i, 3, 50));
    return o;
  }

  private ObjectNode taxRate(int i) {
    ObjectNode o = start(TAX_RATE, i);
    int state = i % STATES.length;
    double pct = 4 + pick(TAX_RATE, i, 1, 600) / 100.0;
    o.put("active", true);
    o.put("country", "US");
    o.put("created", created(TAX_RATE, i));
    o.put("description", STATES[state] + " sales tax");
    o.put("display_name", "Sales Tax");
    o.put("effective_percentage", pct);
    o.putNull("flat_amount");
    o.put("inclusive", false);
    o.put("jurisdiction", STATES[state]);
    o.put("jurisdiction_level", "state");
    common(o, TAX_RATE, i);
    o.put("percentage", pct);
    o.putNull("rate_type");
    o.put("state", STATES[state]);
    o.put("tax_type", "sales_tax");
    return o;
  }

  private ObjectNode paymentMethod(int i) {
    ObjectNode o = start(PAYMENT_METHOD, i);
    int customer = ref(PAYMENT_METHOD, "customer", i);
    o.put("allow_redisplay", "unspecified");
    ObjectNode billing = o.putObject("billing_details");
    billing.set("address", address(CUSTOMER, customer));
    billing.put("email", email(customer));
    billing.put("name", personName(customer));
    billing.putNull("phone");
    ObjectNode card = o.putObject("card");
    card.put("brand", brand(i));
    ObjectNode checks = card.putObject("checks");
    checks.putNull("address_line1_check");
    checks.putNull("address_postal_code_check");
    checks.put("cvc_check", "pass");
    card.put("country", "US");
    card.put("display_brand", brand(i));
    card.put("exp_month", 1 + pick(PAYMENT_METHOD, i, 3, 12));
    card.put("exp_year", 2027 + pick(PAYMENT_METHOD, i, 4, 5));
    card.put("fingerprint", Long.toString(Hash.of(seed, 8, i, 1) & Long.MAX_VALUE, 36));
    card.put("funding", "credit");
    card.putNull("generated_from");
    card.put("last4", last4(i));
    ObjectNode networks = card.putObject("networks");
    networks.set("available", array(brand(i)));
    networks.putNull("preferred");
    card.putObject("three_d_secure_usage").put("supported", true);
    card.putNull("wallet");
    o.put("created", created(PAYMENT_METHOD, i));
    o.put("customer", data.id(CUSTOMER, customer));
    common(o, PAYMENT_METHOD, i);
    o.put("type", "card");
    return o;
  }

  private ObjectNode setupIntent(int i) {
    ObjectNode o = start(SETUP_INTENT, i);
    int customer = ref(SETUP_INTENT, "customer", i);
    nulls(o, "application", "automatic_payment_methods", "cancellation_reason");
    o.put("client_secret", data.id(SETUP_INTENT, i) + "_secret_" + Long.toString(Hash.of(seed, 9, i, 1) & Long.MAX_VALUE, 36));
    o.put("created", created(SETUP_INTENT, i));
    o.put("customer", data.id(CUSTOMER, customer));
    nulls(o, "description", "flow_directions", "last_setup_error", "latest_attempt");
    o.put("livemode", data.livemode());
    o.putNull("mandate");
    o.set("metadata", metadata(SETUP_INTENT, i));
    nulls(o, "next_action", "on_behalf_of");
    o.put("payment_method", data.id(PAYMENT_METHOD, customer));
    ObjectNode card = o.putObject("payment_method_options").putObject("card");
    nulls(card, "mandate_options", "network");
    card.put("request_three_d_secure", "automatic");
    o.set("payment_method_types", array("card"));
    o.putNull("single_use_mandate");
    o.put("status", "succeeded");
    o.put("usage", "off_session");
    return o;
  }

  private ObjectNode subscription(int i) {
    ObjectNode o = start(SUBSCRIPTION, i);
    long created = created(SUBSCRIPTION, i);
    int customer = ref(SUBSCRIPTION, "customer", i);
    int canceledDays = ref(SUBSCRIPTION, "canceled_after_days", i);
    Table items = data.table(SUBSCRIPTION_ITEM);
    int firstItem = data.table(SUBSCRIPTION).childStart[i];
    long period = "year".equals(Generator.priceInterval(items.ref("price", firstItem))) ? 365 * Generator.DAY : 30 * Generator.DAY;
    long now = canceledDays >= 0 ? created + canceledDays * Generator.DAY : data.clockSeconds();
    long periodStart = created + Math.max(0, (now - created) / period) * period;
    nulls(o, "application", "application_fee_percent");
    ObjectNode tax = o.putObject("automatic_tax");
    tax.put("enabled", false);
    tax.putNull("liability");
    o.put("billing_cycle_anchor", created);
    nulls(o, "billing_cycle_anchor_config", "billing_thresholds", "cancel_at");
    o.put("cancel_at_period_end", false);
    ObjectNode cancellation = JSON.objectNode();
    nulls(cancellation, "comment", "feedback", "reason");
    if (canceledDays >= 0) {
      o.put("canceled_at", now);
      cancellation.put("reason", "cancellation_requested");
    } else {
      o.putNull("canceled_at");
    }
    o.set("cancellation_details", cancellation);
    o.put("collection_method", "charge_automatically");
    o.put("created", created);
    o.put("currency", "usd");
    o.put("current_period_end", periodStart + period);
    o.put("current_period_start", periodStart);
    o.put("customer", data.id(CUSTOMER, customer));
    o.putNull("days_until_due");
    o.put("default_payment_method", data.id(PAYMENT_METHOD, customer));
    o.putNull("default_source");
    ArrayNode taxRates = o.putArray("default_tax_rates");
    if (u(SUBSCRIPTION, i, 1) < 0.3) {
      taxRates.add(data.render(TAX_RATE, pick(SUBSCRIPTION, i, 2, data.table(TAX_RATE).generated)));
    }
    o.putNull("description");
    int coupon = ref(SUBSCRIPTION, "coupon", i);
    ArrayNode discounts = JSON.arrayNode();
    if (coupon >= 0) {
      ObjectNode d = discount(2L * i + 1, coupon, -1, customer, i, created);
      o.set("discount", d);
      discounts.add(d.get("id").asText());
    } else {
      o.putNull("discount");
    }
    o.set("discounts", discounts);
    if (canceledDays >= 0) {
      o.put("ended_at", now);
    } else {
      o.putNull("ended_at");
    }
    o.putObject("invoice_settings").putNull("account_tax_ids");
    ((ObjectNode) o.get("invoice_settings")).putObject("issuer").put("type", "self");
    idOrNull(o, "latest_invoice", INVOICE, ref(SUBSCRIPTION, "latest_invoice", i));
    o.put("livemode", data.livemode());
    o.set("metadata", metadata(SUBSCRIPTION, i));
    o.putNull("next_pending_invoice_item_invoice");
    idOrNull(o, "on_behalf_of", ACCOUNT, ref(SUBSCRIPTION, "account", i));
    nulls(o, "pause_collection");
    ObjectNode pay = o.putObject("payment_settings");
    nulls(pay, "payment_method_options", "payment_method_types");
    pay.put("save_default_payment_method", "off");
    nulls(o, "pending_invoice_item_interval", "pending_setup_intent", "pending_update", "schedule");
    o.put("start_date", created);
    String status = canceledDays >= 0 ? "canceled" : u(SUBSCRIPTION, i, 3) < 0.05 ? "past_due" : "active";
    o.put("status", status);
    nulls(o, "test_clock", "transfer_data", "trial_end", "trial_start");
    ObjectNode settings = o.putObject("trial_settings").putObject("end_behavior");
    settings.put("missing_payment_method", "create_invoice");
    return o;
  }

  private ObjectNode subscriptionItem(int i) {
    ObjectNode o = start(SUBSCRIPTION_ITEM, i);
    int price = ref(SUBSCRIPTION_ITEM, "price", i);
    o.putNull("billing_thresholds");
    o.put("created", created(SUBSCRIPTION_ITEM, i));
    o.set("discounts", JSON.arrayNode());
    o.set("metadata", metadata(SUBSCRIPTION_ITEM, i));
    ObjectNode priceNode = data.render(PRICE, price);
    o.set("plan", planOf(priceNode));
    o.set("price", priceNode);
    o.put("quantity", quantity(i));
    o.put("subscription", data.id(SUBSCRIPTION, ref(SUBSCRIPTION_ITEM, "subscription", i)));
    o.set("tax_rates", JSON.arrayNode());
    return o;
  }

  /** Amount of a generated line: its price × the subscription item's quantity (1 for one-off lines). */
  long lineAmount(int line) {
    int item = ref(INVOICE_LINE_ITEM, "subscription_item", line);
    return unitAmount(ref(INVOICE_LINE_ITEM, "price", line)) * (item < 0 ? 1 : quantity(item));
  }

  long invoiceTotal(int invoice) {
    int[] start = data.table(INVOICE).childStart;
    long total = 0;
    for (int l = start[invoice]; l < start[invoice + 1]; l++) {
      total += lineAmount(l);
    }
    return total;
  }

  private ObjectNode invoice(int i) {
    ObjectNode o = start(INVOICE, i);
    long created = created(INVOICE, i);
    int customer = ref(INVOICE, "customer", i);
    int sub = ref(INVOICE, "subscription", i);
    int pi = ref(INVOICE, "payment_intent", i);
    int charge = pi < 0 ? -1 : ref(PAYMENT_INTENT, "charge", pi);
    String status = Generator.invoiceStatus(seed, i);
    long total = invoiceTotal(i);
    boolean paid = status.equals("paid");
    o.put("account_country", "US");
    o.put("account_name", "Ferry Demo Inc.");
    o.putNull("account_tax_ids");
    o.put("amount_due", status.equals("void") ? 0 : total);
    o.put("amount_paid", paid ? total : 0);
    o.put("amount_remaining", paid || status.equals("void") ? 0 : total);
    o.put("amount_shipping", 0);
    nulls(o, "application", "application_fee_amount");
    o.put("attempt_count", paid ? 1 : 0);
    o.put("attempted", paid);
    o.put("auto_advance", status.equals("open"));
    ObjectNode tax = o.putObject("automatic_tax");
    tax.put("enabled", false);
    nulls(tax, "liability", "status");
    int sequence = ref(INVOICE, "sequence", i);
    o.put("billing_reason", sub < 0 ? "manual" : sequence == 0 ? "subscription_create" : "subscription_cycle");
    idOrNull(o, "charge", CHARGE, charge);
    o.put("collection_method", "charge_automatically");
    o.put("created", created);
    o.put("currency", "usd");
    o.putNull("custom_fields");
    o.put("customer", data.id(CUSTOMER, customer));
    o.putNull("customer_address");
    o.put("customer_email", email(customer));
    o.put("customer_name", personName(customer));
    nulls(o, "customer_phone", "customer_shipping");
    o.put("customer_tax_exempt", "none");
    o.set("customer_tax_ids", JSON.arrayNode());
    nulls(o, "default_payment_method", "default_source");
    o.set("default_tax_rates", JSON.arrayNode());
    o.set("description", sub < 0 ? JSON.textNode("One-off services") : JSON.nullNode());
    ArrayNode discounts = o.putArray("discounts");
    o.putNull("discount");
    if (sub >= 0 && ref(SUBSCRIPTION, "coupon", sub) >= 0) {
      discounts.add(data.id(DISCOUNT, 2L * sub + 1));
    }
    o.putNull("due_date");
    o.put("effective_at", created);
    o.put("ending_balance", 0);
    nulls(o, "footer", "from_invoice");
    String number = String.format("%08X", Hash.of(seed, CUSTOMER.ordinal(), customer, 7) & 0xFFFFFFFFL) + "-" + String.format("%04d", 1 + i % 9999);
    o.put("hosted_invoice_url", "https://invoice.stripe.com/i/" + data.id(INVOICE, i));
    o.put("invoice_pdf", "https://pay.stripe.com/invoice/" + data.id(INVOICE, i) + "/pdf");
    o.putObject("issuer").put("type", "self");
    nulls(o, "last_finalization_error", "latest_revision");
    o.put("livemode", data.livemode());
    o.set("metadata", metadata(INVOICE, i));
    o.putNull("next_payment_attempt");
    o.put("number", number);
    idOrNull(o, "on_behalf_of", ACCOUNT, sub < 0 ? -1 : ref(SUBSCRIPTION, "account", sub));
    o.put("paid", paid);
    o.put("paid_out_of_band", false);
    idOrNull(o, "payment_intent", PAYMENT_INTENT, pi);
    ObjectNode pay = o.putObject("payment_settings");
    nulls(pay, "default_mandate", "payment_method_options", "payment_method_types");
    o.put("period_end", created);
    o.put("period_start", created);
    o.put("post_payment_credit_notes_amount", 0);
    o.put("pre_payment_credit_notes_amount", 0);
    nulls(o, "quote", "receipt_number", "rendering", "shipping_cost", "shipping_details");
    o.put("starting_balance", 0);
    o.putNull("statement_descriptor");
    o.put("status", status);
    ObjectNode transitions = o.putObject("status_transitions");
    transitions.put("finalized_at", created);
    transitions.putNull("marked_uncollectible_at");
    if (paid) {
      transitions.put("paid_at", created);
    } else {
      transitions.putNull("paid_at");
    }
    if (status.equals("void")) {
      transitions.put("voided_at", created);
    } else {
      transitions.putNull("voided_at");
    }
    idOrNull(o, "subscription", SUBSCRIPTION, sub);
    if (sub >= 0) {
      o.putObject("subscription_details").putObject("metadata");
    } else {
      o.putNull("subscription_details");
    }
    o.put("subtotal", total);
    o.put("subtotal_excluding_tax", total);
    o.putNull("tax");
    o.putNull("test_clock");
    o.put("total", total);
    o.set("total_discount_amounts", JSON.arrayNode());
    o.put("total_excluding_tax", total);
    o.set("total_tax_amounts", JSON.arrayNode());
    o.putNull("transfer_data");
    o.put("webhooks_delivered_at", created);
    return o;
  }

  private ObjectNode lineItem(int i) {
    ObjectNode o = start(INVOICE_LINE_ITEM, i);
    int invoice = ref(INVOICE_LINE_ITEM, "invoice", i);
    int item = ref(INVOICE_LINE_ITEM, "subscription_item", i);
    int price = ref(INVOICE_LINE_ITEM, "price", i);
    int sub = ref(INVOICE, "subscription", invoice);
    long amount = lineAmount(i);
    long start = created(INVOICE_LINE_ITEM, i);
    long period = "year".equals(Generator.priceInterval(price)) ? 365 * Generator.DAY : 30 * Generator.DAY;
    ObjectNode priceNode = data.render(PRICE, price);
    int quantity = item < 0 ? 1 : quantity(item);
    o.put("amount", amount);
    o.put("amount_excluding_tax", amount);
    o.put("currency", "usd");
    o.put("description", quantity + " × " + PRODUCTS[ref(PRICE, "product", price) % PRODUCTS.length]);
    o.set("discount_amounts", JSON.arrayNode());
    o.put("discountable", true);
    o.set("discounts", JSON.arrayNode());
    o.put("invoice", data.id(INVOICE, invoice));
    o.putNull("invoice_item");
    o.put("livemode", data.livemode());
    o.set("metadata", JSON.objectNode());
    ObjectNode p = o.putObject("period");
    p.put("end", item < 0 ? start : start + period);
    p.put("start", start);
    o.set("plan", priceNode.get("recurring").isNull() ? JSON.nullNode() : planOf(priceNode));
    o.set("price", priceNode);
    o.put("proration", false);
    o.putObject("proration_details").putNull("credited_items");
    o.put("quantity", quantity);
    idOrNull(o, "subscription", SUBSCRIPTION, sub);
    idOrNull(o, "subscription_item", SUBSCRIPTION_ITEM, item);
    o.set("tax_amounts", JSON.arrayNode());
    o.set("tax_rates", JSON.arrayNode());
    o.put("type", item < 0 ? "invoiceitem" : "subscription");
    o.put("unit_amount_excluding_tax", String.valueOf(amount / quantity));
    return o;
  }

  private ObjectNode invoiceItem(int i) {
    ObjectNode o = start(INVOICEITEM, i);
    int price = ref(INVOICEITEM, "price", i);
    long amount = unitAmount(price);
    o.put("amount", amount);
    o.put("currency", "usd");
    o.put("customer", data.id(CUSTOMER, ref(INVOICEITEM, "customer", i)));
    o.put("date", created(INVOICEITEM, i));
    o.put("description", "Setup fee");
    o.put("discountable", true);
    o.set("discounts", JSON.arrayNode());
    idOrNull(o, "invoice", INVOICE, ref(INVOICEITEM, "invoice", i));
    common(o, INVOICEITEM, i);
    ObjectNode p = o.putObject("period");
    p.put("end", created(INVOICEITEM, i));
    p.put("start", created(INVOICEITEM, i));
    o.putNull("plan");
    o.set("price", data.render(PRICE, price));
    o.put("proration", false);
    o.put("quantity", 1);
    o.putNull("subscription");
    o.set("tax_rates", JSON.arrayNode());
    o.putNull("test_clock");
    o.put("unit_amount", amount);
    o.put("unit_amount_decimal", String.valueOf(amount));
    return o;
  }

  long paymentAmount(int pi) {
    int invoice = ref(PAYMENT_INTENT, "invoice", pi);
    return invoice >= 0 ? invoiceTotal(invoice) : AMOUNTS[pick(PAYMENT_INTENT, pi, 1, AMOUNTS.length)] * 3;
  }

  private ObjectNode paymentIntent(int i) {
    ObjectNode o = start(PAYMENT_INTENT, i);
    int customer = ref(PAYMENT_INTENT, "customer", i);
    int invoice = ref(PAYMENT_INTENT, "invoice", i);
    int charge = ref(PAYMENT_INTENT, "charge", i);
    boolean succeeded = charge >= 0;
    long amount = paymentAmount(i);
    o.put("amount", amount);
    o.put("amount_capturable", 0);
    o.putObject("amount_details").putObject("tip");
    o.put("amount_received", succeeded ? amount : 0);
    nulls(o, "application", "application_fee_amount", "automatic_payment_methods", "canceled_at", "cancellation_reason");
    o.put("capture_method", "automatic");
    o.put("client_secret", data.id(PAYMENT_INTENT, i) + "_secret_" + Long.toString(Hash.of(seed, 10, i, 1) & Long.MAX_VALUE, 36));
    o.put("confirmation_method", "automatic");
    o.put("created", created(PAYMENT_INTENT, i));
    o.put("currency", "usd");
    o.put("customer", data.id(CUSTOMER, customer));
    o.set("description", invoice >= 0 ? JSON.textNode("Subscription update") : JSON.textNode("One-time purchase"));
    idOrNull(o, "invoice", INVOICE, invoice);
    o.putNull("last_payment_error");
    idOrNull(o, "latest_charge", CHARGE, charge);
    o.put("livemode", data.livemode());
    o.set("metadata", metadata(PAYMENT_INTENT, i));
    o.putNull("next_action");
    idOrNull(o, "on_behalf_of", ACCOUNT, ref(PAYMENT_INTENT, "account", i));
    o.put("payment_method", data.id(PAYMENT_METHOD, customer));
    o.putNull("payment_method_configuration_details");
    ObjectNode card = o.putObject("payment_method_options").putObject("card");
    nulls(card, "installments", "mandate_options", "network");
    card.put("request_three_d_secure", "automatic");
    o.set("payment_method_types", array("card"));
    nulls(o, "processing", "receipt_email", "review", "setup_future_usage", "shipping", "source",
        "statement_descriptor", "statement_descriptor_suffix");
    o.put("status", succeeded ? "succeeded" : "requires_payment_method");
    nulls(o, "transfer_data", "transfer_group");
    return o;
  }

  private ObjectNode charge(int i) {
    ObjectNode o = start(CHARGE, i);
    int pi = ref(CHARGE, "payment_intent", i);
    int customer = ref(PAYMENT_INTENT, "customer", pi);
    int refund = ref(CHARGE, "refund", i);
    long amount = paymentAmount(pi);
    long refunded = refund >= 0 ? refundAmount(refund) : 0;
    o.put("amount", amount);
    o.put("amount_captured", amount);
    o.put("amount_refunded", refunded);
    nulls(o, "application", "application_fee", "application_fee_amount");
    o.put("balance_transaction", data.id(BALANCE_TRANSACTION, ref(CHARGE, "balance_transaction", i)));
    ObjectNode billing = o.putObject("billing_details");
    billing.set("address", address(CUSTOMER, customer));
    billing.put("email", email(customer));
    billing.put("name", personName(customer));
    billing.putNull("phone");
    o.put("calculated_statement_descriptor", "FERRY DEMO");
    o.put("captured", true);
    o.put("created", created(CHARGE, i));
    o.put("currency", "usd");
    o.put("customer", data.id(CUSTOMER, customer));
    o.set("description", JSON.textNode(ref(PAYMENT_INTENT, "invoice", pi) >= 0 ? "Subscription update" : "One-time purchase"));
    o.put("disputed", ref(CHARGE, "dispute", i) >= 0);
    nulls(o, "failure_balance_transaction", "failure_code", "failure_message");
    o.putObject("fraud_details");
    idOrNull(o, "invoice", INVOICE, ref(PAYMENT_INTENT, "invoice", pi));
    o.put("livemode", data.livemode());
    o.set("metadata", metadata(CHARGE, i));
    idOrNull(o, "on_behalf_of", ACCOUNT, ref(PAYMENT_INTENT, "account", pi));
    ObjectNode outcome = o.putObject("outcome");
    outcome.put("network_status", "approved_by_network");
    outcome.putNull("reason");
    outcome.put("risk_level", "normal");
    outcome.put("risk_score", pick(CHARGE, i, 1, 60));
    outcome.put("seller_message", "Payment complete.");
    outcome.put("type", "authorized");
    o.put("paid", true);
    o.put("payment_intent", data.id(PAYMENT_INTENT, pi));
    o.put("payment_method", data.id(PAYMENT_METHOD, customer));
    ObjectNode details = o.putObject("payment_method_details");
    ObjectNode card = details.putObject("card");
    card.put("brand", brand(customer));
    card.put("country", "US");
    card.put("exp_month", 1 + pick(PAYMENT_METHOD, customer, 3, 12));
    card.put("exp_year", 2027 + pick(PAYMENT_METHOD, customer, 4, 5));
    card.put("funding", "credit");
    card.put("last4", last4(customer));
    card.put("network", brand(customer));
    details.put("type", "card");
    o.putNull("receipt_email");
    o.putNull("receipt_number");
    o.put("receipt_url", "https://pay.stripe.com/receipts/" + data.id(CHARGE, i));
    o.put("refunded", refunded == amount);
    nulls(o, "review", "shipping", "source_transfer", "statement_descriptor", "statement_descriptor_suffix");
    o.put("status", "succeeded");
    nulls(o, "transfer_data", "transfer_group");
    return o;
  }

  long refundAmount(int refund) {
    int charge = ref(REFUND, "charge", refund);
    long amount = paymentAmount(ref(CHARGE, "payment_intent", charge));
    return u(REFUND, refund, 1) < 0.6 ? amount : Math.max(1, amount / 2);
  }

  private ObjectNode refund(int i) {
    ObjectNode o = start(REFUND, i);
    int charge = ref(REFUND, "charge", i);
    o.put("amount", refundAmount(i));
    o.put("balance_transaction", data.id(BALANCE_TRANSACTION, ref(REFUND, "balance_transaction", i)));
    o.put("charge", data.id(CHARGE, charge));
    o.put("created", created(REFUND, i));
    o.put("currency", "usd");
    ObjectNode dest = o.putObject("destination_details");
    ObjectNode card = dest.putObject("card");
    card.put("reference", String.valueOf(100_000_000_000L + Math.floorMod(Hash.of(seed, 11, i, 1), 900_000_000_000L)));
    card.put("reference_status", "available");
    card.put("reference_type", "acquirer_reference_number");
    card.put("type", "refund");
    dest.put("type", "card");
    o.set("metadata", metadata(REFUND, i));
    o.put("payment_intent", data.id(PAYMENT_INTENT, ref(CHARGE, "payment_intent", charge)));
    o.put("reason", "requested_by_customer");
    nulls(o, "receipt_number", "source_transfer_reversal");
    o.put("status", "succeeded");
    o.putNull("transfer_reversal");
    return o;
  }

  private ObjectNode dispute(int i) {
    ObjectNode o = start(DISPUTE, i);
    int charge = ref(DISPUTE, "charge", i);
    int pi = ref(CHARGE, "payment_intent", charge);
    long created = created(DISPUTE, i);
    o.put("amount", paymentAmount(pi));
    o.set("balance_transactions", JSON.arrayNode());
    o.put("charge", data.id(CHARGE, charge));
    o.put("created", created);
    o.put("currency", "usd");
    ObjectNode evidence = o.putObject("evidence");
    nulls(evidence, "customer_email_address", "customer_name", "product_description", "receipt", "refund_policy",
        "service_date", "uncategorized_text");
    ObjectNode details = o.putObject("evidence_details");
    details.put("due_by", created + 21 * Generator.DAY);
    details.put("has_evidence", false);
    details.put("past_due", false);
    details.put("submission_count", 0);
    o.put("is_charge_refundable", false);
    o.put("livemode", data.livemode());
    o.set("metadata", metadata(DISPUTE, i));
    o.put("network_reason_code", "4855");
    o.put("payment_intent", data.id(PAYMENT_INTENT, pi));
    ObjectNode pm = o.putObject("payment_method_details");
    ObjectNode card = pm.putObject("card");
    card.put("brand", brand(ref(PAYMENT_INTENT, "customer", pi)));
    card.put("network_reason_code", "4855");
    pm.put("type", "card");
    o.put("reason", u(DISPUTE, i, 1) < 0.5 ? "fraudulent" : "product_not_received");
    String[] statuses = {"needs_response", "under_review", "won", "lost"};
    o.put("status", statuses[pick(DISPUTE, i, 2, statuses.length)]);
    return o;
  }

  private ObjectNode balanceTransaction(int i) {
    ObjectNode o = start(BALANCE_TRANSACTION, i);
    int kind = ref(BALANCE_TRANSACTION, "source_type", i);
    int source = ref(BALANCE_TRANSACTION, "source", i);
    long created = created(BALANCE_TRANSACTION, i);
    long amount;
    long fee;
    String type;
    String sourceId;
    if (kind == 0) {
      amount = paymentAmount(ref(CHARGE, "payment_intent", source));
      fee = Math.round(amount * 0.029) + 30;
      type = "charge";
      sourceId = data.id(CHARGE, source);
    } else if (kind == 1) {
      amount = -refundAmount(source);
      fee = 0;
      type = "refund";
      sourceId = data.id(REFUND, source);
    } else {
      amount = -payoutAmount(source);
      fee = 0;
      type = "payout";
      sourceId = data.id(PAYOUT, source);
    }
    o.put("amount", amount);
    o.put("available_on", created + 2 * Generator.DAY);
    o.put("created", created);
    o.put("currency", "usd");
    o.set("description", kind == 2 ? JSON.textNode("STRIPE PAYOUT") : JSON.nullNode());
    o.putNull("exchange_rate");
    o.put("fee", fee);
    ArrayNode fees = o.putArray("fee_details");
    if (fee > 0) {
      ObjectNode f = fees.addObject();
      f.put("amount", fee);
      f.putNull("application");
      f.put("currency", "usd");
      f.put("description", "Stripe processing fees");
      f.put("type", "stripe_fee");
    }
    o.put("net", amount - fee);
    o.put("reporting_category", type);
    o.put("source", sourceId);
    o.put("status", "available");
    o.put("type", type);
    return o;
  }

  long payoutAmount(int payout) {
    return 10_000 + 100L * pick(PAYOUT, payout, 1, 5000);
  }

  private ObjectNode payout(int i) {
    ObjectNode o = start(PAYOUT, i);
    long created = created(PAYOUT, i);
    o.put("amount", payoutAmount(i));
    nulls(o, "application_fee", "application_fee_amount");
    o.put("arrival_date", created + 2 * Generator.DAY);
    o.put("automatic", true);
    o.put("balance_transaction", data.id(BALANCE_TRANSACTION, ref(PAYOUT, "balance_transaction", i)));
    o.put("created", created);
    o.put("currency", "usd");
    o.put("description", "STRIPE PAYOUT");
    o.put("destination", "ba_" + data.id(ACCOUNT, 0).substring(5, 8) + "BankAccount01");
    nulls(o, "failure_balance_transaction", "failure_code", "failure_message");
    common(o, PAYOUT, i);
    o.put("method", "standard");
    o.putNull("original_payout");
    o.put("reconciliation_status", "completed");
    o.putNull("reversed_by");
    o.put("source_type", "card");
    o.putNull("statement_descriptor");
    o.put("status", "paid");
    o.put("type", "bank_account");
    return o;
  }

  private ObjectNode checkoutSession(int i) {
    ObjectNode o = start(CHECKOUT_SESSION, i);
    int customer = ref(CHECKOUT_SESSION, "customer", i);
    int sub = ref(CHECKOUT_SESSION, "subscription", i);
    int pi = ref(CHECKOUT_SESSION, "payment_intent", i);
    long created = created(CHECKOUT_SESSION, i);
    long amount = pi >= 0 ? paymentAmount(pi) : 0;
    if (sub >= 0) {
      int latest = ref(SUBSCRIPTION, "latest_invoice", sub);
      amount = latest >= 0 ? invoiceTotal(latest) : 0;
    }
    o.putNull("after_expiration");
    o.putNull("allow_promotion_codes");
    o.put("amount_subtotal", amount);
    o.put("amount_total", amount);
    ObjectNode tax = o.putObject("automatic_tax");
    tax.put("enabled", false);
    nulls(tax, "liability", "status");
    o.putNull("billing_address_collection");
    o.put("cancel_url", "https://example.com/cancel");
    nulls(o, "client_reference_id", "client_secret", "consent", "consent_collection");
    o.put("created", created);
    o.put("currency", "usd");
    o.set("custom_fields", JSON.arrayNode());
    ObjectNode text = o.putObject("custom_text");
    nulls(text, "after_submit", "shipping_address", "submit", "terms_of_service_acceptance");
    o.put("customer", data.id(CUSTOMER, customer));
    o.putNull("customer_creation");
    ObjectNode details = o.putObject("customer_details");
    details.putNull("address");
    details.put("email", email(customer));
    details.put("name", personName(customer));
    details.putNull("phone");
    details.put("tax_exempt", "none");
    details.set("tax_ids", JSON.arrayNode());
    o.putNull("customer_email");
    o.put("expires_at", created + Generator.DAY);
    o.putNull("invoice");
    o.putNull("invoice_creation");
    o.put("livemode", data.livemode());
    o.putNull("locale");
    o.set("metadata", metadata(CHECKOUT_SESSION, i));
    o.put("mode", sub >= 0 ? "subscription" : "payment");
    idOrNull(o, "payment_intent", PAYMENT_INTENT, pi);
    o.putNull("payment_link");
    o.put("payment_method_collection", "always");
    o.putObject("payment_method_options");
    o.set("payment_method_types", array("card"));
    o.put("payment_status", "paid");
    o.putObject("phone_number_collection").put("enabled", false);
    nulls(o, "recovered_from", "setup_intent", "shipping_address_collection", "shipping_cost", "shipping_details");
    o.set("shipping_options", JSON.arrayNode());
    o.put("status", "complete");
    o.putNull("submit_type");
    idOrNull(o, "subscription", SUBSCRIPTION, sub);
    o.put("success_url", "https://example.com/success");
    ObjectNode totals = o.putObject("total_details");
    totals.put("amount_discount", 0);
    totals.put("amount_shipping", 0);
    totals.put("amount_tax", 0);
    o.put("ui_mode", "hosted");
    o.putNull("url");
    return o;
  }
}
