package dev.ferry.vendor.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stripe's object model at the one API version Ferry pins ({@link #VERSION}), as Stripe's own OpenAPI
 * spec of that version defines it: every field of every synced type, its type, the targets of every
 * expandable reference (also those nested inside objects, promoted to a field of their own with their
 * path), nested lists and enums. The definition is derived once from the spec
 * (stripe-mock's {@code embedded/openapi/spec3.json}) into the compact resource {@code stripe-api.json},
 * so that a run reads a small file instead of an 8 MB spec; StripeDefinitionsTest re-derives it and
 * fails when the two disagree. The Stripe source, the Stripe sandbox and the read side share it.
 */
public final class StripeApi {
  /** The Stripe API version Ferry sends as {@code Stripe-Version} and whose shapes its tables hold. */
  public static final String VERSION = "2026-08-26.dahlia";

  /** The resource the definition is read from. */
  public static final String RESOURCE = "/dev/ferry/vendor/stripe/stripe-api.json";

  /** The value kinds of the spec, as Ferry stores them. */
  public enum Kind {
    STRING, INTEGER, BOOLEAN, TIMESTAMP, DECIMAL, JSON, REFERENCE, ID_LIST,
    /** A nested list of objects of the target type ({@code invoice.lines}): read through its own endpoint, no column. */
    LIST
  }

  /**
   * One field. {@code path} is where the value sits in the object ({@code parent.subscription_details.subscription}
   * for a reference promoted out of a nested object; the field name itself otherwise). {@code targets} are the
   * types a reference may point at, named as Ferry names Stripe's types ({@code invoice_item} for
   * {@code invoiceitem}); {@code idPrefixes} the id prefix of each target Stripe's ids are known to carry,
   * which tells the targets of a reference to several types apart.
   */
  public record ApiField(String name, Kind kind, String path, List<String> targets, Map<String, String> idPrefixes, List<String> enumValues) {
    public ApiField {
      targets = List.copyOf(targets);
      idPrefixes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(idPrefixes));
      enumValues = List.copyOf(enumValues);
    }

    /** True when the value is not a top-level field of the object but promoted out of a nested one. */
    public boolean promoted() {
      return !path.equals(name);
    }
  }

  /**
   * One synced type: Ferry's name, Stripe's {@code object} value, the spec's top-level list endpoint
   * (null when there is none) and whether that endpoint takes a {@code created} filter.
   */
  public record ApiType(String name, String objectName, String listPath, boolean createdFilter, List<ApiField> fields) {
    public ApiType {
      fields = List.copyOf(fields);
    }
  }

  private static final Map<String, ApiType> TYPES = load();

  private StripeApi() {}

  /** Every type of the definition, keyed by Ferry's name, in the definition's order. */
  public static Map<String, ApiType> types() {
    return TYPES;
  }

  public static ApiType type(String name) {
    ApiType type = TYPES.get(name);
    if (type == null) {
      throw new IllegalArgumentException("no Stripe type " + name + " in the " + VERSION + " definition");
    }
    return type;
  }

  private static Map<String, ApiType> load() {
    try (InputStream in = StripeApi.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Ferry is missing its Stripe definition " + RESOURCE);
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The definition in its resource form (see {@link #RESOURCE}). */
  public static Map<String, ApiType> parse(JsonNode root) {
    if (!VERSION.equals(root.path("api_version").asText())) {
      throw new IllegalStateException("Stripe definition is for " + root.path("api_version").asText() + ", not " + VERSION);
    }
    Map<String, ApiType> types = new LinkedHashMap<>();
    for (JsonNode type : root.path("types")) {
      List<ApiField> fields = new ArrayList<>();
      for (JsonNode field : type.path("fields")) {
        String name = field.path("name").asText();
        Map<String, String> prefixes = new LinkedHashMap<>();
        field.path("id_prefixes").properties().forEach(e -> prefixes.put(e.getKey(), e.getValue().asText()));
        fields.add(new ApiField(name, Kind.valueOf(field.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
            field.path("path").asText(name), texts(field.path("targets")), prefixes, texts(field.path("enum"))));
      }
      String listPath = type.path("list").isTextual() ? type.path("list").asText() : null;
      types.put(type.path("name").asText(), new ApiType(type.path("name").asText(), type.path("object").asText(),
          listPath, type.path("created_filter").asBoolean(false), fields));
    }
    return java.util.Collections.unmodifiableMap(types);
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
