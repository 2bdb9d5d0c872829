package dev.ferry.sync.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.sync.source.Field;
import dev.ferry.sync.source.FieldType;
import dev.ferry.sync.source.ObjectType;
import dev.ferry.sync.source.SourceRecord;
import dev.ferry.vendor.hubspot.HubSpotModel;
import dev.ferry.vendor.hubspot.HubSpotModel.AssociationPair;
import dev.ferry.vendor.hubspot.HubSpotModel.CrmObject;
import dev.ferry.vendor.hubspot.HubSpotModel.Property;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables a HubSpot account gives: one per CRM object type (standard and custom) with a column per
 * property, typed from the property's {@code type}/{@code fieldType}; owners; pipelines with their
 * stages; and a join table per association pair. Turns API JSON into {@link SourceRecord}s.
 */
final class HubSpotSchema {
  static final String CREATED_AT = "created_at";
  static final String UPDATED_AT = "updated_at";

  private final Map<String, CrmObject> byTable = new LinkedHashMap<>();
  private final Map<String, AssociationPair> joins = new LinkedHashMap<>();

  /** The account's CRM objects (each with its current property definitions) and association pairs. */
  HubSpotSchema(List<CrmObject> objects, List<AssociationPair> pairs) {
    objects.forEach(o -> byTable.put(o.table(), o));
    for (AssociationPair pair : pairs) {
      if (byApiName(pair.first()).isPresent() && byApiName(pair.second()).isPresent()) {
        joins.put(joinTable(pair), pair);
      }
    }
  }

  /** Without API access: the standard objects with their standard properties. */
  static HubSpotSchema standard() {
    return new HubSpotSchema(HubSpotModel.CRM_OBJECTS, HubSpotModel.ASSOCIATIONS);
  }

  Optional<CrmObject> crm(String table) {
    return Optional.ofNullable(byTable.get(table));
  }

  Optional<CrmObject> byApiName(String apiName) {
    return byTable.values().stream().filter(o -> o.apiName().equals(apiName) || o.objectTypeId().equals(apiName)).findFirst();
  }

  List<CrmObject> crmObjects() {
    return List.copyOf(byTable.values());
  }

  Map<String, AssociationPair> joins() {
    return joins;
  }

  /** {@code company_contact}: the two tables alphabetically, as {@link AssociationPair#table()} for standard pairs. */
  String joinTable(AssociationPair pair) {
    String a = byApiName(pair.first()).orElseThrow().table();
    String b = byApiName(pair.second()).orElseThrow().table();
    return a.compareTo(b) <= 0 ? a + "_" + b : b + "_" + a;
  }

  /** The pair's two tables in join-table order. */
  String[] joinSides(AssociationPair pair) {
    String a = byApiName(pair.first()).orElseThrow().table();
    String b = byApiName(pair.second()).orElseThrow().table();
    return a.compareTo(b) <= 0 ? new String[] {a, b} : new String[] {b, a};
  }

  List<ObjectType> objectTypes() {
    List<ObjectType> types = new ArrayList<>();
    for (CrmObject object : byTable.values()) {
      types.add(crmType(object));
    }
    types.add(ObjectType.of(HubSpotModel.OWNER, List.of(Field.of("email", FieldType.STRING), Field.of("first_name", FieldType.STRING),
        Field.of("last_name", FieldType.STRING), Field.of("user_id", FieldType.INTEGER), Field.of(CREATED_AT, FieldType.TIMESTAMP),
        Field.of(UPDATED_AT, FieldType.TIMESTAMP), Field.of("archived", FieldType.BOOLEAN))));
    types.add(ObjectType.of(HubSpotModel.PIPELINE, List.of(Field.of("object_type", FieldType.STRING), Field.of("label", FieldType.STRING),
        Field.of("display_order", FieldType.INTEGER), Field.of(CREATED_AT, FieldType.TIMESTAMP), Field.of(UPDATED_AT, FieldType.TIMESTAMP),
        Field.of("archived", FieldType.BOOLEAN))));
    types.add(new ObjectType(HubSpotModel.PIPELINE_STAGE, List.of(new Field("pipeline", FieldType.REFERENCE, HubSpotModel.PIPELINE),
        Field.of("label", FieldType.STRING), Field.of("display_order", FieldType.INTEGER), Field.of("metadata", FieldType.JSON),
        Field.of(CREATED_AT, FieldType.TIMESTAMP), Field.of(UPDATED_AT, FieldType.TIMESTAMP), Field.of("archived", FieldType.BOOLEAN)),
        HubSpotModel.PIPELINE, "pipeline"));
    for (Map.Entry<String, AssociationPair> join : joins.entrySet()) {
      String[] sides = joinSides(join.getValue());
      types.add(new ObjectType(join.getKey(), List.of(new Field(sides[0], FieldType.REFERENCE, sides[0]),
          new Field(sides[1], FieldType.REFERENCE, sides[1]),
          new Field("labels", FieldType.STRING_LIST, null, "The association's labels (user-defined association types)."),
          new Field("type_ids", FieldType.STRING_LIST, null, "The association type ids, category:typeId, from the first table's side.")),
          sides[0], sides[0]).withNaturalKey(sides[0], sides[1]));
    }
    return types;
  }

  ObjectType crmType(CrmObject object) {
    List<Field> fields = new ArrayList<>();
    fields.add(Field.of(CREATED_AT, FieldType.TIMESTAMP));
    fields.add(Field.of(UPDATED_AT, FieldType.TIMESTAMP));
    for (Property property : object.properties()) {
      fields.add(field(property));
    }
    return ObjectType.of(object.table(), fields);
  }

  /** A property's field: references to owners, pipelines, stages, products; else typed from type/fieldType. */
  static Field field(Property property) {
    Optional<HubSpotModel.Reference> reference = HubSpotModel.reference(property.name());
    if (reference.isPresent()) {
      return new Field(reference.get().field(), FieldType.REFERENCE, reference.get().targetTable(), property.label());
    }
    FieldType type = switch (property.type()) {
      case "number" -> FieldType.DECIMAL;
      case "date" -> FieldType.DATE;
      case "datetime" -> FieldType.TIMESTAMP;
      case "bool" -> FieldType.BOOLEAN;
      case "enumeration" -> property.multiSelect() ? FieldType.STRING_LIST : FieldType.STRING;
      default -> FieldType.STRING;
    };
    String description = property.label();
    if (property.type().equals("enumeration") && !property.options().isEmpty()) {
      description += "\noptions: " + String.join(", ", property.options());
    }
    return new Field(property.name(), type, null, description);
  }

  /** A CRM record from the objects or search API: properties converted by their field types. */
  SourceRecord record(CrmObject object, JsonNode json) {
    Map<String, Object> values = new HashMap<>();
    values.put(CREATED_AT, instant(json.path("createdAt").asText(null)));
    values.put(UPDATED_AT, instant(json.path("updatedAt").asText(null)));
    JsonNode properties = json.path("properties");
    for (Property property : object.properties()) {
      JsonNode value = properties.get(property.name());
      if (value != null && !value.isNull() && !value.asText().isEmpty()) {
        Field field = field(property);
        values.put(field.name(), convert(field.type(), value.asText()));
      }
    }
    return new SourceRecord(object.table(), json.path("id").asText(), values);
  }

  private static Object convert(FieldType type, String text) {
    try {
      return switch (type) {
        case DECIMAL -> new BigDecimal(text);
        case TIMESTAMP -> instant(text);
        case DATE -> text.matches("\\d+") ? LocalDate.ofInstant(Instant.ofEpochMilli(Long.parseLong(text)), ZoneOffset.UTC)
            : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        case BOOLEAN -> Boolean.parseBoolean(text);
        case STRING_LIST -> List.of(text.split(";")).stream().filter(s -> !s.isEmpty()).toList();
        default -> text;
      };
    } catch (RuntimeException e) {
      return null; // a value that does not fit its declared type (HubSpot allows some) is left empty
    }
  }

  /** Datetimes come as ISO-8601 text, or as epoch milliseconds in older payloads. */
  static Instant instant(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    return text.matches("\\d+") ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
  }
}
