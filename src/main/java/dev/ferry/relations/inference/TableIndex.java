package dev.ferry.relations.inference;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.words.Inflector;
import dev.ferry.words.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds tables by the singular snake_case word they name: {@code customers}, {@code customer},
 * {@code Customer} and (with table prefix {@code stripe_}) {@code stripe_customer} are all
 * "customer". A lookup prefers the referencing table's schema, then the other inspected schemas in
 * the order they were given; two matches in the best schema are an ambiguity, never a guess.
 */
final class TableIndex {
  private final Catalog catalog;
  private final Map<String, List<Table>> byStem = new TreeMap<>();
  private final Map<String, List<Table>> byCompact = new TreeMap<>();
  private final Map<String, List<String>> schemaOrders = new HashMap<>();
  private final Map<String, String> singulars = new HashMap<>();
  private final Map<QualifiedName, String> stems = new HashMap<>();
  private final List<String> allSchemas;

  TableIndex(Catalog catalog) {
    this.catalog = catalog;
    for (Table table : catalog.tables()) {
      byStem.computeIfAbsent(stem(table), k -> new ArrayList<>()).add(table);
      byCompact.computeIfAbsent(compact(stem(table)), k -> new ArrayList<>()).add(table);
    }
    List<String> schemas = new ArrayList<>(catalog.schemas());
    catalog.tables().stream().map(t -> t.name().schema()).sorted().distinct()
        .filter(s -> !schemas.contains(s)).forEach(schemas::add);
    this.allSchemas = List.copyOf(schemas);
  }

  /** The singular snake_case name of a table without the table prefix: "stripe_customers" → "customer". */
  String stem(Table table) {
    return stems.computeIfAbsent(table.name(), t -> singular(Words.snake(unprefixed(t.name()))));
  }

  String unprefixed(String tableName) {
    String prefix = catalog.tablePrefix();
    if (!prefix.isEmpty()
        && tableName.length() > prefix.length()
        && tableName.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
      return tableName.substring(prefix.length());
    }
    return tableName;
  }

  // inflecting is the costly part of a lookup; schemas repeat the same words
  private String singular(String snake) {
    return singulars.computeIfAbsent(snake, Inflector::singular);
  }

  /**
   * The tables named {@code words} (singular or plural) as seen from {@code from}, best schema tier
   * only; spellings that differ only in separators match too ({@code product2} finds
   * {@code product_2}, {@code businessentity} finds {@code business_entity}). A table without a key
   * never hides one with a key of the same name in another schema.
   */
  Match find(String words, Table from) {
    // most stems are already singular and name a table: skip inflecting them
    List<Table> all = byStem.containsKey(words) ? byStem.get(words) : byStem.getOrDefault(singular(words), List.of());
    if (all.isEmpty()) {
      all = byCompact.getOrDefault(compact(words), byCompact.getOrDefault(compact(singular(words)), List.of()));
    }
    if (all.isEmpty()) {
      return Match.NONE;
    }
    if (all.size() == 1) { // most names: no key to prefer, no schema tier to choose
      return new Match(all);
    }
    List<Table> keyed = all.stream().filter(t -> KeyTypes.singleColumnKey(t).isPresent()).toList();
    if (!keyed.isEmpty() && keyed.size() < all.size()) {
      all = keyed;
    }
    for (String schema : schemaOrders.computeIfAbsent(from.name().schema(), this::schemaOrder)) {
      List<Table> tier = all.stream().filter(t -> t.name().schema().equals(schema)).toList();
      if (!tier.isEmpty()) {
        return new Match(tier);
      }
    }
    return new Match(all);
  }

  /** Letters and digits only, lower case: how names compare when tools spell them differently. */
  static String compact(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.appendCodePoint(Character.toLowerCase(c));
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }

  private List<String> schemaOrder(String fromSchema) {
    List<String> order = new ArrayList<>();
    order.add(fromSchema);
    allSchemas.stream().filter(s -> !s.equals(fromSchema)).forEach(order::add);
    return order;
  }

  /** Tables a name matched in its best schema: none, one (found) or several (ambiguous). */
  record Match(List<Table> tables) {
    static final Match NONE = new Match(List.of());

    Match {
      tables = tables.stream().sorted(Comparator.comparing(Table::name)).toList();
    }

    boolean none() {
      return tables.isEmpty();
    }

    boolean unique() {
      return tables.size() == 1;
    }

    Table table() {
      return tables.get(0);
    }

    List<QualifiedName> names() {
      return tables.stream().map(Table::name).toList();
    }
  }
}
