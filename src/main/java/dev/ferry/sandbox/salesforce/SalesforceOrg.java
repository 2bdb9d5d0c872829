package dev.ferry.sandbox.salesforce;

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
 * delete log {@code getDeleted} serves. Thread-safe.
 */
public final class SalesforceOrg {
  /** The org's id, in identity URLs and token responses. */
  public static final String ORG_ID = "00D5g000004FerRY";

  private final Map<String, TreeMap<String, Map<String, Object>>> records = new LinkedHashMap<>();
  private final List<DeletedRecord> deleteLog = new ArrayList<>();
  private final Map<String, Long> idCounters = new HashMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile Clock clock = Clock.systemUTC();

  /** A deleted record as {@code getDeleted} lists it. */
  public record DeletedRecord(String object, String id, Instant deletedDate) {}

  SalesforceOrg() {
    for (SObject object : SalesforceObjects.all()) {
      records.put(object.name(), new TreeMap<>());
    }
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
    SObject described = SalesforceObjects.named(object);
    long counter = idCounters.merge(object, 1L, Long::sum);
    StringBuilder id15 = new StringBuilder(described.keyPrefix()).append("5g");
    String digits = base62(counter, 10);
    id15.append(digits);
    return id15 + checksum(id15.toString());
  }

  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private static String base62(long value, int width) {
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

  /** Runs {@code read} under the read lock over the records of {@code object} (id order), deleted ones included. */
  public <T> T read(String object, java.util.function.Function<java.util.Collection<Map<String, Object>>, T> read) {
    lock.readLock().lock();
    try {
      return read.apply(table(object).values());
    } finally {
      lock.readLock().unlock();
    }
  }

  public Map<String, Object> get(String object, String id) {
    lock.readLock().lock();
    try {
      Map<String, Object> record = table(object).get(id);
      return record == null ? null : new LinkedHashMap<>(record);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Records of {@code object}, deleted ones included, as {@code /limits/recordCount} counts them (live only). */
  public int count(String object) {
    return read(object, rows -> (int) rows.stream().filter(r -> !Boolean.TRUE.equals(r.get("IsDeleted"))).count());
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

  private TreeMap<String, Map<String, Object>> table(String object) {
    SObject described = SalesforceObjects.named(object);
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
      String id = newId(SalesforceObjects.named(object).name());
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("Id", id);
      if (SalesforceObjects.named(object).hasIsDeleted()) {
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
      deleteLog.add(new DeletedRecord(SalesforceObjects.named(object).name(), id, stamp));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Empties a record from the recycle bin: only getDeleted still knows it was there. */
  public void purge(String object, String id) {
    lock.writeLock().lock();
    try {
      table(object).remove(id);
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
      String target = SalesforceObjects.named(object).name();
      for (SObject other : SalesforceObjects.all()) {
        for (SObjectField field : other.fields()) {
          if (!field.isReference() || !field.referenceTo().contains(target) || field.name().equals("MasterRecordId")) {
            continue;
          }
          for (Map<String, Object> record : records.get(other.name()).values()) {
            if (loser.equals(record.get(field.name()))) {
              record.put(field.name(), master);
              record.put("SystemModstamp", stamp);
            }
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

  private Map<String, Object> existing(String object, String id) {
    Map<String, Object> record = table(object).get(id);
    if (record == null) {
      throw new IllegalArgumentException("no " + object + " " + id);
    }
    return record;
  }
}
