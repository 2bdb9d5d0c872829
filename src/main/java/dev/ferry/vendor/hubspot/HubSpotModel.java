package dev.ferry.vendor.hubspot;

import dev.ferry.vendor.VendorModel;
import dev.ferry.vendor.VendorObject;
import dev.ferry.vendor.VendorReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HubSpot CRM and CMS objects and the properties that hold ids of other objects: every CRM object's
 * {@code hubspot_owner_id} (an owner), a contact's {@code associatedcompanyid} (its primary
 * company), deal and ticket pipelines and stages, and a blog post's author, source translation and
 * the users behind it ({@code createdById}, which owners carry as {@code userId}).
 *
 * <p>For the HubSpot source and sandbox it also holds the CRM object types with their ids and
 * standard properties, the properties that name owners, pipelines, stages and products, and the
 * association pairs that become join tables. Property types and association type ids follow
 * HubSpot's CRM v3 properties API and v4 associations API.
 */
public final class HubSpotModel implements VendorModel {
  private static final List<VendorObject> OBJECTS = List.of(
      VendorObject.of("contact", "associatedcompanyid>company"),
      VendorObject.of("company", "hs_parent_company_id>company"),
      VendorObject.of("deal", "pipeline>pipeline dealstage>pipeline_stage"),
      VendorObject.of("ticket", "hs_pipeline>pipeline hs_pipeline_stage>pipeline_stage"),
      VendorObject.of("line_item", "hs_product_id>product"),
      VendorObject.of("product", ""),
      VendorObject.of("quote", ""),
      VendorObject.of("owner", ""),
      VendorObject.of("pipeline", ""),
      VendorObject.of("pipeline_stage", "pipeline_id>pipeline"),
      VendorObject.of("blog_author", ""),
      VendorObject.of("blog_post", "translatedFromId>blog_post blogAuthorId>blog_author createdById>owner.userId"
          + " updatedById>owner.userId"));

  @Override
  public String system() {
    return "hubspot";
  }

  @Override
  public List<String> nameWords() {
    return List.of("hubspot");
  }

  @Override
  public List<String> markerFields() {
    return List.of("hs_object_id");
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
    return VendorReference.parseAll("hubspot_owner_id>owner");
  }

  // ---- the CRM object model the source and the sandbox share

  /** Tables of the objects that are not CRM records: owners, and pipelines with their stages. */
  public static final String OWNER = "owner";
  public static final String PIPELINE = "pipeline";
  public static final String PIPELINE_STAGE = "pipeline_stage";

  /** The object types whose pipelines Ferry reads ({@code /crm/v3/pipelines/{objectType}}). */
  public static final List<String> PIPELINE_OBJECTS = List.of("deals", "tickets");

  /**
   * A property definition as the properties API returns it: {@code type} is the data type
   * (string, number, date, datetime, enumeration, bool, phone_number), {@code fieldType} how it is
   * edited; an enumeration with fieldType {@code checkbox} holds several options, separated by {@code ;}.
   */
  public record Property(String name, String label, String type, String fieldType, List<String> options) {
    public Property {
      options = List.copyOf(options);
    }

    static Property of(String name, String type, String fieldType, String... options) {
      return new Property(name, label(name), type, fieldType, List.of(options));
    }

    public boolean multiSelect() {
      return type.equals("enumeration") && fieldType.equals("checkbox");
    }

    private static String label(String name) {
      String words = name.replace("hs_", "").replace('_', ' ');
      return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
  }

  /**
   * A CRM object type: its API name ({@code contacts}), id ({@code 0-1}), Ferry's table name, the
   * property the search API filters modifications on, and its standard properties.
   */
  public record CrmObject(String apiName, String objectTypeId, String table, String modifiedProperty, List<Property> properties) {
    public CrmObject {
      properties = List.copyOf(properties);
    }
  }

  /** A property holding the id of another table's row, stored as {@code <field>_id}. */
  public record Reference(String property, String field, String targetTable) {}

  /**
   * Two object types HubSpot associates, in alphabetical order of their tables, with the
   * HUBSPOT_DEFINED association type ids of each direction (first to second, second to first).
   */
  public record AssociationPair(String first, String second, int firstToSecond, int secondToFirst) {
    /** The join table: both tables' names, alphabetically, joined by {@code _} ({@code company_contact}). */
    public String table() {
      return crmObject(first).orElseThrow().table() + "_" + crmObject(second).orElseThrow().table();
    }

    public boolean involves(String apiName) {
      return first.equals(apiName) || second.equals(apiName);
    }

    public String other(String apiName) {
      return first.equals(apiName) ? second : first;
    }

    public int typeIdFrom(String apiName) {
      return first.equals(apiName) ? firstToSecond : secondToFirst;
    }
  }

  private static final List<Property> CREATED_MODIFIED = List.of(
      Property.of("createdate", "datetime", "date"), Property.of("hs_lastmodifieddate", "datetime", "date"),
      Property.of("hs_object_id", "number", "number"));

  private static final Property OWNER_PROPERTY = Property.of("hubspot_owner_id", "enumeration", "select");

  public static final List<CrmObject> CRM_OBJECTS = List.of(
      new CrmObject("companies", "0-2", "company", "hs_lastmodifieddate", with(
          Property.of("name", "string", "text"), Property.of("domain", "string", "text"),
          Property.of("industry", "enumeration", "select", "COMPUTER_SOFTWARE", "FINANCIAL_SERVICES", "HOSPITALITY",
              "RETAIL", "TRANSPORTATION_TRUCKING_RAILROAD"),
          Property.of("numberofemployees", "number", "number"), Property.of("annualrevenue", "number", "number"),
          Property.of("city", "string", "text"), OWNER_PROPERTY)),
      new CrmObject("contacts", "0-1", "contact", "lastmodifieddate", List.of(
          Property.of("email", "string", "text"), Property.of("firstname", "string", "text"),
          Property.of("lastname", "string", "text"), Property.of("phone", "string", "phonenumber"),
          Property.of("lifecyclestage", "enumeration", "radio", "subscriber", "lead", "marketingqualifiedlead",
              "salesqualifiedlead", "opportunity", "customer", "evangelist", "other"),
          OWNER_PROPERTY, Property.of("createdate", "datetime", "date"),
          Property.of("lastmodifieddate", "datetime", "date"), Property.of("hs_object_id", "number", "number"))),
      new CrmObject("deals", "0-3", "deal", "hs_lastmodifieddate", with(
          Property.of("dealname", "string", "text"), Property.of("amount", "number", "number"),
          Property.of("closedate", "datetime", "date"), Property.of("pipeline", "enumeration", "select"),
          Property.of("dealstage", "enumeration", "radio"), OWNER_PROPERTY)),
      new CrmObject("line_items", "0-8", "line_item", "hs_lastmodifieddate", with(
          Property.of("name", "string", "text"), Property.of("quantity", "number", "number"),
          Property.of("price", "number", "number"), Property.of("hs_product_id", "string", "text"))),
      new CrmObject("products", "0-7", "product", "hs_lastmodifieddate", with(
          Property.of("name", "string", "text"), Property.of("description", "string", "textarea"),
          Property.of("price", "number", "number"), Property.of("hs_sku", "string", "text"))),
      new CrmObject("quotes", "0-14", "quote", "hs_lastmodifieddate", with(
          Property.of("hs_title", "string", "text"), Property.of("hs_expiration_date", "date", "date"),
          Property.of("hs_status", "enumeration", "select", "DRAFT", "APPROVAL_NOT_NEEDED", "PENDING_APPROVAL", "APPROVED",
              "REJECTED"))),
      new CrmObject("tickets", "0-5", "ticket", "hs_lastmodifieddate", with(
          Property.of("subject", "string", "text"), Property.of("content", "string", "textarea"),
          Property.of("hs_pipeline", "enumeration", "select"), Property.of("hs_pipeline_stage", "enumeration", "radio"),
          Property.of("hs_ticket_priority", "enumeration", "select", "LOW", "MEDIUM", "HIGH", "URGENT"), OWNER_PROPERTY)));

  private static List<Property> with(Property... own) {
    List<Property> all = new ArrayList<>(List.of(own));
    all.addAll(CREATED_MODIFIED);
    return all;
  }

  /** Properties that reference other tables, with the field name that makes their column {@code <field>_id}. */
  public static final List<Reference> REFERENCES = List.of(
      new Reference("hubspot_owner_id", "owner", OWNER),
      new Reference("pipeline", "pipeline", PIPELINE),
      new Reference("dealstage", "stage", PIPELINE_STAGE),
      new Reference("hs_pipeline", "pipeline", PIPELINE),
      new Reference("hs_pipeline_stage", "stage", PIPELINE_STAGE),
      new Reference("hs_product_id", "product", "product"));

  /** The association pairs synced as join tables (HubSpot-defined type ids, per api-protocols.md §2.5). */
  public static final List<AssociationPair> ASSOCIATIONS = List.of(
      new AssociationPair("companies", "contacts", 280, 279),
      new AssociationPair("companies", "deals", 342, 341),
      new AssociationPair("companies", "tickets", 340, 339),
      new AssociationPair("contacts", "deals", 4, 3),
      new AssociationPair("contacts", "tickets", 15, 16),
      new AssociationPair("deals", "line_items", 19, 20),
      new AssociationPair("deals", "quotes", 63, 64));

  /** The property the search API's modification filter uses for {@code apiName}; custom objects use hs_lastmodifieddate. */
  public static String modifiedProperty(String apiName) {
    return crmObject(apiName).map(CrmObject::modifiedProperty).orElse("hs_lastmodifieddate");
  }

  public static Optional<CrmObject> crmObject(String apiName) {
    return CRM_OBJECTS.stream().filter(o -> o.apiName().equals(apiName)).findFirst();
  }

  public static Optional<Reference> reference(String property) {
    return REFERENCES.stream().filter(r -> r.property().equals(property)).findFirst();
  }

  /** The standard objects by object type id ({@code 0-1}) and by API name, for paths that take either. */
  public static Optional<CrmObject> byPathName(String name) {
    return CRM_OBJECTS.stream().filter(o -> o.apiName().equals(name) || o.objectTypeId().equals(name)
        || o.table().equals(name)).findFirst();
  }

  /** Every association pair an object type is part of. */
  public static List<AssociationPair> associationsOf(String apiName) {
    return ASSOCIATIONS.stream().filter(p -> p.involves(apiName)).toList();
  }

  /** The webhook subscription prefix for each standard object ({@code contact.creation}). */
  public static final Map<String, String> WEBHOOK_OBJECTS = Map.of(
      "contact", "contacts", "company", "companies", "deal", "deals", "ticket", "tickets",
      "line_item", "line_items", "product", "products");
}
