package dev.ferry.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact store of one object type. Generated objects are kept as a creation time plus a few int
 * references and rendered on demand; objects the mutator created or changed carry an explicit body.
 * Positions order the objects by (created, index), which is the order lists page in (reversed).
 */
final class Table {
  final ObjectType type;
  /** Objects below this index were made by the generator. */
  int generated;
  int size;
  long[] created = new long[16];
  int[] order = new int[16];
  int[] position = new int[16];
  final BitSet deleted = new BitSet();
  /** Explicit bodies (without nested lists) of mutated or mutator-created objects. */
  final Map<Integer, ObjectNode> bodies = new HashMap<>();
  /** Named int references of generated objects; -1 means none. */
  final Map<String, int[]> refs = new HashMap<>();
  /** For parents of nested lists: child index ranges of generated parents, [start[i], start[i+1]). */
  int[] childStart;
  /** Children of mutator-created parents. */
  final Map<Integer, List<Integer>> extraChildren = new HashMap<>();

  Table(ObjectType type) {
    this.type = type;
  }

  int ref(String name, int index) {
    int[] values = refs.get(name);
    return values == null || index >= values.length ? -1 : values[index];
  }

  /** Appends a new newest object; its creation time is clamped so positions stay sorted. */
  int append(long createdAt) {
    grow(size + 1);
    long newest = size == 0 ? Long.MIN_VALUE : created[order[size - 1]];
    int index = size;
    created[index] = Math.max(createdAt, newest);
    order[size] = index;
    position[index] = size;
    size++;
    return index;
  }

  /** Sorts the first {@code count} objects (already in created/ index arrays) into positions. */
  void sortGenerated(int count) {
    grow(count);
    size = count;
    generated = count;
    Integer[] boxed = new Integer[count];
    for (int i = 0; i < count; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> created[a] != created[b] ? Long.compare(created[a], created[b]) : Integer.compare(a, b));
    for (int p = 0; p < count; p++) {
      order[p] = boxed[p];
      position[boxed[p]] = p;
    }
  }

  void grow(int capacity) {
    if (capacity > created.length) {
      created = Arrays.copyOf(created, Math.max(capacity, created.length * 2));
    }
    if (capacity > order.length) {
      int length = Math.max(capacity, order.length * 2);
      order = Arrays.copyOf(order, length);
      position = Arrays.copyOf(position, length);
    }
  }

  boolean exists(int index) {
    return index >= 0 && index < size;
  }

  boolean live(int index) {
    return exists(index) && !deleted.get(index);
  }

  /** The first position whose creation time is {@code >= t}. */
  int firstPositionAtOrAfter(long t) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (created[order[mid]] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
