package dev.ferry.relations.inference;

import dev.ferry.catalog.Table;
import dev.ferry.words.Inflector;
import dev.ferry.words.Words;
import dev.ferry.relations.Evidence;
import java.util.List;

/**
 * Array columns of ids: {@code tax_rate_ids text[]} (evidence NAME, or SUFFIX for
 * {@code default_tax_rate_ids}), or an array named as a table's plural, alone or after role words
 * ({@code default_tax_rates text[]} → tax_rate, SUFFIX). An {@code *_ids} array whose stem names no
 * table is reported as unresolved; a plural-named array only counts when its element type fits.
 */
final class IdArrayRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (InferenceContext.Candidate candidate : context.open()) {
      if (!candidate.column().type().isArray() || KeyTypes.elementFamily(candidate.column().type()) == null) {
        continue;
      }
      List<String> words = candidate.words();
      boolean idsSuffix = words.size() > 1 && words.get(words.size() - 1).equals("ids");
      List<String> stem;
      if (idsSuffix) {
        stem = words.subList(0, words.size() - 1);
      } else if (Inflector.isPlural(Words.join(words))) {
        stem = Words.split(Inflector.singular(Words.join(words)));
      } else {
        continue;
      }
      resolve(context, candidate, stem, idsSuffix);
    }
  }

  private static void resolve(InferenceContext context, InferenceContext.Candidate candidate, List<String> stem, boolean idsSuffix) {
    Table table = candidate.table();
    TableIndex.Match match = NameLookup.exact(context, table, stem);
    Evidence evidence = Evidence.NAME;
    String detail = "array named after table ";
    if (match.none()) {
      NameLookup.Suffix suffix = NameLookup.longestSuffix(context, table, stem);
      match = suffix.match();
      evidence = Evidence.SUFFIX;
      detail = "array name ends with '" + suffix.words() + "', naming table ";
    }
    if (match.none()) {
      if (idsSuffix) {
        context.unresolved(table, candidate.column(), "id array, but no table is named '" + Words.join(stem) + "'", List.of());
      }
      return;
    }
    if (!match.unique()) {
      context.unresolved(table, candidate.column(), "id array whose name fits several tables equally", match.names());
      return;
    }
    Table target = match.table();
    boolean fits = KeyTypes.singleColumnKey(target)
        .map(key -> KeyTypes.compatible(candidate.column().type().element(), key.type())).orElse(false);
    if (idsSuffix || fits) {
      context.reference(table, candidate.column(), target, evidence, detail + target.name());
    }
  }
}
