package dev.ferry.relations.inference;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.words.Inflector;
import dev.ferry.words.Words;
import dev.ferry.relations.Name;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * First-draft names, straight from the database words: the forward name is the column stem
 * ({@code default_payment_method_id} → default_payment_method), the back name the plural of the
 * referencing entity. {@code dev.ferry.naming.RelationNamer} then decides the final names
 * (collisions, double references, reserved words); these only keep the model complete on its own.
 */
final class PlaceholderNames {
  private final TableIndex index;
  private final Map<QualifiedName, Name> plurals = new HashMap<>();

  PlaceholderNames(TableIndex index) {
    this.index = index;
  }

  Name singular(Table table) {
    return Name.of(index.stem(table), table.name().name());
  }

  Name plural(Table table) {
    return plurals.computeIfAbsent(table.name(), t -> Name.of(Inflector.plural(index.stem(table)), t.name()));
  }

  /** The column without its id suffix: customer_id, customerId, CustomerID → customer. */
  static String stem(String column) {
    List<String> words = Words.split(column);
    if (words.size() > 1 && words.get(words.size() - 1).equals("id")) {
      return Words.join(words.subList(0, words.size() - 1));
    }
    if (words.size() > 1 && words.get(words.size() - 1).equals("ids")) {
      return Inflector.plural(Words.join(words.subList(0, words.size() - 1)));
    }
    return Words.join(words);
  }

  Name forward(List<String> columns, Table target) {
    if (columns.size() == 1) {
      return Name.of(stem(columns.get(0)), columns.get(0));
    }
    return singular(target);
  }

  Name back(Table from) {
    return plural(from);
  }
}
