package dev.ferry.sandbox.salesforce;

import dev.ferry.vendor.salesforce.SObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Records of one object that are made when read rather than kept: record {@code i} is a function of
 * the generator's seed and {@code i}, so an org can hold a million records in a few bytes each. Its
 * ids ({@code <prefix>5v<index>}) sort after the org's stored ones; a record that is changed is stored
 * from then on and hides its generated self.
 */
final class Volume {
  /** Where generated ids put the index, after the key prefix and the pod letters. */
  private static final String POD = "5v";

  final SObject object;
  final int count;
  private final boolean deletable;
  private final Instant start;
  private final IntFunction<Map<String, Object>> values;

  Volume(SObject object, int count, Instant start, IntFunction<Map<String, Object>> values) {
    this.object = object;
    this.count = count;
    this.deletable = object.hasIsDeleted();
    this.start = start;
    this.values = values;
  }

  /** A generated record read from a volume: query results keep its index, not its values. */
  static final class Generated extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    final transient Volume volume;
    final int index;

    Generated(Volume volume, int index) {
      this.volume = volume;
      this.index = index;
    }
  }

  String id(int index) {
    return id(object, index);
  }

  static String id(SObject object, int index) {
    String id15 = object.keyPrefix() + POD + SalesforceOrg.base62(index, 10);
    return id15 + SalesforceOrg.checksum(id15);
  }

  /** The index of a generated id of this volume, or -1. */
  int index(String id) {
    if (id == null || id.length() != 18 || !id.startsWith(object.keyPrefix() + POD)) {
      return -1;
    }
    long index = 0;
    for (int i = 5; i < 15; i++) {
      int digit = SalesforceOrg.BASE62.indexOf(id.charAt(i));
      if (digit < 0) {
        return -1;
      }
      index = index * 62 + digit;
    }
    return index < count && id(object, (int) index).equals(id) ? (int) index : -1;
  }

  /** Record {@code index}, stamped one second after the one before it from {@code start}. */
  Generated record(int index) {
    Generated record = new Generated(this, index);
    record.put("Id", id(index));
    if (deletable) {
      record.put("IsDeleted", false);
    }
    record.putAll(values.apply(index));
    Instant stamp = start.plusSeconds(index);
    record.putIfAbsent("CreatedDate", stamp);
    record.putIfAbsent("LastModifiedDate", stamp);
    record.put("SystemModstamp", stamp);
    return record;
  }
}
