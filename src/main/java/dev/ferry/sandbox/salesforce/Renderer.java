package dev.ferry.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.vendor.salesforce.SObject;
import dev.ferry.vendor.salesforce.SObjectField;
import dev.ferry.vendor.salesforce.SalesforceObjects;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the object model and records as Salesforce's REST API (JSON) and Bulk API 2.0 (CSV) show them. */
final class Renderer {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** REST datetimes: {@code 2025-01-01T10:00:00.000+0000}. */
  static final DateTimeFormatter REST_DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** Bulk 2.0 CSV datetimes: {@code 2025-01-01T10:00:00.000Z}. */
  static final DateTimeFormatter BULK_DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String dataPath;
  private final SalesforceOrg org;
  private final List<SObject> objects;

  /** Renders for the API at {@code dataPath} over {@code org} (describe lists which of its objects look an object up). */
  Renderer(String dataPath, SalesforceOrg org) {
    this.dataPath = dataPath;
    this.org = org;
    this.objects = org.objects();
  }

  // ---- describe

  ObjectNode describe(SObject object) {
    ObjectNode node = describeGlobalEntry(object);
    ArrayNode children = node.putArray("childRelationships");
    for (SObject other : objects) {
      for (SObjectField field : other.fields()) {
        if (field.isReference() && field.referenceTo().contains(object.name())) {
          ObjectNode child = children.addObject();
          child.put("cascadeDelete", false);
          child.put("childSObject", other.name());
          child.put("deprecatedAndHidden", false);
          child.put("field", field.name());
          child.putArray("junctionIdListNames");
          child.putArray("junctionReferenceTo");
          boolean main = field.name().equals(object.name() + "Id") || field.name().equals("WhoId") || field.name().equals("WhatId");
          child.put("relationshipName", main ? other.labelPlural().replace(" ", "") : null);
          child.put("restrictedDelete", false);
        }
      }
    }
    ArrayNode fields = node.putArray("fields");
    for (SObjectField field : object.fields()) {
      fields.add(field(field));
    }
    node.putArray("recordTypeInfos");
    node.putArray("supportedScopes").addObject().put("label", "All " + object.labelPlural().toLowerCase(Locale.ROOT)).put("name", "everything");
    return node;
  }

  ObjectNode describeGlobalEntry(SObject object) {
    ObjectNode node = JSON.objectNode();
    node.put("activateable", false);
    node.put("createable", true);
    node.put("custom", object.custom());
    node.put("customSetting", false);
    node.put("deletable", true);
    node.put("deprecatedAndHidden", false);
    node.put("feedEnabled", false);
    node.put("keyPrefix", object.keyPrefix());
    node.put("label", object.label());
    node.put("labelPlural", object.labelPlural());
    node.put("layoutable", true);
    node.put("mergeable", List.of("Account", "Contact", "Lead", "Case").contains(object.name()));
    node.put("name", object.name());
    node.put("queryable", true);
    node.put("replicateable", true);
    node.put("retrieveable", true);
    node.put("searchable", true);
    node.put("triggerable", true);
    node.put("undeletable", object.hasIsDeleted());
    node.put("updateable", true);
    ObjectNode urls = node.putObject("urls");
    String base = dataPath + "/sobjects/" + object.name();
    urls.put("rowTemplate", base + "/{ID}");
    urls.put("defaultValues", base + "/defaultValues?recordTypeId&fields");
    urls.put("describe", base + "/describe");
    urls.put("sobject", base);
    return node;
  }

  private static ObjectNode field(SObjectField field) {
    ObjectNode node = JSON.objectNode();
    boolean system = List.of("Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp")
        .contains(field.name());
    node.put("aggregatable", !field.type().equals("textarea") && !field.isCompound());
    node.put("autoNumber", false);
    node.put("byteLength", field.length() * 3);
    node.put("calculated", field.calculated());
    node.put("calculatedFormula", field.calculatedFormula());
    node.put("cascadeDelete", false);
    node.put("caseSensitive", false);
    node.put("compoundFieldName", field.compoundFieldName());
    node.put("createable", !system && !field.calculated());
    node.put("custom", field.custom());
    node.putNull("defaultValue");
    node.put("defaultedOnCreate", system || field.type().equals("boolean"));
    node.put("dependentPicklist", false);
    node.put("deprecatedAndHidden", false);
    node.put("digits", field.type().equals("int") ? 9 : 0);
    node.put("externalId", false);
    node.put("filterable", !field.isCompound());
    node.put("groupable", !field.isCompound() && !field.type().equals("textarea"));
    node.put("idLookup", field.name().equals("Id"));
    node.put("label", field.name().equals("Id") ? "Record ID" : field.name().replaceAll("__c$", "").replaceAll("Id$", " ID")
        .replaceAll("(?<=[a-z])(?=[A-Z])", " ").replace('_', ' ').trim());
    node.put("length", field.length());
    node.put("name", field.name());
    node.put("nameField", field.name().equals("Name"));
    node.put("namePointing", field.isPolymorphic());
    node.put("nillable", !system && !field.type().equals("boolean"));
    node.put("permissionable", !system && !field.name().equals("Name"));
    ArrayNode values = node.putArray("picklistValues");
    for (String value : field.picklistValues()) {
      values.addObject().put("active", true).put("defaultValue", false).put("label", value).putNull("validFor").put("value", value);
    }
    node.put("polymorphicForeignKey", field.isPolymorphic());
    node.put("precision", field.precision());
    node.put("queryByDistance", field.type().equals("location"));
    node.putNull("referenceTargetField");
    ArrayNode referenceTo = node.putArray("referenceTo");
    field.referenceTo().forEach(referenceTo::add);
    node.put("relationshipName", field.relationshipName());
    node.putNull("relationshipOrder");
    node.put("restrictedPicklist", field.type().equals("picklist"));
    node.put("scale", field.scale());
    node.put("soapType", field.soapType());
    node.put("sortable", !field.isCompound() && !field.type().equals("textarea") && !field.type().equals("multipicklist"));
    node.put("type", field.type());
    node.put("unique", false);
    node.put("updateable", !system && !field.calculated());
    return node;
  }

  // ---- records

  ObjectNode record(SObject object, List<SObjectField> fields, Map<String, Object> record) {
    ObjectNode node = JSON.objectNode();
    node.putObject("attributes").put("type", object.name()).put("url", dataPath + "/sobjects/" + object.name() + "/" + record.get("Id"));
    for (SObjectField field : fields) {
      if (field.isCompound()) {
        node.set(field.name(), compound(object, field, record));
        continue;
      }
      Object value = org.value(object, field, record);
      if (value == null) {
        node.putNull(field.name());
      } else if (value instanceof Boolean b) {
        node.put(field.name(), b);
      } else if (value instanceof Integer i) {
        node.put(field.name(), i);
      } else if (value instanceof BigDecimal d) {
        node.put(field.name(), d);
      } else if (value instanceof Instant t) {
        node.put(field.name(), REST_DATETIME.format(t));
      } else {
        node.put(field.name(), value.toString());
      }
    }
    return node;
  }

  /** An address ({@code {street, city, ...}}) or location ({@code {latitude, longitude}}) from its parts; null when all are. */
  private static com.fasterxml.jackson.databind.JsonNode compound(SObject object, SObjectField compound, Map<String, Object> record) {
    ObjectNode value = JSON.objectNode();
    boolean any = false;
    for (SObjectField part : object.fields()) {
      if (!compound.name().equals(part.compoundFieldName())) {
        continue;
      }
      String key = componentKey(compound, part);
      Object partValue = record.get(part.name());
      any |= partValue != null;
      if (partValue instanceof BigDecimal d) {
        value.put(key, d);
      } else if (partValue == null) {
        value.putNull(key);
      } else {
        value.put(key, partValue.toString());
      }
    }
    return any ? value : JSON.nullNode();
  }

  /** {@code BillingPostalCode} → {@code postalCode}; {@code HQ_Location__Latitude__s} → {@code latitude}. */
  static String componentKey(SObjectField compound, SObjectField part) {
    String name = part.name();
    if (name.endsWith("__s")) {
      String inner = name.substring(0, name.length() - 3);
      name = inner.substring(inner.lastIndexOf("__") + 2);
    } else {
      String prefix = compound.name().substring(0, compound.name().length() - "Address".length());
      name = name.substring(prefix.length());
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** A CSV cell as Bulk API 2.0 writes it: quoted text, an empty cell for null. */
  static void csvCell(StringBuilder out, Object value) {
    if (value == null) {
      return;
    }
    String text;
    if (value instanceof Instant t) {
      text = BULK_DATETIME.format(t);
    } else if (value instanceof BigDecimal d) {
      text = d.toPlainString();
    } else if (value instanceof LocalDate d) {
      text = d.toString();
    } else {
      text = value.toString();
    }
    out.append('"').append(text.replace("\"", "\"\"")).append('"');
  }
}
