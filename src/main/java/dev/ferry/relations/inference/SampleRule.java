package dev.ferry.relations.inference;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.words.Words;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * With {@code --sample}: an {@code *_id} column the names could not resolve, whose sampled values
 * all carry id prefixes that each belong to exactly one table's keys. One prefix is a reference
 * ({@code on_behalf_of_id} holding {@code acct_...} → account); several make a polymorphic
 * reference split by prefix ({@code source_id} holding {@code ch_...} and {@code re_...}). Runs
 * after constraints and names, so it only adds, never contradicts them.
 *
 * <p>A column left with no value to sample (an empty table, or a field no object has set yet)
 * takes the target its name has elsewhere in the same schema, when every sampled column of that
 * name resolved to the one same table: a schema uses a role name for one thing.
 */
final class SampleRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    if (!context.samples.taken()) {
      return;
    }
    Map<String, List<QualifiedName>> tablesByPrefix = context.tablesByKeyPrefix();
    Map<String, Set<QualifiedName>> sampledTargets = new HashMap<>(); // schema + column name → targets by prefix
    List<InferenceContext.Candidate> unsampled = new ArrayList<>();
    for (InferenceContext.Candidate candidate : context.open()) {
      Table table = candidate.table();
      List<String> stem = candidate.idStem();
      if (stem.isEmpty() || candidate.column().type().isArray() || candidate.isOwnKey()) {
        continue;
      }
      if (context.samples.values(candidate.ref()).isEmpty()) {
        unsampled.add(candidate);
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
      sampledTargets.computeIfAbsent(role(candidate), r -> new HashSet<>())
          .add(targets.size() == 1 ? targets.get(0).table() : null); // null: not one table
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

    for (InferenceContext.Candidate candidate : unsampled) {
      Set<QualifiedName> targets = sampledTargets.getOrDefault(role(candidate), Set.of());
      if (targets.size() == 1 && !targets.contains(null)) {
        Table target = context.table(targets.iterator().next()).orElseThrow();
        context.reference(candidate.table(), candidate.column(), target, Evidence.SAMPLE,
            "no value to sample; every sampled " + candidate.column().name() + " in schema "
                + candidate.table().name().schema() + " holds ids of " + target.name());
      }
    }
  }

  private static String role(InferenceContext.Candidate candidate) {
    return candidate.table().name().schema() + "." + candidate.column().name();
  }
}
