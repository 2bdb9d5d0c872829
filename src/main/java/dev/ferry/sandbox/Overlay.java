package dev.ferry.sandbox;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Records made when read, under the few that are kept: generated record {@code i} is a function of
 * {@code i} (its id rising with {@code i}), a stored record replaces the generated one with its id (or
 * adds one), and a stored {@code tombstone} hides it. So a sandbox serves a million records while
 * holding only those that changed. Iteration is in id order. Not thread-safe: callers lock.
 */
public final class Overlay<K extends Comparable<K>, V> implements Iterable<V> {
  private final TreeMap<K, V> stored;
  private final V tombstone;
  private final int count;
  private final IntFunction<K> id;
  private final IntFunction<V> make;

  public Overlay(TreeMap<K, V> stored, V tombstone, int count, IntFunction<K> id, IntFunction<V> make) {
    this.stored = stored;
    this.tombstone = tombstone;
    this.count = count;
    this.id = id;
    this.make = make;
  }

  /** Seeds a generator's random numbers for record {@code index} of stream {@code stream}: the same record whenever it is made. */
  public static long seed(long seed, int stream, long index) {
    return (seed * 1_000_003L + stream * 7_919L) ^ (index * 0x9E3779B97F4A7C15L);
  }

  /** The generated index with this id, or -1. */
  public int index(K key) {
    int at = firstAfter(key, true);
    return at < count && id.apply(at).compareTo(key) == 0 ? at : -1;
  }

  /** The record with this id: the stored one, else the generated one; null when there is none or it is hidden. */
  public V get(K key) {
    V record = stored.get(key);
    if (record != null) {
      return record == tombstone ? null : record;
    }
    int index = index(key);
    return index < 0 ? null : make.apply(index);
  }

  /** Records, hidden ones left out: generated, plus stored ones outside the generated ids, less tombstones. */
  public int size() {
    int size = count;
    for (Map.Entry<K, V> entry : stored.entrySet()) {
      boolean generated = index(entry.getKey()) >= 0;
      size += entry.getValue() == tombstone ? (generated ? -1 : 0) : (generated ? 0 : 1);
    }
    return size;
  }

  @Override
  public Iterator<V> iterator() {
    return after(null);
  }

  /** The records with ids above {@code after} (all of them when null), in id order. */
  public Iterator<V> after(K after) {
    return new Iterator<>() {
      private final Iterator<Map.Entry<K, V>> kept = (after == null ? stored : stored.tailMap(after, false)).entrySet().iterator();
      private Map.Entry<K, V> nextKept = advance();
      private int index = after == null ? 0 : firstAfter(after, false);
      private V next = find();

      private Map.Entry<K, V> advance() {
        return kept.hasNext() ? kept.next() : null;
      }

      private V find() {
        while (nextKept != null || index < count) {
          int order = nextKept == null ? 1 : index >= count ? -1 : nextKept.getKey().compareTo(id.apply(index));
          if (order > 0) {
            return make.apply(index++);
          }
          V record = nextKept.getValue();
          nextKept = advance();
          if (order == 0) {
            index++; // stored since it changed: the stored record stands for it
          }
          if (record != tombstone) {
            return record;
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public V next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        V current = next;
        next = find();
        return current;
      }
    };
  }

  /** The first generated index whose id is above {@code key} (or at it, when {@code inclusive}). */
  private int firstAfter(K key, boolean inclusive) {
    int low = 0;
    int high = count;
    while (low < high) {
      int middle = (low + high) >>> 1;
      int c = id.apply(middle).compareTo(key);
      if (c < 0 || (c == 0 && !inclusive)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
