package dev.ferry.sync.source.stripe;

import dev.ferry.sync.source.Field;
import dev.ferry.sync.source.FieldType;
import dev.ferry.sync.source.ObjectType;
import dev.ferry.vendor.stripe.StripeApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The Stripe object types Ferry syncs. Their fields come from {@link StripeApi}, Stripe's own
 * definition of the pinned API version; what is Ferry's here is only how each type is read: its list
 * endpoint with extra filters, the nested list that carries its children, and, for a child, its parent.
 */
final class StripeObjects {
  /**
   * One synced type: {@code listPath} is null for types reached only through a parent or embedding;
   * a {@code {customer}} in it is listed once per customer.
   */
  record Spec(ObjectType type, String objectName, String listPath, String listQuery, String nestedListField, boolean createdFilter) {
    boolean perCustomer() {
      return listPath != null && listPath.contains("{customer}");
    }
  }

  /** Where a child type's parent is named, and the nested list of the parent that carries the children. */
  private record Child(String parent, String parentField, String parentListField) {}

  private static final Map<String, Child> CHILDREN = Map.of(
      "subscription_item", new Child("subscription", "subscription", "items"),
      "invoice_line_item", new Child("invoice", "invoice", "lines"));

  /** Filters a list needs to return every object: subscriptions list only the live ones unless asked for all. */
  private static final Map<String, String> LIST_QUERIES = Map.of("subscription", "status=all");

  /**
   * Stripe lists a customer's payment methods under the customer: /v1/payment_methods without a
   * customer lists only Treasury payment methods, and neither takes a {@code created} filter.
   */
  private static final Map<String, String> LIST_PATHS = Map.of("payment_method", "/v1/customers/{customer}/payment_methods");

  private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

  static {
    for (StripeApi.ApiType api : StripeApi.types().values()) {
      Child child = CHILDREN.get(api.name());
      String nestedList = CHILDREN.values().stream().filter(c -> c.parent().equals(api.name()))
          .map(Child::parentListField).findFirst().orElse(null);
      List<Field> fields = new ArrayList<>();
      for (StripeApi.ApiField field : api.fields()) {
        if (field.kind() != StripeApi.Kind.LIST) {
          fields.add(field(field));
        }
      }
      ObjectType type = new ObjectType(api.name(), fields, child == null ? null : child.parent(),
          child == null ? null : child.parentField());
      String listPath = child != null ? null : LIST_PATHS.getOrDefault(api.name(), api.listPath());
      boolean createdFilter = api.createdFilter() && listPath != null && listPath.equals(api.listPath());
      SPECS.put(api.name(), new Spec(type, api.objectName(), listPath, LIST_QUERIES.get(api.name()), nestedList, createdFilter));
    }
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

  /** A field of the definition as the engine stores it; a reference to several types is told apart by id prefix. */
  static Field field(StripeApi.ApiField field) {
    String path = field.promoted() ? field.path() : null;
    // the comment says where a promoted value was read from, and an enumeration's options
    String description = path != null ? "from " + path
        : field.enumValues().isEmpty() ? null : "one of: " + String.join(", ", field.enumValues());
    return switch (field.kind()) {
      case STRING -> new Field(field.name(), FieldType.STRING, null, description, path);
      case INTEGER -> new Field(field.name(), FieldType.INTEGER, null, description, path);
      case BOOLEAN -> new Field(field.name(), FieldType.BOOLEAN, null, description, path);
      case TIMESTAMP -> new Field(field.name(), FieldType.TIMESTAMP, null, description, path);
      case DECIMAL -> new Field(field.name(), FieldType.DECIMAL, null, description, path);
      case JSON -> new Field(field.name(), FieldType.JSON, null, description, path);
      case ID_LIST -> new Field(field.name(), FieldType.ID_LIST, field.targets().get(0), description, path);
      case LIST -> throw new IllegalArgumentException("nested list " + field.name() + " is no field");
      case REFERENCE -> {
        if (field.targets().size() == 1) {
          yield new Field(field.name(), FieldType.REFERENCE, field.targets().get(0), description, path);
        }
        StringJoiner prefixes = new StringJoiner(",");
        field.idPrefixes().forEach((prefix, target) -> prefixes.add(prefix + "=" + target));
        yield new Field(field.name(), FieldType.POLYMORPHIC, prefixes.toString(), description, path);
      }
    };
  }
}
