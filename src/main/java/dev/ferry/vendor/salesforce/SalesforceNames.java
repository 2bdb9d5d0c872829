package dev.ferry.vendor.salesforce;

import java.util.Locale;

/**
 * How Salesforce API names become Postgres names, the same way for the sync's tables, the read side
 * and the docs: lower snake_case ({@code OpportunityLineItem} → {@code opportunity_line_item},
 * {@code BillingPostalCode} → {@code billing_postal_code}), so no SQL needs quoting and every ORM
 * target derives idiomatic names. A lookup is named for its relationship plus {@code _id}
 * ({@code AccountId} → {@code account_id}, {@code WhoId} → {@code who_id}, custom
 * {@code Primary_Contact__c} → {@code primary_contact_id}), as Stripe's references are.
 * Custom suffixes stay ({@code Regions__c} → {@code regions__c}) so a custom field never collides
 * with a standard one.
 */
public final class SalesforceNames {
  private SalesforceNames() {}

  /** {@code OpportunityLineItem} → {@code opportunity_line_item}; {@code SLAExpirationDate__c} → {@code sla_expiration_date__c}. */
  public static String snake(String apiName) {
    StringBuilder out = new StringBuilder(apiName.length() + 8);
    for (int i = 0; i < apiName.length(); i++) {
      char ch = apiName.charAt(i);
      if (Character.isUpperCase(ch) && i > 0) {
        char before = apiName.charAt(i - 1);
        boolean nextLower = i + 1 < apiName.length() && Character.isLowerCase(apiName.charAt(i + 1));
        if (before != '_' && (Character.isLowerCase(before) || Character.isDigit(before)
            || (Character.isUpperCase(before) && nextLower))) {
          out.append('_');
        }
      }
      out.append(Character.toLowerCase(ch));
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** The table of an object: {@code Account} → {@code account}. */
  public static String table(String objectName) {
    return snake(objectName);
  }

  /**
   * The name of a field without the {@code _id} a lookup's column adds: {@code AccountId} →
   * {@code account}, {@code Primary_Contact__c} → {@code primary_contact}; other fields are their snake
   * case ({@code SystemModstamp} → {@code system_modstamp}).
   */
  public static String field(SObjectField field) {
    if (!field.isReference()) {
      return snake(field.name());
    }
    String name = field.name();
    if (name.endsWith("__c")) {
      return snake(name.substring(0, name.length() - 3));
    }
    if (name.endsWith("Id") && name.length() > 2) {
      return snake(name.substring(0, name.length() - 2));
    }
    return snake(name);
  }
}
