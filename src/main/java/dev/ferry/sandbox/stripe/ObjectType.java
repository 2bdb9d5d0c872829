package dev.ferry.sandbox.stripe;

import java.util.Set;

/**
 * The Stripe object types the sandbox serves: the {@code object} value, id prefix, list path (null when
 * the type has no top-level list), the fields {@code expand[]} accepts, and the extra list filters.
 */
public enum ObjectType {
  ACCOUNT("account", "acct_", "/v1/accounts", Set.of(), Set.of()),
  CUSTOMER(
      "customer",
      "cus_",
      "/v1/customers",
      Set.of("default_source", "invoice_settings.default_payment_method", "test_clock"),
      Set.of("email", "test_clock")),
  PRODUCT("product", "prod_", "/v1/products", Set.of("default_price"), Set.of("active", "ids[]", "shippable", "url")),
  PRICE(
      "price",
      "price_",
      "/v1/prices",
      Set.of("product"),
      Set.of("active", "currency", "product", "type", "lookup_keys[]", "recurring[interval]", "recurring[usage_type]")),
  PLAN("plan", "price_", "/v1/plans", Set.of("product"), Set.of("active", "product")),
  COUPON("coupon", "", "/v1/coupons", Set.of(), Set.of()),
  PROMOTION_CODE(
      "promotion_code", "promo_", "/v1/promotion_codes", Set.of("customer"), Set.of("active", "code", "coupon", "customer")),
  TAX_RATE("tax_rate", "txr_", "/v1/tax_rates", Set.of(), Set.of("active", "inclusive")),
  PAYMENT_METHOD("payment_method", "pm_", "/v1/payment_methods", Set.of("customer"), Set.of("customer", "type")),
  SETUP_INTENT(
      "setup_intent",
      "seti_",
      "/v1/setup_intents",
      Set.of("customer", "payment_method", "on_behalf_of", "latest_attempt", "mandate", "application"),
      Set.of("customer", "payment_method", "attach_to_self")),
  SUBSCRIPTION(
      "subscription",
      "sub_",
      "/v1/subscriptions",
      Set.of(
          "customer", "default_payment_method", "default_source", "latest_invoice", "on_behalf_of",
          "pending_setup_intent", "schedule", "discounts", "application", "test_clock"),
      Set.of("customer", "price", "status", "collection_method", "test_clock", "current_period_end",
          "current_period_start")),
  SUBSCRIPTION_ITEM("subscription_item", "si_", "/v1/subscription_items", Set.of("discounts"), Set.of("subscription")),
  INVOICE(
      "invoice",
      "in_",
      "/v1/invoices",
      Set.of(
          "customer", "subscription", "charge", "payment_intent", "default_payment_method", "default_source",
          "on_behalf_of", "discounts", "account_tax_ids", "latest_revision", "test_clock", "application"),
      Set.of("customer", "subscription", "status", "collection_method", "due_date")),
  INVOICE_LINE_ITEM("line_item", "il_", null, Set.of("discounts"), Set.of()),
  INVOICEITEM(
      "invoiceitem",
      "ii_",
      "/v1/invoiceitems",
      Set.of("customer", "invoice", "subscription", "discounts", "test_clock"),
      Set.of("customer", "invoice", "pending")),
  PAYMENT_INTENT(
      "payment_intent",
      "pi_",
      "/v1/payment_intents",
      Set.of("customer", "payment_method", "invoice", "latest_charge", "on_behalf_of", "application", "review"),
      Set.of("customer")),
  CHARGE(
      "charge",
      "ch_",
      "/v1/charges",
      Set.of(
          "customer", "balance_transaction", "invoice", "payment_intent", "on_behalf_of", "application",
          "application_fee", "failure_balance_transaction", "review", "source_transfer", "transfer"),
      Set.of("customer", "payment_intent", "transfer_group")),
  REFUND(
      "refund",
      "re_",
      "/v1/refunds",
      Set.of("charge", "payment_intent", "balance_transaction", "failure_balance_transaction"),
      Set.of("charge", "payment_intent")),
  DISPUTE("dispute", "dp_", "/v1/disputes", Set.of("charge", "payment_intent"), Set.of("charge", "payment_intent")),
  BALANCE_TRANSACTION(
      "balance_transaction",
      "txn_",
      "/v1/balance_transactions",
      Set.of("source"),
      Set.of("currency", "payout", "source", "type")),
  PAYOUT(
      "payout",
      "po_",
      "/v1/payouts",
      Set.of("balance_transaction", "destination", "failure_balance_transaction", "original_payout", "reversed_by"),
      Set.of("arrival_date", "destination", "status")),
  CHECKOUT_SESSION(
      "checkout.session",
      "cs_",
      "/v1/checkout/sessions",
      Set.of("customer", "subscription", "payment_intent", "invoice", "setup_intent", "payment_link"),
      Set.of("customer", "customer_details[email]", "payment_intent", "payment_link", "status", "subscription")),
  DISCOUNT("discount", "di_", null, Set.of("customer", "promotion_code"), Set.of()),
  EVENT("event", "evt_", "/v1/events", Set.of(), Set.of("type", "types[]", "delivery_success"));

  private final String objectName;
  private final String prefix;
  private final String listPath;
  private final Set<String> expandable;
  private final Set<String> listFilters;

  ObjectType(String objectName, String prefix, String listPath, Set<String> expandable, Set<String> listFilters) {
    this.objectName = objectName;
    this.prefix = prefix;
    this.listPath = listPath;
    this.expandable = expandable;
    this.listFilters = listFilters;
  }

  /** The {@code object} field of this type's JSON. */
  public String objectName() {
    return objectName;
  }

  /** The id prefix ({@code cus_}); coupons have none, checkout sessions add the mode ({@code cs_test_}). */
  public String prefix(boolean livemode) {
    return this == CHECKOUT_SESSION ? (livemode ? "cs_live_" : "cs_test_") : prefix;
  }

  /** The top-level list path ({@code /v1/customers}), or null when Stripe has none. */
  public String listPath() {
    return listPath;
  }

  /** Dotted field paths (relative to the object) that {@code expand[]} accepts. */
  public Set<String> expandable() {
    return expandable;
  }

  Set<String> listFilters() {
    return listFilters;
  }

  /** The table-like name of the type ({@code checkout_session}, {@code invoice_line_item}). */
  public String typeName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The type whose ids start with {@code id}'s prefix (longest prefix wins), or null. */
  static ObjectType ofId(String id) {
    if (id == null) {
      return null;
    }
    if (id.startsWith("cs_test_") || id.startsWith("cs_live_")) {
      return CHECKOUT_SESSION;
    }
    for (ObjectType type : values()) {
      if (!type.prefix.isEmpty() && type != PLAN && type != CHECKOUT_SESSION && id.startsWith(type.prefix)) {
        return type;
      }
    }
    return null;
  }
}
