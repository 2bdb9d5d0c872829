package dev.ferry.vendor.salesforce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ferry's one definition of the Salesforce object model: the objects a sync takes by default, with
 * the describe metadata of their standard fields (types, lengths, precision and scale, lookups and
 * their {@code referenceTo}, compound address parts, picklist values) and each object's key prefix.
 * The sandbox serves it as describe, the source falls back on it where no org is reachable
 * ({@code ferry tables}) and uses its key prefixes, and the read side gets the same names.
 *
 * <p>The field lists are a realistic subset of what a real org's describe returns (a few dozen
 * standard fields per object, the sandbox org's custom fields on Account and Opportunity, formula
 * fields among them as an admin would add: {@code Opportunity.Account_Rating__c =
 * TEXT(Account.Rating)}, {@code Weighted_Amount__c}, {@code Account.Owner_Alias__c}); the key
 * prefixes are Salesforce's own.
 */
public final class SalesforceObjects {
  /** The REST API version Ferry speaks ({@code /services/data/v62.0}). */
  public static final String API_VERSION = "62.0";

  private static final Map<String, SObject> OBJECTS = new LinkedHashMap<>();
  private static final List<String> OWNER = List.of("Group", "User");
  private static final List<String> WHO = List.of("Contact", "Lead");
  private static final List<String> WHAT = List.of("Account", "Asset", "Campaign", "Case", "Contract", "Opportunity", "Order", "Product2");

  static {
    define("Account", "Accounts", "001", false,
        text("Name", 255), ref("MasterRecordId", "MasterRecord", "Account"), pick("Type", "Prospect", "Customer - Direct", "Customer - Channel", "Partner", "Other"),
        ref("ParentId", "Parent", "Account"), address("Billing"), address("Shipping"), f("Phone", "phone", 40), f("Fax", "phone", 40),
        text("AccountNumber", 40), f("Website", "url", 255), pick("Industry", "Agriculture", "Banking", "Biotechnology", "Consulting",
            "Education", "Energy", "Finance", "Healthcare", "Manufacturing", "Media", "Retail", "Technology"),
        money("AnnualRevenue", 18, 0), f("NumberOfEmployees", "int", 0), pick("Ownership", "Public", "Private", "Subsidiary", "Other"),
        pick("Rating", "Hot", "Warm", "Cold"), f("Description", "textarea", 32000), ref("OwnerId", "Owner", "User"),
        custom(multi("Regions__c", "AMER", "EMEA", "APAC", "LATAM")), custom(pick("Tier__c", "Gold", "Silver", "Bronze")),
        location("HQ_Location__c"), formula(text("Owner_Alias__c", 1300), "Owner.Alias"));
    define("Contact", "Contacts", "003", false,
        ref("MasterRecordId", "MasterRecord", "Contact"), ref("AccountId", "Account", "Account"), text("LastName", 80), text("FirstName", 40),
        pick("Salutation", "Mr.", "Ms.", "Mrs.", "Dr.", "Prof."), text("Name", 121), address("Mailing"), f("Phone", "phone", 40),
        f("MobilePhone", "phone", 40), ref("ReportsToId", "ReportsTo", "Contact"), f("Email", "email", 80), text("Title", 128),
        text("Department", 80), pick("LeadSource", "Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"),
        f("Birthdate", "date", 0), f("HasOptedOutOfEmail", "boolean", 0), f("Description", "textarea", 32000), ref("OwnerId", "Owner", "User"));
    define("Lead", "Leads", "00Q", false,
        ref("MasterRecordId", "MasterRecord", "Lead"), text("LastName", 80), text("FirstName", 40), text("Name", 121), text("Title", 128),
        text("Company", 255), address(""), f("Phone", "phone", 40), f("Email", "email", 80), f("Website", "url", 255),
        f("Description", "textarea", 32000), pick("LeadSource", "Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"),
        pick("Status", "Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"),
        pick("Industry", "Banking", "Consulting", "Education", "Energy", "Finance", "Healthcare", "Retail", "Technology"),
        pick("Rating", "Hot", "Warm", "Cold"), money("AnnualRevenue", 18, 0), f("NumberOfEmployees", "int", 0),
        ref("OwnerId", "Owner", OWNER), f("IsConverted", "boolean", 0), f("ConvertedDate", "date", 0),
        ref("ConvertedAccountId", "ConvertedAccount", "Account"), ref("ConvertedContactId", "ConvertedContact", "Contact"),
        ref("ConvertedOpportunityId", "ConvertedOpportunity", "Opportunity"), f("IsUnreadByOwner", "boolean", 0));
    define("Opportunity", "Opportunities", "006", false,
        ref("AccountId", "Account", "Account"), text("Name", 120), f("Description", "textarea", 32000),
        pick("StageName", "Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"),
        money("Amount", 18, 2), percent("Probability", 3, 0), money("ExpectedRevenue", 18, 2), f("TotalOpportunityQuantity", "double", 0, 18, 2),
        f("CloseDate", "date", 0), pick("Type", "Existing Customer - Upgrade", "Existing Customer - Replacement", "New Customer"),
        text("NextStep", 255), pick("LeadSource", "Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"),
        f("IsClosed", "boolean", 0), f("IsWon", "boolean", 0), pick("ForecastCategory", "Omitted", "Pipeline", "BestCase", "Forecast", "Closed"),
        ref("CampaignId", "Campaign", "Campaign"), ref("Pricebook2Id", "Pricebook2", "Pricebook2"), ref("ContractId", "Contract", "Contract"),
        ref("OwnerId", "Owner", "User"), custom(percent("Margin__c", 5, 2)),
        formula(money("Weighted_Amount__c", 18, 2), "Amount * Probability / 100"),
        formula(text("Account_Rating__c", 1300), "TEXT(Account.Rating)"));
    define("OpportunityLineItem", "Opportunity Product", "00k", false,
        ref("OpportunityId", "Opportunity", "Opportunity"), f("SortOrder", "int", 0), ref("PricebookEntryId", "PricebookEntry", "PricebookEntry"),
        ref("Product2Id", "Product2", "Product2"), text("ProductCode", 255), text("Name", 376), f("Quantity", "double", 0, 12, 2),
        money("TotalPrice", 18, 2), money("UnitPrice", 18, 2), money("ListPrice", 18, 2), f("ServiceDate", "date", 0),
        percent("Discount", 5, 2), text("Description", 255));
    define("OpportunityContactRole", "Opportunity Contact Role", "00K", false,
        ref("OpportunityId", "Opportunity", "Opportunity"), ref("ContactId", "Contact", "Contact"),
        pick("Role", "Business User", "Decision Maker", "Economic Buyer", "Economic Decision Maker", "Evaluator", "Influencer", "Technical Buyer", "Other"),
        f("IsPrimary", "boolean", 0));
    define("Case", "Cases", "500", false,
        ref("MasterRecordId", "MasterRecord", "Case"), text("CaseNumber", 30), ref("ContactId", "Contact", "Contact"),
        ref("AccountId", "Account", "Account"), ref("ParentId", "Parent", "Case"), text("SuppliedName", 80), f("SuppliedEmail", "email", 80),
        pick("Type", "Mechanical", "Electrical", "Electronic", "Structural", "Other"), pick("Status", "New", "Working", "Escalated", "Closed"),
        pick("Reason", "Installation", "Equipment Complexity", "Performance", "Breakdown", "Equipment Design", "Feedback", "Other"),
        pick("Origin", "Phone", "Email", "Web"), text("Subject", 255), pick("Priority", "High", "Medium", "Low"),
        f("Description", "textarea", 32000), f("IsClosed", "boolean", 0), f("ClosedDate", "datetime", 0), f("IsEscalated", "boolean", 0),
        ref("AssetId", "Asset", "Asset"), ref("Product2Id", "Product2", "Product2"), ref("OwnerId", "Owner", OWNER));
    define("Task", "Tasks", "00T", false,
        ref("WhoId", "Who", WHO), ref("WhatId", "What", WHAT), f("Subject", "combobox", 255), f("ActivityDate", "date", 0),
        pick("Status", "Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"),
        pick("Priority", "High", "Normal", "Low"), f("IsHighPriority", "boolean", 0), ref("OwnerId", "Owner", OWNER),
        f("Description", "textarea", 32000), f("IsClosed", "boolean", 0), ref("AccountId", "Account", "Account"),
        pick("TaskSubtype", "Task", "Email", "Call"), f("CallDurationInSeconds", "int", 0));
    define("Event", "Events", "00U", false,
        ref("WhoId", "Who", WHO), ref("WhatId", "What", WHAT), f("Subject", "combobox", 255), text("Location", 255),
        f("IsAllDayEvent", "boolean", 0), f("ActivityDateTime", "datetime", 0), f("ActivityDate", "date", 0),
        f("DurationInMinutes", "int", 0), f("StartDateTime", "datetime", 0), f("EndDateTime", "datetime", 0),
        f("Description", "textarea", 32000), ref("AccountId", "Account", "Account"), ref("OwnerId", "Owner", List.of("User", "Calendar")),
        pick("ShowAs", "Busy", "OutOfOffice", "Free"));
    define("User", "Users", "005", false,
        text("Username", 80), text("LastName", 80), text("FirstName", 40), text("Name", 121), text("CompanyName", 80),
        text("Division", 80), text("Department", 80), text("Title", 80), address(""), f("Email", "email", 128), f("Phone", "phone", 40),
        text("Alias", 8), f("IsActive", "boolean", 0), pick("TimeZoneSidKey", "America/Los_Angeles", "America/New_York", "Europe/London", "Asia/Tokyo"),
        ref("ManagerId", "Manager", "User"), pick("UserType", "Standard", "PowerPartner", "CsnOnly", "Guest"),
        ref("AccountId", "Account", "Account"), ref("ContactId", "Contact", "Contact"), ref("DelegatedApproverId", "DelegatedApprover", OWNER));
    define("Group", "Groups", "00G", false,
        text("Name", 40), text("DeveloperName", 80), pick("Type", "Queue", "Regular", "Role", "Organization"), f("Email", "email", 255),
        f("DoesSendEmailToMembers", "boolean", 0), ref("OwnerId", "Owner", "User"));
    define("Campaign", "Campaigns", "701", false,
        text("Name", 80), ref("ParentId", "Parent", "Campaign"), pick("Type", "Conference", "Webinar", "Trade Show", "Email", "Advertisement"),
        pick("Status", "Planned", "In Progress", "Completed", "Aborted"), f("StartDate", "date", 0), f("EndDate", "date", 0),
        money("ExpectedRevenue", 18, 0), money("BudgetedCost", 18, 0), money("ActualCost", 18, 0), percent("ExpectedResponse", 10, 2),
        f("NumberSent", "double", 0, 18, 0), f("IsActive", "boolean", 0), f("Description", "textarea", 32000),
        f("NumberOfLeads", "int", 0), f("NumberOfContacts", "int", 0), ref("OwnerId", "Owner", "User"));
    define("CampaignMember", "Campaign Members", "00v", false,
        ref("CampaignId", "Campaign", "Campaign"), ref("LeadId", "Lead", "Lead"), ref("ContactId", "Contact", "Contact"),
        pick("Status", "Planned", "Received", "Responded", "Sent"), f("HasResponded", "boolean", 0), f("FirstRespondedDate", "date", 0));
    define("Product2", "Products", "01t", false,
        text("Name", 255), text("ProductCode", 255), f("Description", "textarea", 4000), f("IsActive", "boolean", 0),
        pick("Family", "Hardware", "Software", "Services"), pick("QuantityUnitOfMeasure", "Each", "Hour", "License"), text("StockKeepingUnit", 180));
    define("Pricebook2", "Price Books", "01s", false,
        text("Name", 255), f("IsActive", "boolean", 0), f("IsStandard", "boolean", 0), text("Description", 255));
    define("PricebookEntry", "Price Book Entries", "01u", false,
        text("Name", 255), ref("Pricebook2Id", "Pricebook2", "Pricebook2"), ref("Product2Id", "Product2", "Product2"),
        money("UnitPrice", 18, 2), f("IsActive", "boolean", 0), f("UseStandardPrice", "boolean", 0), text("ProductCode", 255));
    define("Contract", "Contracts", "800", false,
        ref("AccountId", "Account", "Account"), ref("Pricebook2Id", "Pricebook2", "Pricebook2"),
        pick("OwnerExpirationNotice", "15", "30", "45", "60", "90", "120"), f("StartDate", "date", 0), f("EndDate", "date", 0),
        address("Billing"), f("ContractTerm", "int", 0), ref("OwnerId", "Owner", "User"), pick("Status", "Draft", "In Approval Process", "Activated"),
        pick("StatusCode", "Draft", "InApproval", "Activated", "Terminated", "Expired"), text("ContractNumber", 30),
        f("Description", "textarea", 32000), f("ActivatedDate", "datetime", 0), f("SpecialTerms", "textarea", 4000),
        ref("ActivatedById", "ActivatedBy", "User"), ref("CompanySignedId", "CompanySigned", "User"),
        ref("CustomerSignedId", "CustomerSigned", "Contact"));
    define("Order", "Orders", "801", false,
        ref("OwnerId", "Owner", OWNER), ref("ContractId", "Contract", "Contract"), ref("AccountId", "Account", "Account"),
        ref("Pricebook2Id", "Pricebook2", "Pricebook2"), ref("OpportunityId", "Opportunity", "Opportunity"), f("EffectiveDate", "date", 0),
        f("EndDate", "date", 0), pick("Status", "Draft", "Activated"), pick("StatusCode", "Draft", "Activated", "Cancelled", "Expired"),
        text("OrderNumber", 30), money("TotalAmount", 18, 2), pick("Type", "New", "Renewal", "Upgrade"), address("Billing"), address("Shipping"),
        f("Description", "textarea", 32000), ref("ActivatedById", "ActivatedBy", "User"), ref("BillToContactId", "BillToContact", "Contact"),
        ref("CompanyAuthorizedById", "CompanyAuthorizedBy", "User"), ref("CustomerAuthorizedById", "CustomerAuthorizedBy", "Contact"),
        ref("OriginalOrderId", "OriginalOrder", "Order"), ref("ShipToContactId", "ShipToContact", "Contact"));
  }

  private SalesforceObjects() {}

  /** Every object Ferry knows, in the order a sync takes them (referenced objects first is not needed: no foreign keys). */
  public static List<SObject> all() {
    return List.copyOf(OBJECTS.values());
  }

  /** The object with this API name (case-insensitive, as the API treats names), or null. */
  public static SObject named(String name) {
    for (SObject object : OBJECTS.values()) {
      if (object.name().equalsIgnoreCase(name)) {
        return object;
      }
    }
    return null;
  }

  /** The object a key prefix names ({@code 001} → Account), or null. */
  public static SObject byKeyPrefix(String prefix) {
    return OBJECTS.values().stream().filter(o -> o.keyPrefix().equals(prefix)).findFirst().orElse(null);
  }

  /** The objects a sync takes when none are named. */
  public static List<String> defaultObjects() {
    return OBJECTS.values().stream().map(SObject::name).toList();
  }

  // ---- definitions

  private static void define(String name, String plural, String keyPrefix, boolean custom, Object... parts) {
    List<SObjectField> fields = new ArrayList<>();
    fields.add(new SObjectField("Id", "id", 18, 0, 0, List.of(), null, null, List.of(), false));
    boolean softDeletes = !name.equals("User") && !name.equals("Group");
    if (softDeletes) {
      fields.add(f("IsDeleted", "boolean", 0));
    }
    for (Object part : parts) {
      if (part instanceof SObjectField field) {
        fields.add(field);
      } else {
        @SuppressWarnings("unchecked")
        List<SObjectField> group = (List<SObjectField>) part;
        fields.addAll(group);
      }
    }
    fields.add(f("CreatedDate", "datetime", 0));
    fields.add(ref("CreatedById", "CreatedBy", "User"));
    fields.add(f("LastModifiedDate", "datetime", 0));
    fields.add(ref("LastModifiedById", "LastModifiedBy", "User"));
    fields.add(f("SystemModstamp", "datetime", 0));
    String label = name.replaceAll("(?<=[a-z])(?=[A-Z])", " ").replaceAll("\\d+$", "");
    OBJECTS.put(name, new SObject(name, label, plural, keyPrefix, custom, fields));
  }

  private static SObjectField f(String name, String type, int length) {
    return new SObjectField(name, type, length, 0, 0, List.of(), null, null, List.of(), false);
  }

  private static SObjectField f(String name, String type, int length, int precision, int scale) {
    return new SObjectField(name, type, length, precision, scale, List.of(), null, null, List.of(), false);
  }

  private static SObjectField text(String name, int length) {
    return f(name, "string", length);
  }

  private static SObjectField money(String name, int precision, int scale) {
    return f(name, "currency", 0, precision, scale);
  }

  private static SObjectField percent(String name, int precision, int scale) {
    return f(name, "percent", 0, precision, scale);
  }

  private static SObjectField pick(String name, String... values) {
    return new SObjectField(name, "picklist", 255, 0, 0, List.of(), null, null, List.of(values), false);
  }

  private static SObjectField multi(String name, String... values) {
    return new SObjectField(name, "multipicklist", 4099, 0, 0, List.of(), null, null, List.of(values), false);
  }

  private static SObjectField custom(SObjectField field) {
    return new SObjectField(field.name(), field.type(), field.length(), field.precision(), field.scale(), field.referenceTo(),
        field.relationshipName(), field.compoundFieldName(), field.picklistValues(), true);
  }

  /** A custom formula field: computed when read, so its value changes when the fields it reads do (a parent's too). */
  private static SObjectField formula(SObjectField field, String formula) {
    return custom(field).withFormula(formula);
  }

  private static SObjectField ref(String name, String relationship, String target) {
    return ref(name, relationship, List.of(target));
  }

  private static SObjectField ref(String name, String relationship, List<String> targets) {
    return new SObjectField(name, "reference", 18, 0, 0, targets, relationship, null, List.of(), false);
  }

  /** {@code BillingAddress} and its parts ({@code BillingStreet}...); the prefix is empty for Lead's and User's {@code Address}. */
  private static List<SObjectField> address(String prefix) {
    String compound = prefix + "Address";
    List<SObjectField> fields = new ArrayList<>();
    fields.add(f(compound, "address", 0));
    fields.add(part(prefix + "Street", "textarea", 255, 0, 0, compound));
    fields.add(part(prefix + "City", "string", 40, 0, 0, compound));
    fields.add(part(prefix + "State", "string", 80, 0, 0, compound));
    fields.add(part(prefix + "PostalCode", "string", 20, 0, 0, compound));
    fields.add(part(prefix + "Country", "string", 80, 0, 0, compound));
    fields.add(part(prefix + "Latitude", "double", 0, 18, 15, compound));
    fields.add(part(prefix + "Longitude", "double", 0, 18, 15, compound));
    fields.add(new SObjectField(prefix + "GeocodeAccuracy", "picklist", 40, 0, 0, List.of(), null, compound,
        List.of("Address", "NearAddress", "Block", "Street", "ExtendedZip", "Zip", "City", "County", "State", "Unknown"), false));
    return Collections.unmodifiableList(fields);
  }

  /** A custom geolocation field ({@code HQ_Location__c}) and its {@code __Latitude__s}/{@code __Longitude__s} parts. */
  private static List<SObjectField> location(String name) {
    String base = name.substring(0, name.length() - 3);
    return List.of(
        custom(f(name, "location", 0)),
        custom(part(base + "__Latitude__s", "double", 0, 3, 15, name)),
        custom(part(base + "__Longitude__s", "double", 0, 3, 15, name)));
  }

  private static SObjectField part(String name, String type, int length, int precision, int scale, String compound) {
    return new SObjectField(name, type, length, precision, scale, List.of(), null, compound, List.of(), false);
  }
}
