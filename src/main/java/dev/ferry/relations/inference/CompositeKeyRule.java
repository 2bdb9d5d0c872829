package dev.ferry.relations.inference;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.Table;
import dev.ferry.words.Words;
import dev.ferry.relations.Evidence;
import java.util.List;
import java.util.Optional;

/**
 * Two columns that together are the primary key of the association table of the two tables they
 * name: {@code salesorderdetail (specialofferid, productid)} → specialofferproduct, keyed by
 * (specialofferid, productid) and named after specialoffer and product. The association's name is
 * what says the pair points at it and not at each table alone; a pair that is merely the key of
 * some table ({@code productinventory}: productid, locationid) is left to the single-column rules.
 */
final class CompositeKeyRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (Table association : context.catalog.tables()) {
      List<String> key = association.primaryKey().map(pk -> pk.columns()).orElse(List.of());
      if (key.size() != 2 || !namedAfterItsKey(context, association, key)) {
        continue;
      }
      for (Table table : context.catalog.tables()) {
        if (table.equals(association)) {
          continue;
        }
        Optional<Column> first = table.column(key.get(0));
        Optional<Column> second = table.column(key.get(1));
        if (first.isEmpty() || second.isEmpty() || context.decided(table, first.get()) || context.decided(table, second.get())) {
          continue;
        }
        context.decide(table, first.get());
        context.decide(table, second.get());
        context.addReference(table, key, association, key, Evidence.NAME,
            "columns " + String.join(", ", key) + " are the key of " + association.name() + ", the association of the tables they name");
      }
    }
  }

  // specialofferproduct = specialoffer + product, each named by a key column's stem
  private static boolean namedAfterItsKey(InferenceContext context, Table association, List<String> key) {
    String name = TableIndex.compact(association.name().name());
    List<String> stems = key.stream().map(c -> NameLookup.idStem(Words.split(c), association.column(c).orElseThrow().type()))
        .map(stem -> TableIndex.compact(Words.join(stem))).toList();
    if (stems.contains("")) {
      return false;
    }
    boolean bothTables = stems.stream().allMatch(stem -> context.index.find(stem, association).unique());
    return bothTables && (name.equals(stems.get(0) + stems.get(1)) || name.equals(stems.get(1) + stems.get(0)));
  }
}
