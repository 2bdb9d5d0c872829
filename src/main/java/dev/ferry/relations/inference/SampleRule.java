package dev.ferry.relations.inference;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.naming.Words;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * With {@code --sample}: an {@code *_id} column the names could not resolve, whose sampled values
 * all carry id prefixes that each belong to exactly one table's keys. One prefix is a reference
 * ({@code on_behalf_of_id} holding {@code acct_...} → account); several make a polymorphic
 * reference split by prefix ({@code source_id} holding {@code ch_...} and {@code re_...}). Runs
 * after constraints and names, so it only adds, never contradicts them.
 */
final class SampleRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    if (!context.samples.taken()) {
      return;
    }
    Map<String, List<QualifiedName>> tablesByPrefix = context.tablesByKeyPrefix();
    for (InferenceContext.Candidate candidate : context.open()) {
      Table table = candidate.table();
      List<String> stem = candidate.idStem();
      if (stem.isEmpty() || candidate.column().type().isArray() || candidate.isOwnKey()
          || context.samples.values(candidate.ref()).isEmpty()) {
        continue;
      }
      Set<String> prefixes = context.samples.prefixes(candidate.ref());
      List<Polymorphic.Target> targets = new ArrayList<>();
      for (String prefix : prefixes) {
        List<QualifiedName> owners = tablesByPrefix.getOrDefault(prefix, List.of());
        if (owners.size() != 1) {
          targets.clear();
          break;
        }
        targets.add(new Polymorphic.Target(prefix, owners.get(0)));
      }
      if (targets.size() == 1) {
        Table target = context.table(targets.get(0).table()).orElseThrow();
        context.reference(table, candidate.column(), target, Evidence.SAMPLE,
            "sampled values start with '" + targets.get(0).selector() + "', the id prefix of " + target.name());
      } else if (targets.size() > 1) {
        context.decide(table, candidate.column());
        context.polymorphics.add(new Polymorphic(table.name(), null, candidate.column().name(),
            Name.of(Words.join(stem), candidate.column().name()), targets, Evidence.SAMPLE,
            "sampled values carry the id prefixes of " + targets.size() + " tables"));
      }
    }
  }
}
