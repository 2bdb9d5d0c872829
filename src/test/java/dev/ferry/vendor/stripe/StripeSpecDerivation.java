package dev.ferry.vendor.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.testing.Toolchains;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives {@link StripeApi}'s resource from Stripe's OpenAPI spec of the pinned version, the spec
 * stripe-mock v0.203.0 embeds and serves (compat/stripe-mock installs it). Chosen over stripe-java's
 * model classes because the spec is what both stripe-mock and Stripe's API validate against, and
 * because it says what the classes lose: the target types of every expandable reference (also
 * {@code x-expansionResources} of polymorphic ones), enums, {@code unix-time} and {@code decimal}
 * formats, and which list endpoints take a {@code created} filter.
 *
 * <p>Rules: {@code integer}+{@code unix-time} is a timestamp; a string with format {@code decimal} and
 * {@code number} are decimals; an expandable field is a reference to its expansion targets (an array of
 * them an id list); a nested list is a list of objects of another type, which is no column; other
 * objects and arrays are JSON. Inside a nested object (never inside an
 * array, a list, an error or an object that is a Stripe type of its own; three steps deep at most) every
 * expandable field, and
 * every plain string named after a Stripe type ({@code parent.subscription_item_details.subscription_item}),
 * is promoted to a reference field of its own: named {@code <leaf>} when the leaf names its target and no
 * other field takes that name, else after its whole path.
 */
final class StripeSpecDerivation {
  /** The types Ferry syncs: Ferry's name → the spec's schema name. */
  static final Map<String, String> SYNCED = new LinkedHashMap<>();

  static {
    for (String name : List.of("account", "customer", "product", "price", "plan", "subscription", "subscription_item",
        "invoice", "invoice_line_item", "invoice_item", "invoice_payment", "charge", "payment_intent", "payment_method",
        "setup_intent", "refund", "dispute", "balance_transaction", "payout", "coupon", "discount", "promotion_code",
        "tax_rate", "checkout_session")) {
      SYNCED.put(name, specName(name));
    }
  }

  /**
   * Stripe's id prefixes, which the spec does not state (https://docs.stripe.com/api, each object's
   * example ids); used only to tell apart the targets of a reference to several types.
   */
  static final Map<String, String> ID_PREFIXES = prefixes(
      "ch_=charge py_=charge re_=refund pyr_=refund po_=payout dp_=dispute du_=dispute tr_=transfer trr_=transfer_reversal"
          + " fee_=application_fee fr_=fee_refund txn_=balance_transaction card_=card ba_=bank_account src_=source"
          + " acct_=account pm_=payment_method cus_=customer in_=invoice sub_=subscription pi_=payment_intent"
          + " iauth_=issuing_authorization ipi_=issuing_transaction idp_=issuing_dispute obtxn_=treasury_transaction"
          + " cbtxn_=customer_cash_balance_transaction tu_=topup rpm_=reserve_transaction csr_=connect_collection_transfer");

  private final JsonNode schemas;
  private final JsonNode paths;

  StripeSpecDerivation(JsonNode spec) {
    this.schemas = spec.path("components").path("schemas");
    this.paths = spec.path("paths");
    String version = spec.path("info").path("version").asText();
    if (!version.equals(StripeApi.VERSION)) {
      throw new IllegalStateException("spec is for " + version + ", Ferry pins " + StripeApi.VERSION);
    }
  }

  /** The spec stripe-mock's module carries, installed by compat/stripe-mock. */
  static Path specPath() {
    Toolchains.ensure("stripe-mock");
    Toolchains.Result cache = Toolchains.run(Toolchains.projectRoot(), Map.of(), "go", "env", "GOMODCACHE");
    return Path.of(cache.output().trim(), "github.com", "stripe", "stripe-mock@v0.203.0", "embedded", "openapi", "spec3.json");
  }

  static JsonNode readSpec() {
    try {
      return new ObjectMapper().readTree(Files.readAllBytes(specPath()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Ferry's name for a spec schema: {@code line_item} and {@code invoiceitem} as Ferry's tables name
   * them, {@code test_helpers.test_clock} as {@code test_clock}, other dots as underscores.
   */
  static String ferryName(String specName) {
    return switch (specName) {
      case "line_item" -> "invoice_line_item";
      case "invoiceitem" -> "invoice_item";
      default -> specName.replaceFirst("^test_helpers\\.", "").replace('.', '_');
    };
  }

  private static String specName(String ferryName) {
    return switch (ferryName) {
      case "invoice_line_item" -> "line_item";
      case "invoice_item" -> "invoiceitem";
      case "checkout_session" -> "checkout.session";
      default -> ferryName;
    };
  }

  ObjectNode derive() {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("api_version", StripeApi.VERSION);
    root.put("derived_from", "stripe-mock v0.203.0 embedded/openapi/spec3.json (StripeSpecDerivation)");
    ArrayNode types = root.putArray("types");
    SYNCED.forEach((name, specName) -> types.add(type(name, specName)));
    return root;
  }

  private ObjectNode type(String name, String specName) {
    JsonNode schema = schemas.path(specName);
    ObjectNode type = new ObjectMapper().createObjectNode();
    type.put("name", name);
    type.put("object", schema.path("properties").path("object").path("enum").path(0).asText(specName));
    String list = listPath(specName);
    type.put("list", list);
    type.put("created_filter", list != null && hasQueryParameter(list, "created"));
    ArrayNode fields = type.putArray("fields");
    List<ObjectNode> topLevel = new ArrayList<>();
    List<ObjectNode> promoted = new ArrayList<>();
    schema.path("properties").properties().forEach(e -> {
      if (!e.getKey().equals("id") && !e.getKey().equals("object")) {
        topLevel.add(idNamed(e.getKey(), e.getValue(), name) ? reference(e.getKey(), e.getKey(), e.getKey())
            : field(e.getKey(), e.getKey(), e.getValue()));
        nested(e.getKey(), e.getValue(), promoted, Set.of(specName), name);
      }
    });
    Set<String> taken = new LinkedHashSet<>();
    topLevel.forEach(f -> taken.add(f.path("name").asText()));
    Map<String, Integer> leafUses = new LinkedHashMap<>();
    promoted.forEach(f -> leafUses.merge(leaf(f), 1, Integer::sum));
    for (ObjectNode field : promoted) {
      String leaf = leaf(field);
      // a promoted reference back to the type itself (from_invoice.invoice) is named after its path, never as a plain relation
      boolean namesTarget = field.path("targets").size() > 0 && field.path("targets").get(0).asText().equals(leaf)
          && !leaf.equals(name);
      String fieldName = namesTarget && leafUses.get(leaf) == 1 && !taken.contains(leaf)
          ? leaf : fitting(field.path("path").asText(), taken);
      field.put("name", fieldName);
      taken.add(fieldName);
    }
    topLevel.forEach(fields::add);
    promoted.forEach(fields::add);
    return type;
  }

  /**
   * The path as a name whose {@code <name>_id} column fits Postgres's 63-byte identifiers: leading
   * steps are dropped until it fits ({@code bancontact_generated_sepa_debit_mandate}).
   */
  private static String fitting(String path, Set<String> taken) {
    String name = path.replace('.', '_');
    String rest = path;
    while ((name.length() + "_id".length() > 63 || taken.contains(name)) && rest.contains(".")) {
      rest = rest.substring(rest.indexOf('.') + 1);
      name = rest.replace('.', '_');
    }
    if (name.length() + "_id".length() > 63 || taken.contains(name)) {
      throw new IllegalStateException("no column name fits " + path);
    }
    return name;
  }

  private static String leaf(ObjectNode field) {
    String path = field.path("path").asText();
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private ObjectNode field(String name, String path, JsonNode property) {
    ObjectNode field = new ObjectMapper().createObjectNode();
    field.put("name", name);
    if (path.contains(".")) {
      field.put("path", path);
    }
    List<String> expandable = expansionTargets(property);
    JsonNode resolved = single(property);
    String embedded = refName(property);
    if (!expandable.isEmpty()) {
      field.put("kind", "reference");
      targets(field, expandable);
    } else if (embedded != null && isStripeType(embedded)) {
      // an object of a Stripe type of its own, always embedded (subscription_item.price): a reference by its id
      field.put("kind", "reference");
      targets(field, List.of(embedded));
    } else if (resolved.path("type").asText().equals("array") && !expansionTargets(resolved.path("items")).isEmpty()) {
      field.put("kind", "id_list");
      targets(field, expansionTargets(resolved.path("items")));
    } else if (resolved.path("type").asText().equals("array") && refName(resolved.path("items")) != null
        && isStripeType(refName(resolved.path("items")))) {
      // a list of embedded objects of a type of their own (subscription.default_tax_rates): their ids
      field.put("kind", "id_list");
      targets(field, List.of(refName(resolved.path("items"))));
    } else if (resolved.path("properties").path("object").path("enum").path(0).asText().equals("list")) {
      // a nested list (invoice.lines, customer.subscriptions): objects of a type of their own, not a column
      field.put("kind", "list");
      String items = resolved.path("properties").path("data").path("items").path("$ref").asText();
      targets(field, items.isEmpty() ? List.of() : List.of(items.replace("#/components/schemas/", "")));
    } else {
      String type = resolved.path("type").asText();
      String format = resolved.path("format").asText();
      String kind = switch (type) {
        case "integer" -> format.equals("unix-time") ? "timestamp" : "integer";
        case "number" -> "decimal";
        case "boolean" -> "boolean";
        case "string" -> format.equals("decimal") ? "decimal" : "string";
        default -> "json";
      };
      field.put("kind", kind);
      if (kind.equals("string") && resolved.has("enum")) {
        field.set("enum", resolved.get("enum"));
      }
    }
    return field;
  }

  private void targets(ObjectNode field, List<String> specTargets) {
    ArrayNode targets = field.putArray("targets");
    Set<String> names = new LinkedHashSet<>();
    for (String target : specTargets) {
      // deleted_customer and the like are the same object after deletion, not another target
      names.add(ferryName(target.startsWith("deleted_") ? target.substring("deleted_".length()) : target));
    }
    names.forEach(targets::add);
    if (names.size() > 1) {
      ObjectNode prefixes = field.putObject("id_prefixes");
      ID_PREFIXES.forEach((prefix, type) -> {
        if (names.contains(type)) {
          prefixes.put(prefix, type);
        }
      });
    }
  }

  /**
   * A plain string field named after a synced type other than {@code owner} (subscription_item.subscription,
   * parent.subscription_item_details.subscription_item): Stripe's id of such an object, not expandable.
   */
  private static boolean idNamed(String fieldName, JsonNode property, String owner) {
    return property.path("type").asText().equals("string") && !property.has("enum") && SYNCED.containsKey(fieldName)
        && !fieldName.equals(owner);
  }

  private static ObjectNode reference(String name, String path, String target) {
    ObjectNode field = new ObjectMapper().createObjectNode();
    field.put("name", name);
    if (path.contains(".")) {
      field.put("path", path);
    }
    field.put("kind", "reference");
    field.putArray("targets").add(target);
    return field;
  }

  /** Expandable and Stripe-type-named fields inside the nested object at {@code path}, added to {@code out}. */
  private void nested(String path, JsonNode property, List<ObjectNode> out, Set<String> visited, String owner) {
    if (!expansionTargets(property).isEmpty()) {
      return;
    }
    String ref = refName(property);
    JsonNode object = single(property);
    if (!object.path("type").asText("object").equals("object") || !object.has("properties") || path.split("\\.").length > 2
        || (ref != null && (visited.contains(ref) || ref.equals("api_errors") || isStripeType(ref)))
        || object.path("properties").path("object").path("enum").path(0).asText().equals("list")) {
      return;
    }
    Set<String> seen = new LinkedHashSet<>(visited);
    if (ref != null) {
      seen.add(ref);
    }
    object.path("properties").properties().forEach(e -> {
      String childPath = path + "." + e.getKey();
      JsonNode child = e.getValue();
      JsonNode resolved = single(child);
      if (!expansionTargets(child).isEmpty()) {
        out.add(field(childPath, childPath, child));
      } else if (idNamed(e.getKey(), resolved, owner)) {
        out.add(reference(childPath, childPath, e.getKey()));
      } else {
        nested(childPath, child, out, seen, owner);
      }
    });
  }

  /** A schema of a Stripe object of its own (it has an id and an {@code object} value), as opposed to a nested hash. */
  private boolean isStripeType(String ref) {
    JsonNode properties = schemas.path(ref).path("properties");
    return properties.has("id") && properties.path("object").has("enum");
  }

  private List<String> expansionTargets(JsonNode property) {
    List<String> targets = new ArrayList<>();
    for (JsonNode option : property.path("x-expansionResources").path("oneOf")) {
      targets.add(option.path("$ref").asText().replace("#/components/schemas/", ""));
    }
    return targets;
  }

  /** The schema a property stands for: its {@code $ref}, or the one {@code anyOf} branch of a nullable one. */
  private JsonNode single(JsonNode property) {
    String ref = refName(property);
    return ref != null ? schemas.path(ref) : property;
  }

  private static String refName(JsonNode property) {
    JsonNode node = property.has("anyOf") && property.path("anyOf").size() == 1 ? property.path("anyOf").get(0) : property;
    return node.has("$ref") ? node.path("$ref").asText().replace("#/components/schemas/", "") : null;
  }

  /** The top-level GET endpoint that lists {@code specName} objects, or null (lists nested under a parent are not). */
  private String listPath(String specName) {
    String found = null;
    for (var e : paths.properties()) {
      String path = e.getKey();
      JsonNode items = e.getValue().path("get").path("responses").path("200").path("content").path("application/json")
          .path("schema").path("properties").path("data").path("items");
      // several endpoints may list a type (/v1/balance/history, /v1/balance_transactions): the one named after it
      if (!path.contains("{") && items.path("$ref").asText().equals("#/components/schemas/" + specName)
          && (found == null || namedAfter(path, specName) && !namedAfter(found, specName))) {
        found = path;
      }
    }
    return found;
  }

  private static boolean namedAfter(String path, String specName) {
    return path.contains(specName.replace('.', '/'));
  }

  private boolean hasQueryParameter(String path, String name) {
    for (JsonNode parameter : paths.path(path).path("get").path("parameters")) {
      if (parameter.path("in").asText().equals("query") && parameter.path("name").asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> prefixes(String pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : pairs.split(" ")) {
      String[] parts = pair.split("=");
      map.put(parts[0], parts[1]);
    }
    return map;
  }
}
