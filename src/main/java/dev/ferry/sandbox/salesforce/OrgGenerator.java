package dev.ferry.sandbox.salesforce;

import dev.ferry.sandbox.Overlay;
import dev.ferry.vendor.salesforce.SalesforceObjects;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeds an org of realistic shape, the same for the same seed and size: users who own the records
 * (and two queues that own some leads and cases), accounts with contacts, opportunities with line
 * items from a price book and contact roles, cases, leads, campaigns with members, contracts with
 * orders, and tasks and events whose {@code WhoId} is a contact or a lead and whose {@code WhatId}
 * is an account, an opportunity or a case. Every record is stamped in 2025, one after the other.
 */
public final class OrgGenerator {
  /** When the generated history starts. */
  public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Margaret", "Linus", "Frances", "Donald",
      "Radia", "John", "Sophie", "Tim", "Hedy", "Dennis"};
  private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Hamilton", "Torvalds",
      "Allen", "Knuth", "Perlman", "Backus", "Wilson", "Berners-Lee", "Lamarr", "Ritchie"};
  private static final String[] COMPANY = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell",
      "Cyberdyne", "Soylent", "Vandelay"};
  private static final String[] SUFFIX = {"Inc.", "Corp.", "Ltd.", "GmbH", "LLC", "Group"};
  private static final String[] CITY = {"San Francisco", "New York", "London", "Berlin", "Tokyo", "Paris", "Toronto", "Sydney"};
  private static final String[] COUNTRY = {"United States", "United States", "United Kingdom", "Germany", "Japan", "France", "Canada",
      "Australia"};

  private final Random random;
  private final SalesforceOrg org = new SalesforceOrg();
  private Instant clock = START;
  private final List<String> users = new ArrayList<>();
  private final List<String> queues = new ArrayList<>();
  private final List<String> contacts = new ArrayList<>();
  private final List<String> leads = new ArrayList<>();
  private final List<String> campaigns = new ArrayList<>();
  private final List<String> entries = new ArrayList<>();
  private String standardBook;

  private OrgGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** An org with {@code accounts} accounts and everything that hangs off them. */
  public static SalesforceOrg generate(long seed, int accounts) {
    OrgGenerator generator = new OrgGenerator(seed);
    generator.seed(accounts);
    return generator.org;
  }

  /** Accounts in the stored part of a {@link #generateLarge} org: the users, products and campaigns come with them. */
  private static final int STORED_ACCOUNTS = 20;
  /** Records per generated account: itself, 4 contacts, 2 opportunities, 3 tasks and 2 events. */
  static final int RECORDS_PER_ACCOUNT = 12;

  /**
   * An org of about {@code records} records that holds few of them: a stored org of {@link #STORED_ACCOUNTS}
   * accounts, then accounts with contacts, opportunities, tasks and events made when read ({@link Volume}),
   * each record a function of the seed and its index, so the sandbox serves a million records in little memory.
   */
  public static SalesforceOrg generateLarge(long seed, int records) {
    OrgGenerator generator = new OrgGenerator(seed);
    generator.seed(STORED_ACCOUNTS);
    generator.volumes(seed, Math.max(0, (records - generator.org.total()) / RECORDS_PER_ACCOUNT));
    return generator.org;
  }

  private void volumes(long seed, int accounts) {
    Instant start = clock.plus(Duration.ofHours(1));
    String[] objects = {"Account", "Contact", "Opportunity", "Task", "Event"};
    int[] perAccount = {1, 4, 2, 3, 2};
    for (int o = 0; o < objects.length; o++) {
      String object = objects[o];
      int stream = o;
      org.addVolume(object, accounts * perAccount[o], start, index -> generated(object, seed, stream, start, index));
      generated(object, seed, stream, start, 0); // the first record's fields are checked against the object model
    }
  }

  /** Record {@code index} of a volume: its own random sequence, references to the records it belongs with by index. */
  private synchronized Map<String, Object> generated(String object, long seed, int stream, Instant start, int index) {
    random.setSeed(Overlay.seed(seed, stream, index));
    clock = start.plusSeconds(index);
    Map<String, Object> values = switch (object) {
      case "Account" -> accountValues(STORED_ACCOUNTS + index);
      case "Contact" -> contactValues(generatedAccount(index / 4), STORED_ACCOUNTS + index / 4, index % 4,
          index % 4 == 0 ? null : SalesforceOrg.volumeId("Contact", index - index % 4));
      case "Opportunity" -> opportunityValues(generatedAccount(index / 2), accountName(STORED_ACCOUNTS + index / 2), index % 2);
      case "Task" -> taskValues(SalesforceOrg.volumeId("Contact", 4 * (index / 3) + index % 3),
          index % 3 == 0 ? generatedAccount(index / 3) : SalesforceOrg.volumeId("Opportunity", 2 * (index / 3) + index % 3 - 1), generatedAccount(index / 3));
      case "Event" -> eventValues(SalesforceOrg.volumeId("Contact", 4 * (index / 2) + 3 - index % 2), generatedAccount(index / 2), generatedAccount(index / 2));
      default -> throw new IllegalArgumentException(object);
    };
    return complete(object, values, index == 0);
  }

  private static String generatedAccount(int index) {
    return SalesforceOrg.volumeId("Account", index);
  }

  private Instant tick() {
    clock = clock.plus(Duration.ofSeconds(1 + random.nextInt(120)));
    return clock;
  }

  private String add(String object, Map<String, Object> values) {
    Instant at = tick();
    return org.insert(object, complete(object, values, true), at);
  }

  /** Who created and owns the record, nulls left out; when {@code check}, every field checked against the object model. */
  private Map<String, Object> complete(String object, Map<String, Object> values, boolean check) {
    values.putIfAbsent("CreatedById", users.isEmpty() ? null : users.get(0));
    values.putIfAbsent("LastModifiedById", values.get("CreatedById"));
    if (org.object(object).field("OwnerId").isPresent()) {
      values.putIfAbsent("OwnerId", pick(users));
    }
    values.entrySet().removeIf(e -> e.getValue() == null);
    for (String field : check ? values.keySet() : java.util.Set.<String>of()) {
      if (org.object(object).field(field).isEmpty()) {
        throw new IllegalStateException(object + "." + field + " is not in the object model"); // would be served but never synced
      }
    }
    return values;
  }

  private void seed(int accounts) {
    int userCount = Math.max(3, accounts / 20);
    for (int i = 0; i < userCount; i++) {
      String first = FIRST[i % FIRST.length];
      String last = LAST[(i / FIRST.length + i) % LAST.length];
      Map<String, Object> user = map("FirstName", first, "LastName", last, "Name", first + " " + last,
          "Username", (first + "." + last + i + "@ferry-sandbox.example").toLowerCase(java.util.Locale.ROOT),
          "Email", (first + "." + last + "@ferry-sandbox.example").toLowerCase(java.util.Locale.ROOT),
          "Alias", (first.charAt(0) + last).substring(0, Math.min(8, last.length() + 1)).toLowerCase(java.util.Locale.ROOT),
          "IsActive", true, "TimeZoneSidKey", "America/Los_Angeles", "UserType", "Standard", "CompanyName", "Ferry Sandbox",
          "Title", i == 0 ? "System Administrator" : "Account Executive", "ManagerId", users.isEmpty() ? null : users.get(0));
      users.add(add("User", user));
    }
    queues.add(add("Group", map("Name", "Support Queue", "DeveloperName", "Support_Queue", "Type", "Queue", "DoesSendEmailToMembers", false)));
    queues.add(add("Group", map("Name", "Lead Queue", "DeveloperName", "Lead_Queue", "Type", "Queue", "DoesSendEmailToMembers", true)));
    standardBook = add("Pricebook2", map("Name", "Standard Price Book", "IsActive", true, "IsStandard", true));
    add("Pricebook2", map("Name", "Partner Price Book", "IsActive", true, "IsStandard", false, "Description", "Prices for resellers"));
    String[] families = {"Hardware", "Software", "Services"};
    for (int i = 0; i < 12; i++) {
      String code = "FRY-" + (100 + i);
      String product = add("Product2", map("Name", families[i % 3] + " Plan " + (i + 1), "ProductCode", code, "IsActive", true,
          "Family", families[i % 3], "QuantityUnitOfMeasure", i % 3 == 2 ? "Hour" : "Each", "StockKeepingUnit", "SKU-" + code));
      entries.add(add("PricebookEntry", map("Name", families[i % 3] + " Plan " + (i + 1), "Pricebook2Id", standardBook,
          "Product2Id", product, "UnitPrice", money(50 + random.nextInt(5000)), "IsActive", true, "UseStandardPrice", false,
          "ProductCode", code)));
    }
    for (int i = 0; i < Math.max(2, accounts / 25); i++) {
      campaigns.add(add("Campaign", map("Name", "Campaign " + (i + 1), "Type", pickOf("Conference", "Webinar", "Email"),
          "Status", pickOf("Planned", "In Progress", "Completed"), "StartDate", date(), "IsActive", true,
          "BudgetedCost", money(1000 + random.nextInt(20000)), "ExpectedResponse", new BigDecimal("2.50"),
          "NumberSent", BigDecimal.valueOf(random.nextInt(5000)), "ParentId", campaigns.isEmpty() ? null : campaigns.get(0))));
    }
    for (int i = 0; i < Math.max(1, accounts / 2); i++) {
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      Map<String, Object> lead = map("FirstName", first, "LastName", last, "Name", first + " " + last,
          "Company", COMPANY[random.nextInt(COMPANY.length)] + " " + SUFFIX[random.nextInt(SUFFIX.length)],
          "Email", (first + "." + last + i + "@example.com").toLowerCase(java.util.Locale.ROOT),
          "Status", pickOf("Open - Not Contacted", "Working - Contacted", "Closed - Not Converted"),
          "LeadSource", pickOf("Web", "Phone Inquiry", "Partner Referral"), "IsConverted", false, "IsUnreadByOwner", false,
          "OwnerId", random.nextInt(4) == 0 ? queues.get(1) : pick(users));
      putAddress(lead, "");
      leads.add(add("Lead", lead));
    }
    for (int i = 0; i < accounts; i++) {
      account(i);
    }
    for (String campaign : campaigns) {
      for (int i = 0; i < 3 && !leads.isEmpty(); i++) {
        boolean contact = random.nextBoolean() && !contacts.isEmpty();
        add("CampaignMember", map("CampaignId", campaign, contact ? "ContactId" : "LeadId", contact ? pick(contacts) : pick(leads),
            "Status", pickOf("Sent", "Responded"), "HasResponded", random.nextBoolean()));
      }
    }
  }

  private static String accountName(int index) {
    return COMPANY[index % COMPANY.length] + " " + SUFFIX[(index / COMPANY.length) % SUFFIX.length]
        + (index >= COMPANY.length * SUFFIX.length ? " " + index : "");
  }

  private Map<String, Object> accountValues(int index) {
    String name = accountName(index);
    Map<String, Object> values = map("Name", name, "Type", pickOf("Prospect", "Customer - Direct", "Partner"),
        "Industry", pickOf("Banking", "Energy", "Retail", "Technology", "Healthcare"), "Phone", phone(),
        "Website", "https://www." + COMPANY[index % COMPANY.length].toLowerCase(java.util.Locale.ROOT) + ".example",
        "AnnualRevenue", BigDecimal.valueOf(100_000L * (1 + random.nextInt(5000))), "NumberOfEmployees", 10 + random.nextInt(5000),
        "Rating", pickOf("Hot", "Warm", "Cold"), "Regions__c", random.nextBoolean() ? "AMER;EMEA" : "APAC",
        "Tier__c", pickOf("Gold", "Silver", "Bronze"), "AccountNumber", "CD" + (100000 + index));
    putAddress(values, "Billing");
    putAddress(values, "Shipping");
    values.put("HQ_Location__Latitude__s", coordinate(90));
    values.put("HQ_Location__Longitude__s", coordinate(180));
    return values;
  }

  private Map<String, Object> contactValues(String account, int index, int c, String reportsTo) {
    String first = FIRST[random.nextInt(FIRST.length)];
    String last = LAST[random.nextInt(LAST.length)];
    Map<String, Object> contact = map("AccountId", account, "FirstName", first, "LastName", last, "Name", first + " " + last,
        "Email", (first + "." + last + "." + index + c + "@example.com").toLowerCase(java.util.Locale.ROOT), "Phone", phone(),
        "Title", pickOf("CEO", "CFO", "VP Sales", "Engineer", "Buyer"), "LeadSource", pickOf("Web", "Partner Referral"),
        "Birthdate", LocalDate.of(1960 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28)),
        "HasOptedOutOfEmail", random.nextInt(5) == 0, "ReportsToId", reportsTo);
    putAddress(contact, "Mailing");
    return contact;
  }

  private Map<String, Object> opportunityValues(String account, String accountName, int o) {
    String stage = pickOf("Prospecting", "Qualification", "Proposal/Price Quote", "Closed Won", "Closed Lost");
    boolean closed = stage.startsWith("Closed");
    return map("AccountId", account, "Name", accountName + " - deal " + (o + 1), "StageName", stage,
        "Amount", money(1000 + random.nextInt(200_000)), "Probability", BigDecimal.valueOf(closed ? (stage.endsWith("Won") ? 100 : 0) : 10 + random.nextInt(80)),
        "CloseDate", date(), "IsClosed", closed, "IsWon", stage.equals("Closed Won"), "ForecastCategory", closed ? "Closed" : "Pipeline",
        "Pricebook2Id", standardBook, "CampaignId", random.nextBoolean() ? pick(campaigns) : null,
        "Type", pickOf("New Customer", "Existing Customer - Upgrade"), "Margin__c", new BigDecimal(random.nextInt(6000)).movePointLeft(2));
  }

  private Map<String, Object> taskValues(String who, String what, String account) {
    return map("WhoId", who, "WhatId", what, "AccountId", account,
        "Subject", pickOf("Call", "Send quote", "Follow up", "Email"), "ActivityDate", date(),
        "Status", pickOf("Not Started", "In Progress", "Completed"), "Priority", pickOf("High", "Normal", "Low"),
        "IsHighPriority", false, "IsClosed", false, "TaskSubtype", pickOf("Task", "Call", "Email"),
        "OwnerId", random.nextInt(5) == 0 ? queues.get(0) : pick(users));
  }

  private Map<String, Object> eventValues(String who, String what, String account) {
    Instant start = tick();
    return map("WhoId", who, "WhatId", what, "AccountId", account,
        "Subject", pickOf("Meeting", "Demo", "Lunch"), "Location", pick(List.of(CITY)), "IsAllDayEvent", false,
        "ActivityDateTime", start, "ActivityDate", LocalDate.ofInstant(start, ZoneOffset.UTC), "DurationInMinutes", 30 * (1 + random.nextInt(4)),
        "StartDateTime", start, "EndDateTime", start.plus(Duration.ofMinutes(30)), "ShowAs", "Busy");
  }

  private void account(int index) {
    String name = accountName(index);
    String account = add("Account", accountValues(index));
    List<String> accountContacts = new ArrayList<>();
    for (int c = 0; c < 1 + random.nextInt(4); c++) {
      String id = add("Contact", contactValues(account, index, c, accountContacts.isEmpty() ? null : accountContacts.get(0)));
      accountContacts.add(id);
      contacts.add(id);
    }
    List<String> opportunities = new ArrayList<>();
    for (int o = 0; o < random.nextInt(4); o++) {
      String opportunity = add("Opportunity", opportunityValues(account, name, o));
      opportunities.add(opportunity);
      for (int l = 0; l < 1 + random.nextInt(3); l++) {
        String entry = pick(entries);
        Map<String, Object> priced = org.get("PricebookEntry", entry);
        BigDecimal unit = (BigDecimal) priced.get("UnitPrice");
        BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(20)).setScale(2, RoundingMode.UNNECESSARY);
        add("OpportunityLineItem", map("OpportunityId", opportunity, "PricebookEntryId", entry, "Product2Id", priced.get("Product2Id"),
            "ProductCode", priced.get("ProductCode"), "Name", priced.get("Name"), "Quantity", quantity, "UnitPrice", unit,
            "ListPrice", unit, "TotalPrice", unit.multiply(quantity).setScale(2, RoundingMode.HALF_UP), "SortOrder", l + 1));
      }
      for (int r = 0; r < Math.min(accountContacts.size(), 1 + random.nextInt(2)); r++) {
        add("OpportunityContactRole", map("OpportunityId", opportunity, "ContactId", accountContacts.get(r),
            "Role", pickOf("Decision Maker", "Economic Buyer", "Evaluator", "Influencer"), "IsPrimary", r == 0));
      }
    }
    List<String> cases = new ArrayList<>();
    for (int c = 0; c < random.nextInt(3); c++) {
      String status = pickOf("New", "Working", "Closed");
      cases.add(add("Case", map("AccountId", account, "ContactId", pick(accountContacts), "CaseNumber", String.format("%08d", 1000 + org.count("Case")),
          "Subject", pickOf("Cannot log in", "Invoice question", "Feature request", "Outage"), "Status", status,
          "Priority", pickOf("High", "Medium", "Low"), "Origin", pickOf("Phone", "Email", "Web"), "IsClosed", status.equals("Closed"),
          "IsEscalated", false, "OwnerId", random.nextInt(3) == 0 ? queues.get(0) : pick(users))));
    }
    if (random.nextInt(4) == 0) {
      LocalDate start = date();
      String contract = add("Contract", map("AccountId", account, "Pricebook2Id", standardBook, "StartDate", start,
          "EndDate", start.plusMonths(12), "ContractTerm", 12, "Status", "Activated", "StatusCode", "Activated",
          "ContractNumber", String.format("%08d", 100 + org.count("Contract"))));
      add("Order", map("AccountId", account, "ContractId", contract, "Pricebook2Id", standardBook, "EffectiveDate", start,
          "Status", "Draft", "StatusCode", "Draft", "OrderNumber", String.format("%08d", 100 + org.count("Order")),
          "TotalAmount", money(500 + random.nextInt(50_000)), "Type", "New",
          "OpportunityId", opportunities.isEmpty() ? null : opportunities.get(0), "OwnerId", random.nextInt(4) == 0 ? queues.get(0) : pick(users)));
    }
    for (int a = 0; a < 1 + random.nextInt(3); a++) {
      boolean lead = random.nextInt(4) == 0;
      String who = lead ? pick(leads) : pick(accountContacts);
      String what = lead ? null : pickWhat(account, opportunities, cases);
      if (random.nextBoolean()) {
        add("Task", taskValues(who, what, lead ? null : account));
      } else {
        add("Event", eventValues(who, what, lead ? null : account));
      }
    }
  }

  private String pickWhat(String account, List<String> opportunities, List<String> cases) {
    int choice = random.nextInt(3);
    if (choice == 1 && !opportunities.isEmpty()) {
      return pick(opportunities);
    }
    if (choice == 2 && !cases.isEmpty()) {
      return pick(cases);
    }
    return account;
  }

  private void putAddress(Map<String, Object> values, String prefix) {
    int city = random.nextInt(CITY.length);
    values.put(prefix + "Street", (1 + random.nextInt(999)) + " Market Street");
    values.put(prefix + "City", CITY[city]);
    values.put(prefix + "PostalCode", String.valueOf(10000 + random.nextInt(89999)));
    values.put(prefix + "Country", COUNTRY[city]);
  }

  private BigDecimal coordinate(int range) {
    return BigDecimal.valueOf(random.nextInt(range * 2_000_000) - range * 1_000_000L, 6).setScale(15, RoundingMode.UNNECESSARY);
  }

  private LocalDate date() {
    return LocalDate.ofInstant(clock, ZoneOffset.UTC).plusDays(random.nextInt(90));
  }

  private String phone() {
    return String.format("(415) 555-%04d", random.nextInt(10000));
  }

  private static BigDecimal money(long units) {
    return BigDecimal.valueOf(units).setScale(2, RoundingMode.UNNECESSARY);
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private String pickOf(String... values) {
    return values[random.nextInt(values.length)];
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    return values;
  }
}
