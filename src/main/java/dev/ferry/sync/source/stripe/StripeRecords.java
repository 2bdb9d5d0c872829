package dev.ferry.sync.source.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.sync.source.Field;
import dev.ferry.sync.source.FieldType;
import dev.ferry.sync.source.ObjectType;
import dev.ferry.sync.source.SourceRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns Stripe JSON objects into records of typed values, each field read where the pinned version's
 * definition puts it (promoted references from inside nested objects). A top-level field the
 * definition does not know (an account answering at another version) is still kept: it becomes a field
 * typed from its first non-null value, so the engine adds a column for it and no data is dropped.
 */
final class StripeRecords {
  private static final Set<String> NEVER_COLUMNS = Set.of("id", "object", "deleted");

  private final Map<String, Map<String, Field>> discovered = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> staticNames = new ConcurrentHashMap<>();

  private Set<String> known(ObjectType type) {
    return staticNames.computeIfAbsent(type.name(), t -> Set.copyOf(type.fields().stream().map(Field::name).toList()));
  }

  ObjectType describe(StripeObjects.Spec spec) {
    Map<String, Field> extra = discovered.get(spec.type().name());
    if (extra == null || extra.isEmpty()) {
      return spec.type();
    }
    synchronized (extra) {
      return spec.type().withLearned(List.copyOf(extra.values()));
    }
  }

  SourceRecord record(StripeObjects.Spec spec, JsonNode object) {
    ObjectType type = spec.type();
    Map<String, Object> values = new HashMap<>();
    for (Field field : type.fields()) {
      JsonNode value = valueAt(object, field.sourcePath());
      if (value != null && !value.isNull()) {
        values.put(field.name(), convert(field, value));
      }
    }
    var names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (NEVER_COLUMNS.contains(name) || name.equals(spec.nestedListField()) || known(type).contains(name)) {
        continue;
      }
      JsonNode value = object.get(name);
      if (value.path("object").asText("").equals("list")) {
        continue; // a nested list holds objects of another type (StripeApi.Kind.LIST), never a column
      }
      Field field = learn(type.name(), name, value);
      if (field != null) {
        values.put(name, convert(field, value));
      }
    }
    return new SourceRecord(type.name(), objectId(object), values, object::toString);
  }

  /** The value at a dotted path ({@code parent.subscription_details.subscription}), or null where a step is missing. */
  private static JsonNode valueAt(JsonNode object, String path) {
    JsonNode value = object;
    int start = 0;
    while (value != null && start <= path.length()) {
      int dot = path.indexOf('.', start);
      String step = dot < 0 ? path.substring(start) : path.substring(start, dot);
      value = value.isObject() ? value.get(step) : null;
      if (dot < 0) {
        break;
      }
      start = dot + 1;
    }
    return value;
  }

  private Field learn(String type, String name, JsonNode value) {
    Map<String, Field> extra = discovered.computeIfAbsent(type, t -> new LinkedHashMap<>());
    synchronized (extra) {
      Field known = extra.get(name);
      if (known != null || value == null || value.isNull()) {
        return known;
      }
      FieldType inferred =
          value.isBoolean() ? FieldType.BOOLEAN
              : value.isIntegralNumber() && isTimestampName(name) ? FieldType.TIMESTAMP
              : value.isIntegralNumber() ? FieldType.INTEGER
              : value.isNumber() ? FieldType.DECIMAL
              : value.isTextual() ? FieldType.STRING
              : FieldType.JSON;
      Field field = Field.of(name, inferred);
      extra.put(name, field);
      return field;
    }
  }

  /** Stripe names its Unix-second fields {@code created}, {@code *_at}, {@code *_date} (effective_at, arrival_date). */
  private static boolean isTimestampName(String name) {
    return name.equals("created") || name.endsWith("_at") || name.endsWith("_date");
  }

  /** The value as {@link FieldType} documents it; values that do not fit the type are kept as text or JSON. */
  static Object convert(Field field, JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    return switch (field.type()) {
      case STRING -> value.isTextual() ? value.asText() : value.toString();
      // past a long, the exact number (the engine widens the column): never wrapped
      case INTEGER -> value.isIntegralNumber() && value.canConvertToLong() ? (Object) value.asLong()
          : value.isIntegralNumber() ? value.bigIntegerValue() : value.isNumber() ? value.decimalValue() : null;
      case BOOLEAN -> value.isBoolean() ? value.asBoolean() : null;
      case TIMESTAMP -> value.isNumber() ? instant(value) : null;
      case DECIMAL -> value.isNumber() ? value.decimalValue() : parseDecimal(value.asText());
      case JSON -> value.toString();
      case REFERENCE, POLYMORPHIC -> idOf(value);
      case ID_LIST, STRING_LIST -> idList(value);
      case DATE -> value.isTextual() ? date(value.asText()) : null;
    };
  }

  /** Unix seconds as an instant; a number no instant holds stays the number, for the engine to refuse. */
  private static Object instant(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      long seconds = value.asLong();
      if (seconds >= Instant.MIN.getEpochSecond() && seconds <= Instant.MAX.getEpochSecond()) {
        return Instant.ofEpochSecond(seconds);
      }
    }
    return value.isIntegralNumber() ? value.bigIntegerValue() : value.decimalValue();
  }

  /** A calendar day; text that is not one stays text, for Postgres to refuse (the object is then quarantined). */
  private static Object date(String text) {
    try {
      return java.time.LocalDate.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return text;
    }
  }

  /** The object's id, or null when it has none (it is then quarantined, never stored under {@code ''}). */
  static String objectId(JsonNode object) {
    JsonNode id = object.get("id");
    return id != null && id.isTextual() && !id.asText().isEmpty() ? id.asText() : null;
  }

  /** An expandable field holds an id, or the object itself when expanded. */
  static String idOf(JsonNode value) {
    if (value.isObject()) {
      JsonNode id = value.get("id");
      return id == null || id.isNull() ? null : id.asText();
    }
    return value.isTextual() ? value.asText() : null;
  }

  private static List<String> idList(JsonNode value) {
    JsonNode items = value.isObject() && value.has("data") ? value.get("data") : value;
    List<String> ids = new ArrayList<>();
    if (items.isArray()) {
      for (JsonNode item : items) {
        String id = idOf(item);
        if (id != null) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  private static BigDecimal parseDecimal(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
