package dev.ferry.vendor.stripe;

import dev.ferry.vendor.VendorModel;
import dev.ferry.vendor.VendorObject;
import dev.ferry.vendor.VendorReference;
import java.util.List;

/**
 * Stripe's object types and their expandable references (https://docs.stripe.com/api): each
 * {@code field>target} is a field holding the id of a {@code target} object, {@code >>} a list of
 * ids, {@code a|b} one of several types told apart by id prefix. The types Ferry's Stripe source
 * syncs take their references from {@link StripeApi} (Stripe's spec of the pinned version), plus the
 * ones written here that older versions had (tables other tools synced may still hold
 * {@code invoice.charge}); the list also covers common types other sync tools write (transfers,
 * fees, Issuing, cards and bank accounts).
 */
public final class StripeModel implements VendorModel {
  private static final List<VendorObject> OBJECTS = withPinnedVersion(List.of(
      VendorObject.of("account", "").idPrefixes("acct_"),
      VendorObject.of("customer", "default_source>card|bank_account|source invoice_settings.default_payment_method>payment_method"
          + " test_clock>test_clock").idPrefixes("cus_"),
      VendorObject.of("product", "default_price>price").idPrefixes("prod_"),
      VendorObject.of("price", "product>product").idPrefixes("price_"),
      VendorObject.of("plan", "product>product").idPrefixes("plan_", "price_"),
      VendorObject.of("subscription", "customer>customer default_payment_method>payment_method default_tax_rates>>tax_rate"
          + " discounts>>discount latest_invoice>invoice on_behalf_of>account pending_setup_intent>setup_intent"
          + " default_source>card|bank_account|source schedule>subscription_schedule test_clock>test_clock"
          + " transfer_data.destination>account").idPrefixes("sub_"),
      VendorObject.of("subscription_item", "discounts>>discount plan>plan price>price subscription>subscription tax_rates>>tax_rate")
          .idPrefixes("si_"),
      VendorObject.of("subscription_schedule", "customer>customer subscription>subscription test_clock>test_clock")
          .idPrefixes("sub_sched_"),
      VendorObject.of("invoice", "charge>charge customer>customer default_payment_method>payment_method default_tax_rates>>tax_rate"
          + " discounts>>discount on_behalf_of>account payment_intent>payment_intent subscription>subscription"
          + " default_source>card|bank_account|source test_clock>test_clock transfer_data.destination>account")
          .idPrefixes("in_"),
      VendorObject.of("invoice_line_item", "discounts>>discount invoice>invoice invoice_item>invoice_item plan>plan price>price"
          + " subscription>subscription subscription_item>subscription_item tax_rates>>tax_rate").aliases("line_item").idPrefixes("il_"),
      VendorObject.of("invoice_item", "customer>customer discounts>>discount invoice>invoice price>price subscription>subscription"
          + " subscription_item>subscription_item tax_rates>>tax_rate test_clock>test_clock").aliases("invoiceitem").idPrefixes("ii_"),
      VendorObject.of("charge", "balance_transaction>balance_transaction customer>customer failure_balance_transaction>balance_transaction"
          + " invoice>invoice on_behalf_of>account payment_intent>payment_intent payment_method>payment_method"
          + " application_fee>application_fee destination>account review>review source_transfer>transfer transfer>transfer"
          + " transfer_data.destination>account").idPrefixes("ch_", "py_"),
      VendorObject.of("payment_intent", "customer>customer invoice>invoice latest_charge>charge on_behalf_of>account"
          + " payment_method>payment_method review>review transfer_data.destination>account").idPrefixes("pi_"),
      VendorObject.of("payment_method", "customer>customer").idPrefixes("pm_", "card_", "src_"),
      VendorObject.of("setup_intent", "customer>customer on_behalf_of>account payment_method>payment_method"
          + " latest_attempt>setup_attempt mandate>mandate single_use_mandate>mandate").idPrefixes("seti_"),
      VendorObject.of("setup_attempt", "customer>customer on_behalf_of>account payment_method>payment_method setup_intent>setup_intent")
          .idPrefixes("setatt_"),
      VendorObject.of("mandate", "payment_method>payment_method").idPrefixes("mandate_"),
      VendorObject.of("refund", "balance_transaction>balance_transaction charge>charge failure_balance_transaction>balance_transaction"
          + " payment_intent>payment_intent source_transfer_reversal>transfer_reversal transfer_reversal>transfer_reversal")
          .idPrefixes("re_", "pyr_"),
      VendorObject.of("dispute", "charge>charge payment_intent>payment_intent").idPrefixes("dp_", "du_"),
      VendorObject.of("balance_transaction", "source>charge|refund|payout|dispute|transfer|application_fee").idPrefixes("txn_"),
      VendorObject.of("payout", "balance_transaction>balance_transaction failure_balance_transaction>balance_transaction"
          + " destination>bank_account|card").idPrefixes("po_"),
      VendorObject.of("transfer", "balance_transaction>balance_transaction destination>account destination_payment>charge"
          + " source_transaction>charge").idPrefixes("tr_"),
      VendorObject.of("transfer_reversal", "balance_transaction>balance_transaction destination_payment_refund>refund"
          + " source_refund>refund transfer>transfer").idPrefixes("trr_"),
      VendorObject.of("application_fee", "account>account balance_transaction>balance_transaction charge>charge"
          + " originating_transaction>charge").idPrefixes("fee_"),
      VendorObject.of("review", "charge>charge payment_intent>payment_intent").idPrefixes("prv_"),
      VendorObject.of("coupon", ""),
      VendorObject.of("discount", "checkout_session>checkout_session coupon>coupon customer>customer invoice>invoice"
          + " invoice_item>invoice_item promotion_code>promotion_code subscription>subscription subscription_item>subscription_item")
          .idPrefixes("di_"),
      VendorObject.of("promotion_code", "coupon>coupon customer>customer").idPrefixes("promo_"),
      VendorObject.of("tax_rate", "").idPrefixes("txr_"),
      VendorObject.of("checkout_session", "customer>customer invoice>invoice payment_intent>payment_intent setup_intent>setup_intent"
          + " subscription>subscription").aliases("checkout.session").idPrefixes("cs_"),
      VendorObject.of("credit_note", "customer>customer invoice>invoice refund>refund").idPrefixes("cn_"),
      VendorObject.of("quote", "customer>customer invoice>invoice subscription>subscription"
          + " subscription_schedule>subscription_schedule").idPrefixes("qt_"),
      VendorObject.of("card", "account>account customer>customer").idPrefixes("card_"),
      VendorObject.of("bank_account", "account>account customer>customer").idPrefixes("ba_"),
      VendorObject.of("source", "customer>customer").idPrefixes("src_"),
      VendorObject.of("test_clock", "").aliases("test_helpers.test_clock").idPrefixes("clock_"),
      VendorObject.of("issuing_cardholder", "").aliases("issuing.cardholder").idPrefixes("ich_"),
      VendorObject.of("issuing_card", "cardholder>issuing_cardholder replaced_by>issuing_card replacement_for>issuing_card")
          .aliases("issuing.card").idPrefixes("ic_"),
      VendorObject.of("issuing_authorization", "card>issuing_card cardholder>issuing_cardholder").aliases("issuing.authorization")
          .idPrefixes("iauth_"),
      VendorObject.of("issuing_transaction", "authorization>issuing_authorization balance_transaction>balance_transaction"
          + " card>issuing_card cardholder>issuing_cardholder dispute>issuing_dispute").aliases("issuing.transaction")
          .idPrefixes("ipi_"),
      VendorObject.of("issuing_dispute", "transaction>issuing_transaction").aliases("issuing.dispute").idPrefixes("idp_"),
      VendorObject.of("invoice_payment", "invoice>invoice").idPrefixes("inpay_")));

  /**
   * Each object with the references and nested lists ({@code invoice.lines}, {@code invoice.payments}) the pinned
   * version's definition gives it, to the objects known here.
   */
  private static List<VendorObject> withPinnedVersion(List<VendorObject> written) {
    java.util.Set<String> known = new java.util.HashSet<>();
    written.forEach(o -> known.add(o.name()));
    List<VendorObject> objects = new java.util.ArrayList<>();
    for (VendorObject object : written) {
      StripeApi.ApiType api = StripeApi.types().get(object.name());
      if (api == null) {
        objects.add(object);
        continue;
      }
      List<VendorReference> references = new java.util.ArrayList<>();
      List<VendorObject.NestedList> lists = new java.util.ArrayList<>();
      java.util.Set<String> fields = new java.util.HashSet<>();
      for (StripeApi.ApiField field : api.fields()) {
        List<String> targets = field.targets().stream().filter(known::contains).toList();
        if (field.kind() == StripeApi.Kind.LIST && targets.size() == 1) {
          lists.add(new VendorObject.NestedList(field.name(), targets.get(0)));
        }
        boolean reference = field.kind() == StripeApi.Kind.REFERENCE || field.kind() == StripeApi.Kind.ID_LIST;
        if (reference && !targets.isEmpty()) {
          references.add(new VendorReference(field.name(), targets, null, field.kind() == StripeApi.Kind.ID_LIST));
          fields.add(field.name());
        }
      }
      object.references().stream().filter(r -> !fields.contains(r.field())).forEach(references::add);
      objects.add(new VendorObject(object.name(), object.aliases(), object.idPrefixes(), references, lists));
    }
    return List.copyOf(objects);
  }

  @Override
  public String system() {
    return "stripe";
  }

  @Override
  public List<String> nameWords() {
    return List.of("stripe");
  }

  @Override
  public List<String> markerFields() {
    return List.of("livemode");
  }

  @Override
  public String keyField() {
    return "id";
  }

  @Override
  public List<VendorObject> objects() {
    return OBJECTS;
  }

  @Override
  public List<VendorReference> commonReferences() {
    return List.of();
  }
}
