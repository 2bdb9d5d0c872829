package dev.ferry.relations.inference;

import dev.ferry.catalog.PgType;
import dev.ferry.catalog.Table;
import dev.ferry.words.Words;
import java.util.List;

/** The name-based ways to find the table a column stem points at, shared by the name rules. */
final class NameLookup {
  private NameLookup() {}

  /**
   * The table the stem names in the referencing table's namespace, else the table the whole stem
   * names: from {@code active_storage_attachments}, {@code blob} finds {@code active_storage_blobs};
   * from {@code issuing_authorization}, {@code card} finds {@code issuing_card} before {@code card}
   * (the specific table over the generic one, as Rails resolves a namespaced class); from
   * {@code stripe_subscription}, {@code customer} finds {@code stripe_customer}. The namespace never
   * leads back to the referencing table itself ({@code dashboard_queries.query_id}).
   */
  static TableIndex.Match exact(InferenceContext context, Table from, List<String> stem) {
    List<String> fromWords = Words.split(context.index.unprefixed(from.name().name()));
    for (int keep = fromWords.size() - 1; keep >= 1; keep--) {
      String namespaced = Words.join(fromWords.subList(0, keep)) + "_" + Words.join(stem);
      TableIndex.Match inNamespace = context.index.find(namespaced, from);
      if (!inNamespace.none() && !(inNamespace.unique() && inNamespace.table().equals(from))) {
        return inNamespace;
      }
    }
    return context.index.find(Words.join(stem), from);
  }

  /**
   * The words before a trailing id: {@code customer_id}, {@code customerId} → customer;
   * {@code concept_id_1} → concept (a numbered pair); a single lower-case word of a key type run
   * together with its id ({@code salespersonid} → salesperson), when at least three letters remain.
   */
  static List<String> idStem(List<String> words, PgType type) {
    int n = words.size();
    if (n > 1 && words.get(n - 1).equals("id")) {
      return words.subList(0, n - 1);
    }
    if (n > 2 && words.get(n - 2).equals("id") && words.get(n - 1).chars().allMatch(Character::isDigit)) {
      return words.subList(0, n - 2);
    }
    if (n == 1 && words.get(0).length() >= 5 && words.get(0).endsWith("id") && !type.isArray() && KeyTypes.family(type) != null) {
      return List.of(words.get(0).substring(0, words.get(0).length() - 2));
    }
    return List.of();
  }

  /** The longest proper word suffix of the stem that names a table, with the words that matched. */
  static Suffix longestSuffix(InferenceContext context, Table from, List<String> stem) {
    for (int start = 1; start < stem.size(); start++) {
      List<String> suffix = stem.subList(start, stem.size());
      TableIndex.Match match = context.index.find(Words.join(suffix), from);
      if (!match.none()) {
        return new Suffix(Words.join(suffix), match);
      }
    }
    return new Suffix("", TableIndex.Match.NONE);
  }

  record Suffix(String words, TableIndex.Match match) {}

  /** True for the table's own single-column key ({@code customer.customer_id} in pagila). */
  static boolean isOwnKey(Table table, String column) {
    return KeyTypes.singleColumnKey(table).map(key -> key.name().equals(column)).orElse(false);
  }
}
