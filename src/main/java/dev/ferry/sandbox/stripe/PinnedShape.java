package dev.ferry.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.vendor.stripe.StripeApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Gives every object the sandbox serves the shape of the pinned API version ({@link StripeApi}, the
 * definition the Stripe source reads too), so that the two cannot drift apart: a link the version
 * keeps inside a nested object ({@code invoice.parent.subscription_details.subscription}) is moved
 * there from the flat field the generator writes, fields the version does not have are dropped, and
 * fields it has that the generator does not write are null.
 */
final class PinnedShape {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> ALWAYS = Set.of("id", "object", "deleted", "items", "lines");

  private PinnedShape() {}

  /** The definition's name of a sandbox type ({@code invoice_item} for {@code invoiceitem}), or null if not defined. */
  static StripeApi.ApiType definition(ObjectType type) {
    String name = type == ObjectType.INVOICEITEM ? "invoice_item" : type.typeName();
    return StripeApi.types().get(name);
  }

  private static ObjectType byObjectName(String objectName) {
    for (ObjectType type : ObjectType.values()) {
      if (type.objectName().equals(objectName)) {
        return type;
      }
    }
    return null;
  }

  static ObjectNode apply(ObjectType type, ObjectNode object) {
    StripeApi.ApiType api = definition(type);
    if (api == null || object == null || object.path("deleted").asBoolean(false)) {
      return object;
    }
    Set<String> topLevel = new java.util.HashSet<>(ALWAYS);
    for (StripeApi.ApiField field : api.fields()) {
      if (!field.promoted() && field.kind() != StripeApi.Kind.LIST) {
        topLevel.add(field.name());
      }
    }
    for (StripeApi.ApiField field : api.fields()) {
      if (field.promoted() && !topLevel.contains(field.name()) && object.has(field.name())) {
        JsonNode flat = object.get(field.name());
        String id = flat.isObject() ? flat.path("id").asText(null) : flat.isTextual() ? flat.asText() : null;
        if (id != null) {
          place(object, field.path(), id);
        }
      }
    }
    object.properties().forEach(e -> {
      // objects of a type of their own embedded in this one (customer.discount) have the version's shape too
      ObjectType embedded = e.getValue().isObject() ? byObjectName(e.getValue().path("object").asText("")) : null;
      if (embedded != null && e.getValue().has("id")) {
        apply(embedded, (ObjectNode) e.getValue());
      }
    });
    List<String> extra = new ArrayList<>();
    object.fieldNames().forEachRemaining(name -> {
      if (!topLevel.contains(name)) {
        extra.add(name);
      }
    });
    object.remove(extra);
    for (String name : topLevel) {
      if (!ALWAYS.contains(name) && !object.has(name)) {
        object.putNull(name);
      }
    }
    return object;
  }

  /**
   * Sets the id at a dotted path, making the nested objects on the way. The outermost one names the
   * branch it holds in {@code type}, as Stripe's do ({@code parent.type = subscription_details},
   * {@code source.type = coupon}); the objects inside it have no {@code type} in the spec, nor in stripe-java.
   */
  private static void place(ObjectNode object, String path, String id) {
    String[] steps = path.split("\\.");
    ObjectNode node = object;
    for (int i = 0; i < steps.length - 1; i++) {
      JsonNode next = node.get(steps[i]);
      if (next == null || !next.isObject()) {
        ObjectNode made = JSON.objectNode();
        if (i == 0) {
          made.put("type", steps[1]);
        }
        node.set(steps[i], made);
        next = made;
      }
      node = (ObjectNode) next;
    }
    node.put(steps[steps.length - 1], id);
  }

  /**
   * The value of a list filter named after a field ({@code subscription} on invoices): the top-level
   * field, or where the pinned version moved it.
   */
  static JsonNode field(ObjectType type, ObjectNode object, String name) {
    JsonNode value = object.path(name);
    StripeApi.ApiType api = definition(type);
    if (value.isMissingNode() && api != null) {
      for (StripeApi.ApiField field : api.fields()) {
        if (field.promoted() && field.name().equals(name)) {
          value = object;
          for (String step : field.path().split("\\.")) {
            value = value.path(step);
          }
        }
      }
    }
    return value;
  }
}
