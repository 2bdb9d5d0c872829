package dev.ferry.sandbox.hubspot;

import dev.ferry.sandbox.Overlay;
import dev.ferry.vendor.hubspot.HubSpotModel;
import dev.ferry.vendor.hubspot.HubSpotModel.AssociationPair;
import dev.ferry.vendor.hubspot.HubSpotModel.Property;
import java.time.Instant;
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

  /**
   * One object type's records and property definitions: generated records (see {@link GeneratedAccount})
   * under the stored ones, which are those created, changed, archived or merged away since.
   */
  public static final class ObjectStore {
    final String apiName;
    final String objectTypeId;
    final String modifiedProperty;
    final List<Property> properties = new CopyOnWriteArrayList<>();
    final List<Property> archivedProperties = new CopyOnWriteArrayList<>();
    /** Records created or changed, by numeric id; {@link #GONE} for a generated record merged away. */
    final TreeMap<Long, CrmRecord> stored = new TreeMap<>();
    final Overlay<Long, CrmRecord> records;

    ObjectStore(String apiName, String objectTypeId, String modifiedProperty, GeneratedAccount generated) {
      this.apiName = apiName;
      this.objectTypeId = objectTypeId;
      this.modifiedProperty = modifiedProperty;
      this.records = new Overlay<>(stored, GONE, generated.count(apiName), i -> generated.id(apiName, i),
          i -> withoutArchivedProperties(generated.record(apiName, i, modifiedProperty)));
    }

    private CrmRecord withoutArchivedProperties(CrmRecord record) {
      archivedProperties.forEach(p -> record.properties.remove(p.name()));
      return record;
    }

    public String apiName() {
      return apiName;
    }

    public Property property(String name) {
      return properties.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** The record with this id, live or archived; null if there is none. */
    CrmRecord get(long id) {
      return records.get(id);
    }

    /** Live and archived records with ids above {@code after}, in id order. */
    java.util.Iterator<CrmRecord> after(long after) {
      return records.after(after);
    }

    /** Every live record (made one by one: for tests and small accounts). */
    public List<CrmRecord> live() {
      List<CrmRecord> live = new ArrayList<>();
      records.forEach(r -> {
        if (!r.archived()) {
          live.add(r);
        }
      });
      return live;
    }

    /** The stored records that are live: created or changed since generation. */
    List<CrmRecord> changedLive() {
      return stored.values().stream().filter(r -> r != GONE && !r.archived()).toList();
    }

    int liveCount() {
      return records.size() - (int) stored.values().stream().filter(r -> r != GONE && r.archived()).count();
    }
  }

  /** Stands for a generated record that is gone (merged away). */
  private static final CrmRecord GONE = new CrmRecord("", EPOCH);

  public record Owner(String id, String email, String firstName, String lastName, long userId) {}

  public record Stage(String id, String label, int displayOrder, double probability) {}

  public record Pipeline(String id, String objectType, String label, int displayOrder, List<Stage> stages) {}

  /** A webhook event before delivery: subscription type, object id, and the type's extra fields. */
  public record Event(String subscriptionType, String objectId, Map<String, Object> extra, Instant occurredAt) {}

  private final Map<String, ObjectStore> stores = new LinkedHashMap<>();
  /** Per association pair, the links of first-side records changed since generation: second-side id to label (null for none). */
  private final Map<String, TreeMap<Long, Map<String, String>>> changedLinks = new LinkedHashMap<>();
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private final GeneratedAccount generated;
  private long clockMillis = EPOCH.toEpochMilli();
  private long nextId;

  private HubSpotAccount(long seed, int contacts) {
    List<String> types = new ArrayList<>();
    HubSpotModel.CRM_OBJECTS.forEach(o -> types.add(o.apiName()));
    types.add(CUSTOM_OBJECT);
    this.generated = new GeneratedAccount(seed, contacts, types);
    this.nextId = generated.nextId();
    for (HubSpotModel.CrmObject object : HubSpotModel.CRM_OBJECTS) {
      ObjectStore store = new ObjectStore(object.apiName(), object.objectTypeId(), object.modifiedProperty(), generated);
      store.properties.addAll(object.properties());
      stores.put(object.apiName(), store);
    }
    ObjectStore pets = new ObjectStore(CUSTOM_OBJECT, CUSTOM_OBJECT_ID, "hs_lastmodifieddate", generated);
    pets.properties.addAll(PET_PROPERTIES);
    stores.put(CUSTOM_OBJECT, pets);
    stores.get("contacts").properties.addAll(CUSTOM_CONTACT_PROPERTIES);
    stores.get("contacts").properties.add(new Property("hs_merged_object_ids", "Merged record IDs", "enumeration", "checkbox", List.of()));
    stores.get("contacts").archivedProperties.add(new Property("ferry_legacy_code", "Legacy code", "string", "text", List.of()));
    for (AssociationPair pair : associationPairs()) {
      changedLinks.put(key(pair), new TreeMap<>());
    }
  }

  /**
   * An account with {@code contacts} contacts and the other types in proportion, made when read (see
   * {@link GeneratedAccount}): the same seed and size always give the same account, and only what
   * changes afterwards is held.
   */
  public static HubSpotAccount generate(long seed, int contacts) {
    return new HubSpotAccount(seed, contacts);
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

  public List<Owner> owners() {
    return OWNERS;
  }

  public List<Pipeline> pipelines(String objectType) {
    return PIPELINES.stream().filter(p -> p.objectType.equals(objectType)).toList();
  }

  public synchronized Instant now() {
    return Instant.ofEpochMilli(clockMillis);
  }

  /** The generated records of {@code type} modified within [{@code from}, {@code to}) (epoch ms), as an index range; stored ones replace some. */
  int[] generatedModified(String type, long from, long to) {
    return new int[] {generated.firstModifiedAfter(type, from, true), generated.firstModifiedAfter(type, to, true)};
  }

  /** Generated record {@code index} of {@code type} as it is now: null when it changed (it is among the stored ones then). */
  CrmRecord generatedUnchanged(String type, int index) {
    ObjectStore store = stores.get(type);
    long id = generated.id(type, index);
    return store.stored.containsKey(id) ? null : store.get(id);
  }

  /** How many generated records of {@code type} with indexes in [{@code from}, {@code to}) are stored (changed) now. */
  int changedAmong(String type, int from, int to) {
    return stores.get(type).stored.subMap(generated.id(type, from), generated.id(type, to)).size();
  }

  /** The association pairs of the account: HubSpot's standard ones plus the custom object's with contacts. */
  public static List<AssociationPair> associationPairs() {
    List<AssociationPair> pairs = new ArrayList<>(HubSpotModel.ASSOCIATIONS);
    pairs.add(CUSTOM_PAIR);
    return pairs;
  }

  static final AssociationPair CUSTOM_PAIR = new AssociationPair("contacts", CUSTOM_OBJECT, 1001, 1002);

  private static String key(AssociationPair pair) {
    return pair.first() + "/" + pair.second();
  }

  /** Ids on the other side of {@code from}'s associations in {@code pair}, with each one's label (null for none). */
  public synchronized Map<String, String> associations(AssociationPair pair, String fromType, String fromId) {
    Map<String, String> found = new TreeMap<>((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    long id = Long.parseLong(fromId);
    if (pair.first().equals(fromType)) {
      found.putAll(links(pair, id));
    } else {
      for (long first : firsts(pair, id)) {
        found.put(String.valueOf(first), links(pair, first).get(fromId));
      }
    }
    found.keySet().removeIf(other -> !live(pair.other(fromType), other));
    return found;
  }

  /** A first-side record's links in {@code pair}, archived and gone records included: changed ones, else generated. */
  private Map<String, String> links(AssociationPair pair, long first) {
    Map<String, String> changed = changedLinks.get(key(pair)).get(first);
    if (changed != null) {
      return changed;
    }
    Map<String, String> links = new LinkedHashMap<>();
    int index = generated.index(pair.first(), first);
    if (index >= 0) {
      generated.links(pair, index).forEach((second, label) -> links.put(String.valueOf(generated.id(pair.second(), second)), label));
    }
    return links;
  }

  /** The first-side records whose links in {@code pair} include {@code second}. */
  private List<Long> firsts(AssociationPair pair, long second) {
    TreeMap<Long, Map<String, String>> changed = changedLinks.get(key(pair));
    List<Long> firsts = new ArrayList<>();
    int index = generated.index(pair.second(), second);
    if (index >= 0) {
      for (int first : generated.firsts(pair, index)) {
        long firstId = generated.id(pair.first(), first);
        if (!changed.containsKey(firstId)) {
          firsts.add(firstId);
        }
      }
    }
    changed.forEach((first, seconds) -> {
      if (seconds.containsKey(String.valueOf(second))) {
        firsts.add(first);
      }
    });
    return firsts;
  }

  /** A first-side record's links, stored from now on so that they can change. */
  private Map<String, String> changeLinks(AssociationPair pair, long first) {
    return changedLinks.get(key(pair)).computeIfAbsent(first, id -> new LinkedHashMap<>(links(pair, id)));
  }

  private boolean live(String type, String id) {
    CrmRecord record = stores.get(type).get(Long.parseLong(id));
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
      List<String> ids = new ArrayList<>();
      java.util.Iterator<CrmRecord> records = stores.get(type).after(Long.MIN_VALUE);
      while (ids.size() < count && records.hasNext()) {
        CrmRecord record = records.next();
        if (!record.archived()) {
          ids.add(record.id);
        }
      }
      ids.forEach(id -> touch(type, record(type, id), at));
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
      for (AssociationPair pair : associationPairs()) {
        if (!pair.involves(type)) {
          continue;
        }
        if (pair.first().equals(type)) {
          Map<String, String> moved = links(pair, Long.parseLong(mergedId));
          changeLinks(pair, Long.parseLong(primaryId)).putAll(moved);
          changedLinks.get(key(pair)).put(Long.parseLong(mergedId), new LinkedHashMap<>());
        } else {
          for (long first : firsts(pair, Long.parseLong(mergedId))) {
            Map<String, String> seconds = changeLinks(pair, first);
            seconds.putIfAbsent(primaryId, seconds.remove(mergedId));
          }
        }
      }
      stores.get(type).stored.put(Long.parseLong(mergedId), GONE);
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
      Map<String, String> seconds = changeLinks(pair, Long.parseLong(firstId));
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
    store.stored.values().forEach(r -> r.properties.remove(name));
  }

  /** A live record to change: a generated one is stored from now on. */
  private CrmRecord record(String type, String id) {
    ObjectStore store = stores.get(type);
    CrmRecord record = store.get(Long.parseLong(id));
    if (record == null || record.archived()) {
      throw new IllegalArgumentException("no live " + type + " " + id);
    }
    store.stored.put(Long.parseLong(id), record);
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

  // ---- the account's fixed parts

  private static final String[] OWNER_FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Margaret", "Linus", "Radia", "Donald"};
  private static final String[] OWNER_LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Hamilton", "Torvalds", "Perlman", "Knuth"};

  static final List<Owner> OWNERS = java.util.stream.IntStream.range(0, 12)
      .mapToObj(i -> new Owner(String.valueOf(70000001 + i), OWNER_FIRST[i % 10].toLowerCase() + i + "@ferry.example",
          OWNER_FIRST[i % 10], OWNER_LAST[(i + 3) % 10], 9000001 + i))
      .toList();

  static final List<Pipeline> PIPELINES = List.of(
      new Pipeline("default", "deals", "Sales Pipeline", 0, List.of(
          new Stage("appointmentscheduled", "Appointment Scheduled", 0, 0.2), new Stage("qualifiedtobuy", "Qualified To Buy", 1, 0.4),
          new Stage("presentationscheduled", "Presentation Scheduled", 2, 0.6), new Stage("contractsent", "Contract Sent", 3, 0.9),
          new Stage("closedwon", "Closed Won", 4, 1.0), new Stage("closedlost", "Closed Lost", 5, 0.0))),
      new Pipeline("partners", "deals", "Partner Pipeline", 1, List.of(
          new Stage("partners_new", "New", 0, 0.1), new Stage("partners_won", "Won", 1, 1.0), new Stage("partners_lost", "Lost", 2, 0.0))),
      new Pipeline("0", "tickets", "Support Pipeline", 0, List.of(
          new Stage("1", "New", 0, 0), new Stage("2", "Waiting on contact", 1, 0), new Stage("3", "Waiting on us", 2, 0),
          new Stage("4", "Closed", 3, 0))));

  /** Custom contact properties, one of every type and field type HubSpot has. */
  static final List<Property> CUSTOM_CONTACT_PROPERTIES = List.of(
      new Property("ferry_nickname", "Nickname", "string", "text", List.of()),
      new Property("ferry_notes", "Notes", "string", "textarea", List.of()),
      new Property("ferry_loyalty_points", "Loyalty points", "number", "number", List.of()),
      new Property("ferry_signup_day", "Signup day", "date", "date", List.of()),
      new Property("ferry_last_seen_at", "Last seen at", "datetime", "date", List.of()),
      new Property("ferry_is_vip", "VIP", "bool", "booleancheckbox", List.of("true", "false")),
      new Property("ferry_favorite_color", "Favorite color", "enumeration", "select", List.of(GeneratedAccount.COLORS)),
      new Property("ferry_interests", "Interests", "enumeration", "checkbox", List.of(GeneratedAccount.INTERESTS)),
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

  private CrmRecord newRecord(String type, Instant createdAt) {
    ObjectStore store = stores.get(type);
    CrmRecord record = new CrmRecord(String.valueOf(nextId++), createdAt);
    record.properties.put(type.equals(CUSTOM_OBJECT) ? "hs_createdate" : "createdate", createdAt.toString());
    record.properties.put("hs_object_id", record.id);
    store.stored.put(Long.parseLong(record.id), record);
    return record;
  }

  /** A live record of {@code type} chosen by {@code pick}, or null when there are fewer than 3. */
  private synchronized CrmRecord randomLive(String type, Random pick) {
    ObjectStore store = stores.get(type);
    if (store.liveCount() < 3) {
      return null;
    }
    long low = Math.min(generated.id(type, 0), store.stored.isEmpty() ? Long.MAX_VALUE : store.stored.firstKey());
    long high = Math.max(generated.id(type, generated.count(type) - 1), store.stored.isEmpty() ? Long.MIN_VALUE : store.stored.lastKey());
    while (true) {
      CrmRecord record = store.get(low + (long) (pick.nextDouble() * (high - low + 1)));
      if (record != null && !record.archived()) {
        return record;
      }
    }
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
      CrmRecord target = randomLive(type, pick);
      if (target == null) {
        continue;
      }
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
        CrmRecord other = randomLive(type, pick);
        if (!other.id.equals(target.id)) {
          merge("contacts", target.id, other.id);
        }
      } else {
        CrmRecord company = randomLive("companies", pick);
        if (company == null) {
          continue;
        }
        boolean linked = associations(HubSpotModel.ASSOCIATIONS.get(0), "contacts", target.id).containsKey(company.id);
        associate(HubSpotModel.ASSOCIATIONS.get(0), company.id, target.id, kind == 19 ? "Billing contact" : null, linked);
      }
    }
  }

  /** Live records of {@code type}, counted without making them. */
  public synchronized int liveCount(String type) {
    return stores.get(type).liveCount();
  }

  /** A set of every first/second id pair of a pair, for tests. */
  public synchronized Set<String> linkKeys(AssociationPair pair) {
    Set<String> keys = new LinkedHashSet<>();
    for (CrmRecord first : stores.get(pair.first()).live()) {
      associations(pair, pair.first(), first.id).keySet().forEach(second -> keys.add(first.id + "/" + second));
    }
    return keys;
  }
}
