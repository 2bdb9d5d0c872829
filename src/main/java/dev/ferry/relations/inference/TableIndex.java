package dev.ferry.relations.inference;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.naming.Inflector;
import java.util.ArrayList;
import java.util.Comparator;
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

  TableIndex(Catalog catalog) {
    this.catalog = catalog;
    for (Table table : catalog.tables()) {
      byStem.computeIfAbsent(stem(table), k -> new ArrayList<>()).add(table);
    }
  }

  /** The singular snake_case name of a table without the table prefix: "stripe_customers" → "customer". */
  String stem(Table table) {
    return singular(Words.snake(unprefixed(table.name().name())));
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

  static String singular(String snake) {
    return Inflector.singular(snake);
  }

  /** The tables named {@code words} (singular or plural) as seen from {@code from}, best schema tier only. */
  Match find(String words, Table from) {
    List<Table> all = byStem.getOrDefault(singular(words), List.of());
    if (all.isEmpty()) {
      return Match.NONE;
    }
    for (String schema : schemaOrder(from)) {
      List<Table> tier = all.stream().filter(t -> t.name().schema().equals(schema)).toList();
      if (!tier.isEmpty()) {
        return new Match(tier);
      }
    }
    return new Match(all);
  }

  /** Every inspected table, sorted by name. */
  List<Table> tables() {
    return catalog.tables();
  }

  private List<String> schemaOrder(Table from) {
    List<String> order = new ArrayList<>();
    order.add(from.name().schema());
    for (String schema : catalog.schemas()) {
      if (!order.contains(schema)) {
        order.add(schema);
      }
    }
    catalog.tables().stream().map(t -> t.name().schema()).sorted().distinct()
        .filter(s -> !order.contains(s)).forEach(order::add);
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
