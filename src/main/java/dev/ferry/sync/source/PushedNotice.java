package dev.ferry.sync.source;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A verified push notification (a webhook delivery): the changes it carries whole, and the ids of the
 * objects it only names, under read keys the source chooses (a type, say), which the source reads
 * ({@link Source#readNamed}) together with the ones named by other notifications that arrived at about
 * the same time: the engine merges the ids of equal keys.
 */
public record PushedNotice(List<Change> changes, Map<String, Set<String>> named) {
  public PushedNotice {
    changes = List.copyOf(changes);
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    named.forEach((type, ids) -> copy.put(type, Set.copyOf(new LinkedHashSet<>(ids))));
    named = Map.copyOf(copy);
  }

  /** Everything {@code notices} name, merged by read key. */
  public static Map<String, Set<String>> named(List<PushedNotice> notices) {
    Map<String, Set<String>> merged = new LinkedHashMap<>();
    notices.forEach(n -> n.named().forEach((type, ids) -> merged.computeIfAbsent(type, t -> new LinkedHashSet<>()).addAll(ids)));
    return merged;
  }
}
