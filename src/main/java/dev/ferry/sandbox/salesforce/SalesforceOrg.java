package dev.ferry.sandbox.salesforce;

import dev.ferry.sandbox.Overlay;
import dev.ferry.vendor.salesforce.SObject;
import dev.ferry.vendor.salesforce.SObjectField;
import dev.ferry.vendor.salesforce.SalesforceObjects;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The records of one sandboxed Salesforce org, keyed by object and id, with the org's delete log
 * and clock. Values are kept by API field name as the REST API renders them: {@link String},
 * {@link Boolean}, {@link java.math.BigDecimal}, {@link Integer}, {@link java.time.LocalDate},
 * {@link Instant} (whole seconds, as {@code SystemModstamp} is) and {@code A;B} for multipicklists.
 * Deleted records stay with {@code IsDeleted = true} (the recycle bin) until purged; both are in the
 * delete log {@code getDeleted} serves. Formula fields are not stored: {@link #value} computes them
 * when a record is read. Thread-safe.
 */
public final class SalesforceOrg {
  /** The org's id, in identity URLs and token responses. */
  public static final String ORG_ID = "00D5g000004FerRY";

  private final Map<String, TreeMap<String, Map<String, Object>>> records = new LinkedHashMap<>();
  private final Map<String, Volume> volumes = new LinkedHashMap<>();
  /** The org's objects by lower-case API name: Ferry's model, and custom objects a test adds. */
  private final Map<String, SObject> objects = new LinkedHashMap<>();
  private final List<DeletedRecord> deleteLog = new ArrayList<>();
  private final Map<String, Long> idCounters = new HashMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile Clock clock = Clock.systemUTC();

  /** A deleted record as {@code getDeleted} lists it. */
  public record DeletedRecord(String object, String id, Instant deletedDate) {}

  SalesforceOrg() {
    for (SObject object : SalesforceObjects.all()) {
      addObject(object);
    }
  }

  /** Adds an object to the org (a custom {@code __c} object defined by a test): describe, SOQL and Bulk serve it. */
  public void addObject(SObject object) {
    lock.writeLock().lock();
    try {
      objects.put(object.name().toLowerCase(java.util.Locale.ROOT), object);
      records.put(object.name(), new TreeMap<>());
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Deletes a custom field, as an admin does in Setup: describe stops listing it and records lose its
   * values; no record is stamped, so a sync hears of it only through describe.
   */
  public void deleteField(String object, String field) {
    lock.writeLock().lock();
    try {
      SObject described = object(object);
      List<SObjectField> kept = described.fields().stream().filter(f -> !f.name().equals(field)).toList();
      if (kept.size() == described.fields().size()) {
        throw new IllegalArgumentException(object + " has no field " + field);
      }
      objects.put(described.name().toLowerCase(java.util.Locale.ROOT), new SObject(described.name(), described.label(),
          described.labelPlural(), described.keyPrefix(), described.custom(), kept));
      table(object).values().forEach(record -> record.remove(field));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Changes a formula field's formula, as an admin does in Setup: describe shows the new formula and
   * every record reads the new value at once; no record is stamped.
   */
  public void redefineFormula(String object, String field, String formula) {
    lock.writeLock().lock();
    try {
      SObject described = object(object);
      if (described.field(field).map(f -> f.calculatedFormula() == null).orElse(true)) {
        throw new IllegalArgumentException(object + " has no formula field " + field);
      }
      List<SObjectField> fields = described.fields().stream().map(f -> f.name().equals(field) ? f.withFormula(formula) : f).toList();
      objects.put(described.name().toLowerCase(java.util.Locale.ROOT), new SObject(described.name(), described.label(),
          described.labelPlural(), described.keyPrefix(), described.custom(), fields));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The object with this API name (case-insensitive, as the API treats names), or null. */
  public SObject object(String name) {
    return objects.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** Every object of the org, in definition order. */
  public List<SObject> objects() {
    return List.copyOf(objects.values());
  }

  /** The org's clock (the wall clock unless a test sets one); stamps are whole seconds. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  public void clock(Clock clock) {
    this.clock = clock;
  }

  /** A new 18-character id of {@code object}, with the key prefix and the case-safe checksum. */
  String newId(String object) {
    SObject described = object(object);
    long counter = idCounters.merge(object, 1L, Long::sum);
    StringBuilder id15 = new StringBuilder(described.keyPrefix()).append("5g");
    String digits = base62(counter, 10);
    id15.append(digits);
    return id15 + checksum(id15.toString());
  }

  static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  static String base62(long value, int width) {
    char[] out = new char[width];
    for (int i = width - 1; i >= 0; i--) {
      out[i] = BASE62.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(out);
  }

  /** Salesforce's 3-character suffix that makes a 15-character id case-insensitive. */
  static String checksum(String id15) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    StringBuilder suffix = new StringBuilder(3);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char ch = id15.charAt(chunk * 5 + i);
        if (ch >= 'A' && ch <= 'Z') {
          bits |= 1 << i;
        }
      }
      suffix.append(alphabet.charAt(bits));
    }
    return suffix.toString();
  }

  // ---- reads

  /**
   * A field's value as the API reads it: the stored value, or for a formula field the formula computed
   * now, so that it follows the fields it reads (a parent's too) without the record being stamped.
   */
  public Object value(SObject object, SObjectField field, Map<String, Object> record) {
    return field.calculatedFormula() == null ? record.get(field.name()) : Formula.value(object, field, record, formulaRecords);
  }

  private final Formula.Records formulaRecords = new Formula.Records() {
    @Override
    public SObject objectOf(String id) {
      return objects.values().stream().filter(o -> !o.keyPrefix().isEmpty() && id.startsWith(o.keyPrefix())).findFirst().orElse(null);
    }

    @Override
    public Map<String, Object> record(SObject object, String id) {
      lock.readLock().lock();
      try {
        return stored(object.name(), id);
      } finally {
        lock.readLock().unlock();
      }
    }
  };

  /** Runs {@code read} under the read lock over the records of {@code object} (id order), deleted ones included. */
  public <T> T read(String object, java.util.function.Function<java.util.Collection<Map<String, Object>>, T> read) {
    lock.readLock().lock();
    try {
      return read.apply(records(object));
    } finally {
      lock.readLock().unlock();
    }
  }

  public Map<String, Object> get(String object, String id) {
    lock.readLock().lock();
    try {
      Map<String, Object> record = stored(object, id);
      return record == null ? null : new LinkedHashMap<>(record);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Records of {@code object}, deleted ones included, as {@code /limits/recordCount} counts them (live only). */
  public int count(String object) {
    lock.readLock().lock();
    try {
      Volume volume = volumes.get(object(object).name());
      int count = volume == null ? 0 : volume.count;
      for (Map<String, Object> record : table(object).values()) {
        if (volume != null && volume.index(record.get("Id").toString()) >= 0) {
          count--; // stored since it changed (or purged): counted here, not as generated
        }
        if (record != PURGED && !Boolean.TRUE.equals(record.get("IsDeleted"))) {
          count++;
        }
      }
      return count;
    } finally {
      lock.readLock().unlock();
    }
  }

  public int total() {
    return records.keySet().stream().mapToInt(this::count).sum();
  }

  public List<DeletedRecord> deleted(String object, Instant start, Instant end) {
    lock.readLock().lock();
    try {
      return deleteLog.stream()
          .filter(d -> d.object().equals(object) && !d.deletedDate().isBefore(start) && d.deletedDate().isBefore(end))
          .toList();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A purged generated record: kept so that its generated self stays hidden. */
  private static final Map<String, Object> PURGED = Map.of("Id", "");

  /**
   * Adds {@code count} generated records of {@code object} after the stored ones (see {@link Volume}),
   * stamped a second apart from {@code start}; {@code values} gives record {@code i}'s fields.
   */
  void addVolume(String object, int count, Instant start, java.util.function.IntFunction<Map<String, Object>> values) {
    SObject described = object(object);
    volumes.put(described.name(), new Volume(described, count, start, values));
  }

  /** The id generated record {@code index} of {@code object} has (other generated records look it up by it). */
  static String volumeId(String object, int index) {
    return Volume.id(SalesforceObjects.named(object), index);
  }

  /** The stored records merged in id order with the generated ones they do not replace. */
  private java.util.Collection<Map<String, Object>> records(String object) {
    TreeMap<String, Map<String, Object>> table = table(object);
    Volume volume = volumes.get(object(object).name());
    if (volume == null) {
      return table.values();
    }
    Overlay<String, Map<String, Object>> merged = new Overlay<>(table, PURGED, volume.count, volume::id, volume::record);
    return new java.util.AbstractCollection<>() {
      @Override
      public java.util.Iterator<Map<String, Object>> iterator() {
        return merged.iterator();
      }

      @Override
      public int size() {
        return merged.size();
      }
    };
  }

  /** A stored record, or a generated one made stored (a change to it is kept from then on); null if there is none. */
  private Map<String, Object> stored(String object, String id) {
    TreeMap<String, Map<String, Object>> table = table(object);
    Map<String, Object> record = table.get(id);
    if (record == PURGED) {
      return null;
    }
    if (record != null) {
      return record;
    }
    Volume volume = volumes.get(object(object).name());
    int index = volume == null ? -1 : volume.index(id);
    return index < 0 ? null : volume.record(index);
  }

  private TreeMap<String, Map<String, Object>> table(String object) {
    SObject described = object(object);
    TreeMap<String, Map<String, Object>> table = described == null ? null : records.get(described.name());
    if (table == null) {
      throw new IllegalArgumentException(object);
    }
    return table;
  }

  // ---- writes (the generator's and the tests' changes)

  /** Inserts a record stamped at {@code at} (CreatedDate, LastModifiedDate, SystemModstamp); returns its id. */
  public String insert(String object, Map<String, Object> values, Instant at) {
    lock.writeLock().lock();
    try {
      String id = newId(object(object).name());
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("Id", id);
      if (object(object).hasIsDeleted()) {
        record.put("IsDeleted", false);
      }
      record.putAll(values);
      Instant stamp = at.truncatedTo(ChronoUnit.SECONDS);
      record.putIfAbsent("CreatedDate", stamp);
      record.putIfAbsent("LastModifiedDate", stamp);
      record.put("SystemModstamp", stamp);
      table(object).put(id, record);
      return id;
    } finally {
      lock.writeLock().unlock();
    }
  }

  public String insert(String object, Map<String, Object> values) {
    return insert(object, values, now());
  }

  /** Changes fields of a record and stamps it at {@code at} (a test may give several records one stamp). */
  public void update(String object, String id, Map<String, Object> changes, Instant at) {
    lock.writeLock().lock();
    try {
      Map<String, Object> record = existing(object, id);
      record.putAll(changes);
      Instant stamp = at.truncatedTo(ChronoUnit.SECONDS);
      record.put("LastModifiedDate", stamp);
      record.put("SystemModstamp", stamp);
    } finally {
      lock.writeLock().unlock();
    }
  }

  public void update(String object, String id, Map<String, Object> changes) {
    update(object, id, changes, now());
  }

  /** Moves a record to the recycle bin: {@code IsDeleted = true}, stamped, logged for getDeleted. */
  public void delete(String object, String id) {
    lock.writeLock().lock();
    try {
      Map<String, Object> record = existing(object, id);
      Instant stamp = now();
      record.put("IsDeleted", true);
      record.put("SystemModstamp", stamp);
      deleteLog.add(new DeletedRecord(object(object).name(), id, stamp));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Empties a record from the recycle bin: only getDeleted still knows it was there. */
  public void purge(String object, String id) {
    lock.writeLock().lock();
    try {
      Volume volume = volumes.get(object(object).name());
      if (volume != null && volume.index(id) >= 0) {
        table(object).put(id, PURGED);
      } else {
        table(object).remove(id);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Merges {@code loser} into {@code master} as Salesforce does: records looking up the loser now look
   * up the master (and are stamped), the loser is deleted with {@code MasterRecordId} set.
   */
  public void merge(String object, String master, String loser) {
    lock.writeLock().lock();
    try {
      Instant stamp = now();
      existing(object, master).put("SystemModstamp", stamp);
      String target = object(object).name();
      for (SObject other : objects.values()) {
        for (SObjectField field : other.fields()) {
          if (!field.isReference() || !field.referenceTo().contains(target) || field.name().equals("MasterRecordId")) {
            continue;
          }
          List<String> referring = records(other.name()).stream().filter(r -> loser.equals(r.get(field.name())))
              .map(r -> r.get("Id").toString()).toList();
          for (String id : referring) {
            Map<String, Object> record = existing(other.name(), id);
            record.put(field.name(), master);
            record.put("SystemModstamp", stamp);
          }
        }
      }
      Map<String, Object> record = existing(object, loser);
      record.put("MasterRecordId", master);
      record.put("IsDeleted", true);
      record.put("SystemModstamp", stamp);
      deleteLog.add(new DeletedRecord(target, loser, stamp));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The stored record to change (a generated one is stored from now on, under the write lock). */
  private Map<String, Object> existing(String object, String id) {
    Map<String, Object> record = stored(object, id);
    if (record == null) {
      throw new IllegalArgumentException("no " + object + " " + id);
    }
    if (record instanceof Volume.Generated generated) {
      record = new LinkedHashMap<>(generated);
      table(object).put(id, record);
    }
    return record;
  }
}
