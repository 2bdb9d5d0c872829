package dev.ferry.sandbox.hubspot;

import dev.ferry.vendor.hubspot.HubSpotModel;
import dev.ferry.vendor.hubspot.HubSpotModel.AssociationPair;
import dev.ferry.vendor.hubspot.HubSpotModel.Property;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A generated HubSpot account the sandbox serves: owners, deal and ticket pipelines, CRM records of
 * every standard type plus one custom object ({@code pets}), custom properties of every type, and
 * associations. The same seed and size always give the same account. Mutations (updates, creations,
 * archiving, merges, association changes, new properties) advance the account's clock by one
 * millisecond each and are reported to listeners as webhook events.
 */
public final class HubSpotAccount {
  public static final long PORTAL_ID = 62515;
  /** The account's clock starts here, so a seed always gives the same data. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  public static final String CUSTOM_OBJECT = "pets";
  public static final String CUSTOM_OBJECT_ID = "2-7654321";

  /** A CRM record: numeric id, property values as strings (as the API sends them), timestamps. */
  public static final class CrmRecord {
    final String id;
    final Map<String, String> properties = new TreeMap<>();
    final Instant createdAt;
    Instant updatedAt;
    Instant archivedAt;

    CrmRecord(String id, Instant createdAt) {
      this.id = id;
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
    }

    public String id() {
      return id;
    }

    public Map<String, String> properties() {
      return properties;
    }

    public boolean archived() {
      return archivedAt != null;
    }
  }

  /** One object type's records (live and archived, by numeric id) and property definitions. */
  public static final class ObjectStore {
    final String apiName;
    final String objectTypeId;
    final String modifiedProperty;
    final List<Property> properties = new CopyOnWriteArrayList<>();
    final List<Property> archivedProperties = new CopyOnWriteArrayList<>();
    final TreeMap<Long, CrmRecord> records = new TreeMap<>();

    ObjectStore(String apiName, String objectTypeId, String modifiedProperty) {
      this.apiName = apiName;
      this.objectTypeId = objectTypeId;
      this.modifiedProperty = modifiedProperty;
    }

    public String apiName() {
      return apiName;
    }

    public Property property(String name) {
      return properties.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    public List<CrmRecord> live() {
      return records.values().stream().filter(r -> !r.archived()).toList();
    }
  }

  public record Owner(String id, String email, String firstName, String lastName, long userId) {}

  public record Stage(String id, String label, int displayOrder, double probability) {}

  public record Pipeline(String id, String objectType, String label, int displayOrder, List<Stage> stages) {}

  /** A webhook event before delivery: subscription type, object id, and the type's extra fields. */
  public record Event(String subscriptionType, String objectId, Map<String, Object> extra, Instant occurredAt) {}

  private final Map<String, ObjectStore> stores = new LinkedHashMap<>();
  /** Per association pair table, first-side id to second-side ids with labels (null for unlabelled). */
  private final Map<String, Map<String, Map<String, String>>> links = new LinkedHashMap<>();
  private final List<Owner> owners = new ArrayList<>();
  private final List<Pipeline> pipelines = new ArrayList<>();
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private final Random random;
  private long clockMillis = EPOCH.toEpochMilli();
  private long nextId = 1000;

  private HubSpotAccount(long seed) {
    this.random = new Random(seed);
  }

  /** An account with {@code contacts} contacts and the other types in proportion. */
  public static HubSpotAccount generate(long seed, int contacts) {
    HubSpotAccount account = new HubSpotAccount(seed);
    account.build(contacts);
    return account;
  }

  // ---- reading (the server holds the account's monitor while it reads)

  public synchronized ObjectStore store(String pathName) {
    ObjectStore store = stores.get(pathName);
    if (store != null) {
      return store;
    }
    return stores.values().stream().filter(s -> s.objectTypeId.equals(pathName)
        || ("p" + PORTAL_ID + "_" + s.apiName).equals(pathName)
        || HubSpotModel.byPathName(pathName).map(o -> o.apiName().equals(s.apiName)).orElse(false))
        .findFirst().orElse(null);
  }

  public synchronized Collection<ObjectStore> stores() {
    return List.copyOf(stores.values());
  }

  public synchronized List<Owner> owners() {
    return List.copyOf(owners);
  }

  public synchronized List<Pipeline> pipelines(String objectType) {
    return pipelines.stream().filter(p -> p.objectType.equals(objectType)).toList();
  }

  public synchronized Instant now() {
    return Instant.ofEpochMilli(clockMillis);
  }

  /** The association pairs of the account: HubSpot's standard ones plus the custom object's with contacts. */
  public static List<AssociationPair> associationPairs() {
    List<AssociationPair> pairs = new ArrayList<>(HubSpotModel.ASSOCIATIONS);
    pairs.add(CUSTOM_PAIR);
    return pairs;
  }

  static final AssociationPair CUSTOM_PAIR = new AssociationPair("contacts", CUSTOM_OBJECT, 1001, 1002);

  /** Ids on the other side of {@code from}'s associations in {@code pair}, with each one's label (null for none). */
  public synchronized Map<String, String> associations(AssociationPair pair, String fromType, String fromId) {
    Map<String, Map<String, String>> byFirst = links.get(pair.first() + "/" + pair.second());
    Map<String, String> found = new TreeMap<>((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    if (pair.first().equals(fromType)) {
      found.putAll(byFirst.getOrDefault(fromId, Map.of()));
    } else {
      byFirst.forEach((first, seconds) -> {
        if (seconds.containsKey(fromId)) {
          found.put(first, seconds.get(fromId));
        }
      });
    }
    found.keySet().removeIf(id -> !live(pair.other(fromType), id));
    return found;
  }

  private boolean live(String type, String id) {
    CrmRecord record = stores.get(type).records.get(Long.parseLong(id));
    return record != null && !record.archived();
  }

  public void addListener(Consumer<Event> listener) {
    listeners.add(listener);
  }

  // ---- mutations

  /** Sets properties of a live record (null removes a value); returns its new modification time. */
  public Instant update(String type, String id, Map<String, String> values) {
    Event[] events;
    synchronized (this) {
      CrmRecord record = record(type, id);
      Instant at = tick();
      events = new Event[values.size()];
      int i = 0;
      for (Map.Entry<String, String> value : values.entrySet()) {
        if (value.getValue() == null) {
          record.properties.remove(value.getKey());
        } else {
          record.properties.put(value.getKey(), value.getValue());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("propertyName", value.getKey());
        extra.put("propertyValue", value.getValue() == null ? "" : value.getValue());
        events[i++] = new Event(singular(type) + ".propertyChange", id, extra, at);
      }
      touch(type, record, at);
    }
    emit(events);
    return Instant.ofEpochMilli(clockMillis);
  }

  /** Gives {@code count} live records of {@code type} the same new modification time, as a bulk import does. */
  public Instant touchMany(String type, int count) {
    synchronized (this) {
      Instant at = tick();
      int done = 0;
      for (CrmRecord record : stores.get(type).records.values()) {
        if (done == count) {
          break;
        }
        if (!record.archived()) {
          touch(type, record, at);
          done++;
        }
      }
      return at;
    }
  }

  /** Creates a record with {@code values}; returns its id. */
  public String create(String type, Map<String, String> values) {
    String id;
    Instant at;
    synchronized (this) {
      at = tick();
      CrmRecord record = newRecord(type, at);
      record.properties.putAll(values);
      touch(type, record, at);
      id = record.id;
    }
    emit(new Event(singular(type) + ".creation", id, Map.of(), at));
    return id;
  }

  /** Archives (deletes) a record: it moves to the {@code archived=true} listing. */
  public void archive(String type, String id) {
    Instant at;
    synchronized (this) {
      at = tick();
      CrmRecord record = record(type, id);
      record.archivedAt = at;
      record.updatedAt = at;
    }
    emit(new Event(singular(type) + ".deletion", id, Map.of(), at));
  }

  /**
   * Merges {@code mergedId} into {@code primaryId} as HubSpot does: the merged-away record disappears
   * (from both listings), its associations move to the primary, whose {@code hs_merged_object_ids} grows.
   */
  public void merge(String type, String primaryId, String mergedId) {
    Instant at;
    synchronized (this) {
      at = tick();
      CrmRecord primary = record(type, primaryId);
      String mergedBefore = record(type, mergedId).properties.get("hs_merged_object_ids");
      stores.get(type).records.remove(Long.parseLong(mergedId));
      for (AssociationPair pair : associationPairs()) {
        if (!pair.involves(type)) {
          continue;
        }
        Map<String, Map<String, String>> byFirst = links.get(pair.first() + "/" + pair.second());
        if (pair.first().equals(type)) {
          Map<String, String> moved = byFirst.remove(mergedId);
          if (moved != null) {
            byFirst.computeIfAbsent(primaryId, k -> new LinkedHashMap<>()).putAll(moved);
          }
        } else {
          for (Map<String, String> seconds : byFirst.values()) {
            if (seconds.containsKey(mergedId)) {
              seconds.putIfAbsent(primaryId, seconds.remove(mergedId));
            }
          }
        }
      }
      // the survivor lists every id merged into it, including those merged into the merged-away record
      List<String> merged = new ArrayList<>();
      for (String list : new String[] {primary.properties.get("hs_merged_object_ids"), mergedBefore, mergedId}) {
        if (list != null) {
          merged.addAll(List.of(list.split(";")));
        }
      }
      primary.properties.put("hs_merged_object_ids", String.join(";", merged));
      touch(type, primary, at);
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("primaryObjectId", Long.parseLong(primaryId));
    extra.put("mergedObjectIds", List.of(Long.parseLong(mergedId)));
    extra.put("newObjectId", Long.parseLong(primaryId));
    emit(new Event(singular(type) + ".merge", primaryId, extra, at));
  }

  /** Adds or removes an association; both records count as modified, as their association counts change. */
  public void associate(AssociationPair pair, String firstId, String secondId, String label, boolean remove) {
    Instant at;
    synchronized (this) {
      at = tick();
      Map<String, String> seconds = links.get(pair.first() + "/" + pair.second()).computeIfAbsent(firstId, k -> new LinkedHashMap<>());
      if (remove) {
        seconds.remove(secondId);
      } else {
        seconds.put(secondId, label);
      }
      touch(pair.first(), record(pair.first(), firstId), at);
      touch(pair.second(), record(pair.second(), secondId), at);
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("associationType", (singular(pair.first()) + "_TO_" + singular(pair.second())).toUpperCase());
    extra.put("fromObjectId", Long.parseLong(firstId));
    extra.put("toObjectId", Long.parseLong(secondId));
    extra.put("associationRemoved", remove);
    emit(new Event(singular(pair.first()) + ".associationChange", firstId, extra, at));
  }

  /** Defines a new property on {@code type} (values appear on records set later). */
  public synchronized void addProperty(String type, Property property) {
    stores.get(type).properties.add(property);
  }

  /** Archives a property definition: it leaves the properties listing and record responses. */
  public synchronized void archiveProperty(String type, String name) {
    ObjectStore store = stores.get(type);
    Property property = store.property(name);
    store.properties.remove(property);
    store.archivedProperties.add(property);
    store.records.values().forEach(r -> r.properties.remove(name));
  }

  private CrmRecord record(String type, String id) {
    CrmRecord record = stores.get(type).records.get(Long.parseLong(id));
    if (record == null || record.archived()) {
      throw new IllegalArgumentException("no live " + type + " " + id);
    }
    return record;
  }

  private Instant tick() {
    clockMillis++;
    return Instant.ofEpochMilli(clockMillis);
  }

  private void touch(String type, CrmRecord record, Instant at) {
    record.updatedAt = at;
    record.properties.put(stores.get(type).modifiedProperty, at.toString());
  }

  private void emit(Event... events) {
    for (Event event : events) {
      listeners.forEach(l -> l.accept(event));
    }
  }

  /** {@code contacts} → {@code contact}, as webhook subscription types spell objects. */
  static String singular(String apiName) {
    return switch (apiName) {
      case "companies" -> "company";
      case CUSTOM_OBJECT -> "pet";
      default -> apiName.substring(0, apiName.length() - 1);
    };
  }

  // ---- generation

  private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Margaret", "Linus", "Radia", "Donald"};
  private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Hamilton", "Torvalds", "Perlman", "Knuth"};
  private static final String[] COLORS = {"red", "green", "blue", "amber"};
  private static final String[] INTERESTS = {"sailing", "chess", "jazz", "cycling", "pottery"};

  /** Custom contact properties, one of every type and field type HubSpot has. */
  static final List<Property> CUSTOM_CONTACT_PROPERTIES = List.of(
      new Property("ferry_nickname", "Nickname", "string", "text", List.of()),
      new Property("ferry_notes", "Notes", "string", "textarea", List.of()),
      new Property("ferry_loyalty_points", "Loyalty points", "number", "number", List.of()),
      new Property("ferry_signup_day", "Signup day", "date", "date", List.of()),
      new Property("ferry_last_seen_at", "Last seen at", "datetime", "date", List.of()),
      new Property("ferry_is_vip", "VIP", "bool", "booleancheckbox", List.of("true", "false")),
      new Property("ferry_favorite_color", "Favorite color", "enumeration", "select", List.of(COLORS)),
      new Property("ferry_interests", "Interests", "enumeration", "checkbox", List.of(INTERESTS)),
      new Property("ferry_mobile", "Mobile", "phone_number", "phonenumber", List.of()));

  static final List<Property> PET_PROPERTIES = List.of(
      new Property("pet_name", "Pet name", "string", "text", List.of()),
      new Property("species", "Species", "enumeration", "select", List.of("cat", "dog", "parrot")),
      new Property("birth_day", "Birth day", "date", "date", List.of()),
      new Property("weight_kg", "Weight (kg)", "number", "number", List.of()),
      new Property("vaccinated", "Vaccinated", "bool", "booleancheckbox", List.of("true", "false")),
      new Property("hs_createdate", "Created", "datetime", "date", List.of()),
      new Property("hs_lastmodifieddate", "Last modified", "datetime", "date", List.of()),
      new Property("hs_object_id", "Record ID", "number", "number", List.of()));

  private void build(int contacts) {
    for (HubSpotModel.CrmObject object : HubSpotModel.CRM_OBJECTS) {
      ObjectStore store = new ObjectStore(object.apiName(), object.objectTypeId(), object.modifiedProperty());
      store.properties.addAll(object.properties());
      stores.put(object.apiName(), store);
    }
    ObjectStore pets = new ObjectStore(CUSTOM_OBJECT, CUSTOM_OBJECT_ID, "hs_lastmodifieddate");
    pets.properties.addAll(PET_PROPERTIES);
    stores.put(CUSTOM_OBJECT, pets);
    stores.get("contacts").properties.addAll(CUSTOM_CONTACT_PROPERTIES);
    stores.get("contacts").properties.add(new Property("hs_merged_object_ids", "Merged record IDs", "enumeration", "checkbox", List.of()));
    stores.get("contacts").archivedProperties.add(new Property("ferry_legacy_code", "Legacy code", "string", "text", List.of()));
    for (AssociationPair pair : associationPairs()) {
      links.put(pair.first() + "/" + pair.second(), new TreeMap<>((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b))));
    }
    for (int i = 0; i < 12; i++) {
      owners.add(new Owner(String.valueOf(70000001 + i), FIRST[i % 10].toLowerCase() + i + "@ferry.example",
          FIRST[i % 10], LAST[(i + 3) % 10], 9000001 + i));
    }
    pipelines.add(new Pipeline("default", "deals", "Sales Pipeline", 0, List.of(
        new Stage("appointmentscheduled", "Appointment Scheduled", 0, 0.2), new Stage("qualifiedtobuy", "Qualified To Buy", 1, 0.4),
        new Stage("presentationscheduled", "Presentation Scheduled", 2, 0.6), new Stage("contractsent", "Contract Sent", 3, 0.9),
        new Stage("closedwon", "Closed Won", 4, 1.0), new Stage("closedlost", "Closed Lost", 5, 0.0))));
    pipelines.add(new Pipeline("partners", "deals", "Partner Pipeline", 1, List.of(
        new Stage("partners_new", "New", 0, 0.1), new Stage("partners_won", "Won", 1, 1.0), new Stage("partners_lost", "Lost", 2, 0.0))));
    pipelines.add(new Pipeline("0", "tickets", "Support Pipeline", 0, List.of(
        new Stage("1", "New", 0, 0), new Stage("2", "Waiting on contact", 1, 0), new Stage("3", "Waiting on us", 2, 0),
        new Stage("4", "Closed", 3, 0))));

    long start = EPOCH.minusSeconds(365L * 86400).toEpochMilli();
    long span = EPOCH.toEpochMilli() - start;
    int companies = Math.max(1, contacts / 5);
    List<String> companyIds = new ArrayList<>();
    for (int i = 0; i < companies; i++) {
      CrmRecord company = generated("companies", start, span);
      company.properties.put("name", LAST[i % 10] + " " + (i + 1) + " Ltd");
      company.properties.put("domain", LAST[i % 10].toLowerCase() + (i + 1) + ".example");
      company.properties.put("industry", pick(HubSpotModel.crmObject("companies").orElseThrow().properties().get(2).options()));
      company.properties.put("numberofemployees", String.valueOf(1 + random.nextInt(5000)));
      company.properties.put("annualrevenue", (random.nextInt(900000) + 1000) + ".50");
      company.properties.put("city", i % 3 == 0 ? "Lisbon" : "Ghent");
      owner(company);
      companyIds.add(company.id);
    }
    List<String> contactIds = new ArrayList<>();
    for (int i = 0; i < contacts; i++) {
      CrmRecord contact = generated("contacts", start, span);
      String first = FIRST[i % 10];
      String last = LAST[(i / 10) % 10];
      contact.properties.put("firstname", first);
      contact.properties.put("lastname", last);
      contact.properties.put("email", first.toLowerCase() + "." + last.toLowerCase() + i + "@ferry.example");
      contact.properties.put("phone", "+32 9 " + (100000 + i));
      contact.properties.put("lifecyclestage", pick(HubSpotModel.crmObject("contacts").orElseThrow().properties().get(4).options()));
      owner(contact);
      if (i % 2 == 0) {
        contact.properties.put("ferry_nickname", first.substring(0, 2) + i);
        contact.properties.put("ferry_notes", "line one\nline \"two\"\t; tabs, commas");
        contact.properties.put("ferry_loyalty_points", String.valueOf(random.nextInt(10000)) + (i % 4 == 0 ? ".25" : ""));
        contact.properties.put("ferry_signup_day", LocalDate.ofInstant(contact.createdAt, ZoneOffset.UTC).toString());
        contact.properties.put("ferry_last_seen_at", contact.createdAt.plusSeconds(3600).toString());
        contact.properties.put("ferry_is_vip", String.valueOf(i % 3 == 0));
        contact.properties.put("ferry_favorite_color", COLORS[i % COLORS.length]);
        contact.properties.put("ferry_interests", INTERESTS[i % 5] + ";" + INTERESTS[(i + 2) % 5]);
        contact.properties.put("ferry_mobile", "+351 91 " + (200000 + i));
      }
      contactIds.add(contact.id);
      link(HubSpotModel.ASSOCIATIONS.get(0), companyIds.get(i % companies), contact.id, i % 7 == 0 ? "Decision maker" : null);
    }
    List<String> productIds = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      CrmRecord product = generated("products", start, span);
      product.properties.put("name", "Product " + (i + 1));
      product.properties.put("description", "The " + (i + 1) + "th product");
      product.properties.put("price", (10 + i) + ".99");
      product.properties.put("hs_sku", "SKU-" + (1000 + i));
      productIds.add(product.id);
    }
    int deals = Math.max(1, contacts / 4);
    for (int i = 0; i < deals; i++) {
      CrmRecord deal = generated("deals", start, span);
      Pipeline pipeline = pipelines.get(i % 5 == 4 ? 1 : 0);
      deal.properties.put("dealname", "Deal " + (i + 1));
      deal.properties.put("amount", String.valueOf(500 + random.nextInt(50000)));
      deal.properties.put("closedate", deal.createdAt.plusSeconds(86400L * 30).toString());
      deal.properties.put("pipeline", pipeline.id);
      deal.properties.put("dealstage", pipeline.stages.get(random.nextInt(pipeline.stages.size())).id);
      owner(deal);
      link(HubSpotModel.ASSOCIATIONS.get(1), companyIds.get(i % companies), deal.id, null);
      link(HubSpotModel.ASSOCIATIONS.get(3), contactIds.get((i * 3) % contacts), deal.id, null);
      link(HubSpotModel.ASSOCIATIONS.get(3), contactIds.get((i * 3 + 1) % contacts), deal.id, "Champion");
      for (int l = 0; l < i % 3; l++) {
        CrmRecord line = generated("line_items", start, span);
        String product = productIds.get((i + l) % productIds.size());
        line.properties.put("name", "Line " + (l + 1) + " of deal " + (i + 1));
        line.properties.put("quantity", String.valueOf(1 + l));
        line.properties.put("price", (10 + l) + ".99");
        line.properties.put("hs_product_id", product);
        link(HubSpotModel.ASSOCIATIONS.get(5), deal.id, line.id, null);
      }
      if (i % 5 == 0) {
        CrmRecord quote = generated("quotes", start, span);
        quote.properties.put("hs_title", "Quote for deal " + (i + 1));
        quote.properties.put("hs_expiration_date", LocalDate.ofInstant(quote.createdAt, ZoneOffset.UTC).plusDays(30).toString());
        quote.properties.put("hs_status", "DRAFT");
        link(HubSpotModel.ASSOCIATIONS.get(6), deal.id, quote.id, null);
      }
    }
    int tickets = Math.max(1, contacts / 10);
    for (int i = 0; i < tickets; i++) {
      CrmRecord ticket = generated("tickets", start, span);
      Pipeline pipeline = pipelines.get(2);
      ticket.properties.put("subject", "Ticket " + (i + 1));
      ticket.properties.put("content", "Something broke, " + (i + 1) + " times");
      ticket.properties.put("hs_pipeline", pipeline.id);
      ticket.properties.put("hs_pipeline_stage", pipeline.stages.get(i % pipeline.stages.size()).id);
      ticket.properties.put("hs_ticket_priority", i % 2 == 0 ? "HIGH" : "LOW");
      owner(ticket);
      link(HubSpotModel.ASSOCIATIONS.get(4), contactIds.get((i * 7) % contacts), ticket.id, null);
      link(HubSpotModel.ASSOCIATIONS.get(2), companyIds.get(i % companies), ticket.id, null);
    }
    for (int i = 0; i < Math.max(1, contacts / 10); i++) {
      CrmRecord pet = generated(CUSTOM_OBJECT, start, span);
      pet.properties.put("pet_name", FIRST[(i + 5) % 10] + "ie");
      pet.properties.put("species", i % 3 == 0 ? "cat" : i % 3 == 1 ? "dog" : "parrot");
      pet.properties.put("birth_day", LocalDate.ofInstant(pet.createdAt, ZoneOffset.UTC).minusYears(2).toString());
      pet.properties.put("weight_kg", (2 + i % 30) + ".5");
      pet.properties.put("vaccinated", String.valueOf(i % 2 == 0));
      link(CUSTOM_PAIR, contactIds.get((i * 11) % contacts), pet.id, null);
    }
  }

  private CrmRecord generated(String type, long start, long span) {
    long created = start + (long) (random.nextDouble() * span);
    CrmRecord record = newRecord(type, Instant.ofEpochMilli(created));
    long modified = Math.min(EPOCH.toEpochMilli(), created + (long) (random.nextDouble() * 86400000L * 20));
    touch(type, record, Instant.ofEpochMilli(modified));
    return record;
  }

  private CrmRecord newRecord(String type, Instant createdAt) {
    ObjectStore store = stores.get(type);
    CrmRecord record = new CrmRecord(String.valueOf(nextId++), createdAt);
    record.properties.put(type.equals(CUSTOM_OBJECT) ? "hs_createdate" : "createdate", createdAt.toString());
    record.properties.put("hs_object_id", record.id);
    store.records.put(Long.parseLong(record.id), record);
    return record;
  }

  private void owner(CrmRecord record) {
    if (random.nextInt(10) > 0) {
      record.properties.put("hubspot_owner_id", owners.get(random.nextInt(owners.size())).id);
    }
  }

  private void link(AssociationPair pair, String firstId, String secondId, String label) {
    links.get(pair.first() + "/" + pair.second()).computeIfAbsent(firstId, k -> new LinkedHashMap<>()).put(secondId, label);
  }

  private String pick(List<String> options) {
    return options.get(random.nextInt(options.size()));
  }

  /**
   * Makes {@code n} changes chosen by {@code seed}: property updates of every type, new contacts and
   * deals (some archived at once, so a sync never sees them live), archives, contact merges and
   * association changes.
   */
  public void mutate(long seed, int n) {
    Random pick = new Random(seed);
    for (int i = 0; i < n; i++) {
      int kind = pick.nextInt(20);
      List<String> types = List.copyOf(stores.keySet());
      String type = kind < 8 ? types.get(pick.nextInt(types.size())) : "contacts";
      List<CrmRecord> live;
      synchronized (this) {
        live = stores.get(type).live();
      }
      if (live.size() < 3) {
        continue;
      }
      CrmRecord target = live.get(pick.nextInt(live.size()));
      if (kind < 8) {
        String property = type.equals("contacts") ? "ferry_loyalty_points" : stores.get(type).properties.get(0).name();
        String value = stores.get(type).property(property).type().equals("number") ? String.valueOf(pick.nextInt(1000)) : "changed " + seed + "-" + i;
        update(type, target.id, Map.of(property, value));
      } else if (kind < 11) {
        String id = create("contacts", Map.of("email", "new" + seed + "-" + i + "@ferry.example", "firstname", "New",
            "ferry_interests", "chess;jazz", "ferry_signup_day", "2026-01-01"));
        if (kind == 10) {
          archive("contacts", id);
        }
      } else if (kind < 13) {
        archive("contacts", target.id);
      } else if (kind < 15) {
        CrmRecord other = live.get(pick.nextInt(live.size()));
        if (other != target) {
          merge("contacts", target.id, other.id);
        }
      } else {
        List<CrmRecord> companies;
        synchronized (this) {
          companies = stores.get("companies").live();
        }
        CrmRecord company = companies.get(pick.nextInt(companies.size()));
        boolean linked = associations(HubSpotModel.ASSOCIATIONS.get(0), "contacts", target.id).containsKey(company.id);
        associate(HubSpotModel.ASSOCIATIONS.get(0), company.id, target.id, kind == 19 ? "Billing contact" : null, linked);
      }
    }
  }

  /** Every live record of every type, for tests comparing a sync with the account. */
  public synchronized int liveCount(String type) {
    return stores.get(type).live().size();
  }

  /** A set of every first/second id pair of a pair, for tests. */
  public synchronized Set<String> linkKeys(AssociationPair pair) {
    Set<String> keys = new LinkedHashSet<>();
    links.get(pair.first() + "/" + pair.second()).forEach((first, seconds) -> seconds.keySet().forEach(second -> {
      if (live(pair.first(), first) && live(pair.second(), second)) {
        keys.add(first + "/" + second);
      }
    }));
    return keys;
  }
}
