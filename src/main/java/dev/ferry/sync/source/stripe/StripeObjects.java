package dev.ferry.sync.source.stripe;

import dev.ferry.sync.source.Field;
import dev.ferry.sync.source.FieldType;
import dev.ferry.sync.source.ObjectType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Stripe object types Ferry syncs, each with its fields as the API reference names them
 * (https://docs.stripe.com/api), its list endpoint and its {@code object} value. Fields are written
 * compactly as {@code name:kind[>target]} with kinds s(tring), i(nteger), b(oolean), t(imestamp),
 * d(ecimal), j(son), ref (expandable reference) and ids (list of ids).
 */
final class StripeObjects {
  /** One synced type: {@code listPath} is null for types reached only through a parent or embedding. */
  record Spec(ObjectType type, String objectName, String listPath, String listQuery, String nestedListField, boolean createdFilter) {}

  private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

  static {
    top("account", "account", "/v1/accounts",
        "business_profile:j business_type:s capabilities:j charges_enabled:b company:j controller:j country:s created:t"
            + " default_currency:s details_submitted:b email:s external_accounts:j individual:j metadata:j"
            + " payouts_enabled:b requirements:j settings:j tos_acceptance:j type:s");
    top("customer", "customer", "/v1/customers",
        "address:j balance:i created:t currency:s default_source:s delinquent:b description:s discount:j email:s"
            + " invoice_prefix:s invoice_settings:j livemode:b metadata:j name:s next_invoice_sequence:i phone:s"
            + " preferred_locales:j shipping:j tax_exempt:s test_clock:s");
    top("product", "product", "/v1/products",
        "active:b created:t default_price:ref>price description:s images:j livemode:b marketing_features:j metadata:j"
            + " name:s package_dimensions:j shippable:b statement_descriptor:s tax_code:s type:s unit_label:s"
            + " updated:t url:s");
    top("price", "price", "/v1/prices",
        "active:b billing_scheme:s created:t currency:s custom_unit_amount:j livemode:b lookup_key:s metadata:j"
            + " nickname:s product:ref>product recurring:j tax_behavior:s tiers_mode:s transform_quantity:j type:s"
            + " unit_amount:i unit_amount_decimal:d");
    top("plan", "plan", "/v1/plans",
        "active:b aggregate_usage:s amount:i amount_decimal:d billing_scheme:s created:t currency:s interval:s"
            + " interval_count:i livemode:b metadata:j meter:s nickname:s product:ref>product tiers_mode:s"
            + " transform_usage:j trial_period_days:i usage_type:s");
    SPECS.put("subscription", new Spec(type("subscription",
        "application:s application_fee_percent:d automatic_tax:j billing_cycle_anchor:t billing_thresholds:j"
            + " cancel_at:t cancel_at_period_end:b canceled_at:t cancellation_details:j collection_method:s created:t"
            + " currency:s current_period_end:t current_period_start:t customer:ref>customer days_until_due:i"
            + " default_payment_method:ref>payment_method default_source:s default_tax_rates:ids>tax_rate description:s"
            + " discount:j discounts:ids>discount ended_at:t latest_invoice:ref>invoice livemode:b metadata:j"
            + " next_pending_invoice_item_invoice:t on_behalf_of:ref>account pause_collection:j payment_settings:j"
            + " pending_invoice_item_interval:j pending_setup_intent:ref>setup_intent pending_update:j schedule:s"
            + " start_date:t status:s test_clock:s transfer_data:j trial_end:t trial_settings:j trial_start:t invoice_settings:j",
        null, null), "subscription", "/v1/subscriptions", "status=all", "items", true));
    child("subscription_item", "subscription_item", "subscription", "subscription",
        "billing_thresholds:j created:t current_period_end:t current_period_start:t discounts:ids>discount metadata:j"
            + " plan:ref>plan price:ref>price quantity:i subscription:ref>subscription tax_rates:ids>tax_rate");
    SPECS.put("invoice", new Spec(type("invoice",
        "account_country:s account_name:s amount_due:i amount_paid:i amount_remaining:i amount_shipping:i"
            + " application:s attempt_count:i attempted:b auto_advance:b automatic_tax:j billing_reason:s"
            + " charge:ref>charge collection_method:s created:t currency:s custom_fields:j customer:ref>customer"
            + " customer_address:j customer_email:s customer_name:s customer_phone:s customer_shipping:j"
            + " customer_tax_exempt:s customer_tax_ids:j default_payment_method:ref>payment_method default_source:s"
            + " default_tax_rates:ids>tax_rate description:s discount:j discounts:ids>discount due_date:t ending_balance:i"
            + " footer:s hosted_invoice_url:s invoice_pdf:s livemode:b metadata:j next_payment_attempt:t number:s"
            + " on_behalf_of:ref>account paid:b paid_out_of_band:b payment_intent:ref>payment_intent"
            + " payment_settings:j period_end:t period_start:t post_payment_credit_notes_amount:i"
            + " pre_payment_credit_notes_amount:i receipt_number:s starting_balance:i statement_descriptor:s status:s"
            + " status_transitions:j subscription:ref>subscription subtotal:i subtotal_excluding_tax:i tax:i total:i"
            + " total_discount_amounts:j total_excluding_tax:i total_tax_amounts:j webhooks_delivered_at:t effective_at:t issuer:j subscription_details:j",
        null, null), "invoice", "/v1/invoices", null, "lines", true));
    child("invoice_line_item", "line_item", "invoice", "invoice",
        "amount:i amount_excluding_tax:i currency:s description:s discount_amounts:j discountable:b"
            + " discounts:ids>discount invoice:ref>invoice invoice_item:ref>invoice_item livemode:b metadata:j period:j"
            + " plan:ref>plan price:ref>price proration:b quantity:i subscription:ref>subscription"
            + " subscription_item:ref>subscription_item tax_amounts:j tax_rates:ids>tax_rate type:s unit_amount_excluding_tax:d proration_details:j");
    top("invoice_item", "invoiceitem", "/v1/invoiceitems",
        "amount:i currency:s customer:ref>customer date:t description:s discountable:b discounts:ids>discount"
            + " invoice:ref>invoice livemode:b metadata:j period:j price:ref>price proration:b quantity:i"
            + " subscription:ref>subscription subscription_item:ref>subscription_item tax_rates:ids>tax_rate unit_amount:i"
            + " unit_amount_decimal:d");
    top("charge", "charge", "/v1/charges",
        "amount:i amount_captured:i amount_refunded:i application:s application_fee:s application_fee_amount:i"
            + " balance_transaction:ref>balance_transaction billing_details:j calculated_statement_descriptor:s"
            + " captured:b created:t currency:s customer:ref>customer description:s disputed:b"
            + " failure_balance_transaction:ref>balance_transaction failure_code:s failure_message:s fraud_details:j"
            + " invoice:ref>invoice livemode:b metadata:j on_behalf_of:ref>account outcome:j paid:b"
            + " payment_intent:ref>payment_intent payment_method:ref>payment_method payment_method_details:j"
            + " receipt_email:s receipt_number:s receipt_url:s refunded:b refunds:j review:s shipping:j"
            + " source_transfer:s statement_descriptor:s statement_descriptor_suffix:s status:s transfer_data:j"
            + " transfer_group:s");
    top("payment_intent", "payment_intent", "/v1/payment_intents",
        "client_secret:s amount:i amount_capturable:i amount_details:j amount_received:i application:s application_fee_amount:i"
            + " automatic_payment_methods:j canceled_at:t cancellation_reason:s capture_method:s"
            + " confirmation_method:s created:t currency:s customer:ref>customer description:s invoice:ref>invoice"
            + " last_payment_error:j latest_charge:ref>charge livemode:b metadata:j next_action:j"
            + " on_behalf_of:ref>account payment_method:ref>payment_method payment_method_options:j"
            + " payment_method_types:j processing:j receipt_email:s review:s setup_future_usage:s shipping:j"
            + " statement_descriptor:s statement_descriptor_suffix:s status:s transfer_data:j transfer_group:s");
    top("payment_method", "payment_method", "/v1/payment_methods",
        "allow_redisplay:s billing_details:j card:j created:t customer:ref>customer livemode:b metadata:j type:s");
    top("setup_intent", "setup_intent", "/v1/setup_intents",
        "application:s cancellation_reason:s created:t customer:ref>customer description:s last_setup_error:j"
            + " latest_attempt:s livemode:b mandate:s metadata:j next_action:j on_behalf_of:ref>account"
            + " payment_method:ref>payment_method payment_method_options:j payment_method_types:j"
            + " single_use_mandate:s status:s usage:s client_secret:s");
    top("refund", "refund", "/v1/refunds",
        "amount:i balance_transaction:ref>balance_transaction charge:ref>charge created:t currency:s description:s"
            + " destination_details:j failure_balance_transaction:ref>balance_transaction failure_reason:s metadata:j"
            + " payment_intent:ref>payment_intent reason:s receipt_number:s source_transfer_reversal:s status:s"
            + " transfer_reversal:s");
    top("dispute", "dispute", "/v1/disputes",
        "amount:i balance_transactions:j charge:ref>charge created:t currency:s evidence:j evidence_details:j"
            + " is_charge_refundable:b livemode:b metadata:j payment_intent:ref>payment_intent"
            + " payment_method_details:j reason:s status:s");
    top("balance_transaction", "balance_transaction", "/v1/balance_transactions",
        "amount:i available_on:t created:t currency:s description:s exchange_rate:d fee:i fee_details:j net:i"
            + " reporting_category:s source:poly>ch_=charge,py_=charge,re_=refund,pyr_=refund,po_=payout,dp_=dispute,du_=dispute"
            + " status:s type:s");
    top("payout", "payout", "/v1/payouts",
        "amount:i arrival_date:t automatic:b balance_transaction:ref>balance_transaction created:t currency:s"
            + " description:s destination:s failure_balance_transaction:ref>balance_transaction failure_code:s"
            + " failure_message:s livemode:b metadata:j method:s original_payout:s reconciliation_status:s"
            + " reversed_by:s source_type:s statement_descriptor:s status:s type:s");
    top("coupon", "coupon", "/v1/coupons",
        "amount_off:i applies_to:j created:t currency:s currency_options:j duration:s duration_in_months:i"
            + " livemode:b max_redemptions:i metadata:j name:s percent_off:d redeem_by:t times_redeemed:i valid:b");
    // No list endpoint: discounts arrive embedded in customers and subscriptions, and as customer.discount.* events.
    SPECS.put("discount", new Spec(type("discount",
        "checkout_session:ref>checkout_session coupon:ref>coupon customer:ref>customer end:t invoice:ref>invoice"
            + " invoice_item:ref>invoice_item promotion_code:ref>promotion_code start:t subscription:ref>subscription"
            + " subscription_item:ref>subscription_item", null, null), "discount", null, null, null, false));
    top("promotion_code", "promotion_code", "/v1/promotion_codes",
        "active:b code:s coupon:ref>coupon created:t customer:ref>customer expires_at:t livemode:b max_redemptions:i"
            + " metadata:j restrictions:j times_redeemed:i");
    top("tax_rate", "tax_rate", "/v1/tax_rates",
        "active:b country:s created:t description:s display_name:s effective_percentage:d inclusive:b"
            + " jurisdiction:s jurisdiction_level:s livemode:b metadata:j percentage:d state:s tax_type:s");
    top("checkout_session", "checkout.session", "/v1/checkout/sessions",
        "amount_subtotal:i amount_total:i automatic_tax:j billing_address_collection:s cancel_url:s"
            + " client_reference_id:s created:t currency:s customer:ref>customer customer_details:j customer_email:s"
            + " expires_at:t invoice:ref>invoice livemode:b locale:s metadata:j mode:s payment_intent:ref>payment_intent"
            + " payment_link:s payment_method_types:j payment_status:s setup_intent:ref>setup_intent"
            + " shipping_details:j status:s submit_type:s subscription:ref>subscription success_url:s"
            + " total_details:j url:s custom_fields:j custom_text:j payment_method_collection:s payment_method_options:j phone_number_collection:j shipping_options:j ui_mode:s");
  }

  private StripeObjects() {}

  static Map<String, Spec> all() {
    return SPECS;
  }

  static Spec spec(String type) {
    return SPECS.get(type);
  }

  /** The synced type whose {@code object} value is {@code objectName}, or null. */
  static Spec byObjectName(String objectName) {
    for (Spec spec : SPECS.values()) {
      if (spec.objectName().equals(objectName)) {
        return spec;
      }
    }
    return null;
  }

  private static void top(String name, String objectName, String listPath, String fields) {
    SPECS.put(name, new Spec(type(name, fields, null, null), objectName, listPath, null, null, true));
  }

  private static void child(String name, String objectName, String parent, String parentField, String fields) {
    SPECS.put(name, new Spec(type(name, fields, parent, parentField), objectName, null, null, null, false));
  }

  static ObjectType type(String name, String fields, String parent, String parentField) {
    List<Field> parsed = new ArrayList<>();
    for (String token : fields.trim().split("\\s+")) {
      int colon = token.indexOf(':');
      String fieldName = token.substring(0, colon);
      String kind = token.substring(colon + 1);
      String target = null;
      int arrow = kind.indexOf('>');
      if (arrow >= 0) {
        target = kind.substring(arrow + 1);
        kind = kind.substring(0, arrow);
      }
      FieldType fieldType = switch (kind) {
        case "s" -> FieldType.STRING;
        case "i" -> FieldType.INTEGER;
        case "b" -> FieldType.BOOLEAN;
        case "t" -> FieldType.TIMESTAMP;
        case "d" -> FieldType.DECIMAL;
        case "j" -> FieldType.JSON;
        case "ref" -> FieldType.REFERENCE;
        case "poly" -> FieldType.POLYMORPHIC;
        case "ids" -> FieldType.ID_LIST;
        default -> throw new IllegalArgumentException("unknown field kind " + kind + " in " + name);
      };
      parsed.add(new Field(fieldName, fieldType, target));
    }
    return new ObjectType(name, parsed, parent, parentField);
  }
}
