package dev.ferry.relations.inference;

import dev.ferry.catalog.Table;
import dev.ferry.naming.Words;
import java.util.List;

/** The name-based ways to find the table a column stem points at, shared by the name rules. */
final class NameLookup {
  private NameLookup() {}

  /**
   * The table the whole stem names ({@code customer}), else one in the referencing table's
   * namespace: from {@code active_storage_attachments}, {@code blob} finds
   * {@code active_storage_blobs}; from {@code stripe_subscription}, {@code customer} finds
   * {@code stripe_customer}.
   */
  static TableIndex.Match exact(InferenceContext context, Table from, List<String> stem) {
    TableIndex.Match match = context.index.find(Words.join(stem), from);
    if (!match.none()) {
      return match;
    }
    List<String> fromWords = Words.split(context.index.unprefixed(from.name().name()));
    for (int keep = fromWords.size() - 1; keep >= 1; keep--) {
      String namespaced = Words.join(fromWords.subList(0, keep)) + "_" + Words.join(stem);
      TableIndex.Match inNamespace = context.index.find(namespaced, from);
      if (!inNamespace.none()) {
        return inNamespace;
      }
    }
    return TableIndex.Match.NONE;
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
