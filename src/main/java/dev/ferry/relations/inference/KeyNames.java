package dev.ferry.relations.inference;

import dev.ferry.catalog.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tables by the name of their single-column key ({@code territoryid} → salesterritory), compared by
 * letters and digits; keys named {@code id} or shorter than four characters say nothing and are left out.
 */
final class KeyNames {
  private static final int SHORTEST = 4;
  private static final int ROLE = 3;

  private final Map<String, List<Table>> byKeyName = new HashMap<>();
  private final List<String> longestFirst;

  KeyNames(List<Table> tables) {
    for (Table table : tables) {
      KeyTypes.singleColumnKey(table).map(key -> TableIndex.compact(key.name()))
          .filter(name -> name.length() >= SHORTEST && !name.equals("id"))
          .ifPresent(name -> byKeyName.computeIfAbsent(name, k -> new ArrayList<>()).add(table));
    }
    longestFirst = byKeyName.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed().thenComparing(k -> k)).toList();
  }

  /** The tables other than {@code from} whose key is named {@code compactName}. */
  List<Table> owners(String compactName, Table from) {
    return byKeyName.getOrDefault(compactName, List.of()).stream().filter(t -> !t.equals(from)).toList();
  }

  /** The longest key name {@code compactName} ends with, after at least one more character. */
  Optional<String> suffixOf(String compactName) {
    return longestFirst.stream().filter(k -> compactName.endsWith(k) && compactName.length() > k.length()).findFirst();
  }

  /**
   * The longest key name of the form {@code <table>id} whose table name begins {@code compactName},
   * followed by a role of three letters or more and "id" ({@code productassemblyid} → productid).
   */
  Optional<String> prefixOf(String compactName) {
    return longestFirst.stream().filter(k -> k.endsWith("id") && compactName.endsWith("id")
        && compactName.length() >= k.length() + ROLE && compactName.startsWith(k.substring(0, k.length() - 2))).findFirst();
  }

  /** The owner whose name begins or ends the referencing table's name, the longest if several. */
  static Optional<Table> namesakeOf(Table from, List<Table> owners) {
    String fromName = TableIndex.compact(from.name().name());
    return owners.stream()
        .filter(t -> {
          String owner = TableIndex.compact(t.name().name());
          return fromName.length() > owner.length() && (fromName.startsWith(owner) || fromName.endsWith(owner));
        })
        .max(Comparator.comparingInt(t -> t.name().name().length()));
  }

  /**
   * The one owner that also has a column of {@code from} besides the key, counting only columns no
   * other owner has (a timestamp or row guid several of them carry says nothing):
   * {@code salesterritoryhistory(businessentityid, territoryid)} keeps the history of salesperson's territoryid.
   */
  static Optional<Table> sharingColumnsWith(Table from, List<Table> owners, String keyName) {
    Set<String> fromColumns = from.columns().stream().map(c -> c.name()).filter(c -> !c.equals(keyName)).collect(Collectors.toSet());
    Map<String, Long> owning = owners.stream().flatMap(o -> o.columns().stream().map(c -> c.name()))
        .collect(Collectors.groupingBy(c -> c, Collectors.counting()));
    List<Table> sharing = owners.stream()
        .filter(o -> o.columns().stream().map(c -> c.name()).anyMatch(c -> fromColumns.contains(c) && owning.get(c) == 1))
        .toList();
    return sharing.size() == 1 ? Optional.of(sharing.get(0)) : Optional.empty();
  }
}
