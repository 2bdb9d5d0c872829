package dev.ferry.relations.inference;

import dev.ferry.catalog.Table;
import dev.ferry.naming.Words;
import dev.ferry.relations.Evidence;
import java.util.List;

/**
 * A column named exactly like a table, without an id suffix ({@code subscription.customer text},
 * as some sync tools write it). The name alone is never enough: the type must fit the table's key
 * AND every sampled value must be one of its keys. Without samples, a fitting column is reported
 * as unresolved so the user can confirm it in ferry.yaml.
 */
final class BareNameRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (InferenceContext.Candidate candidate : context.open()) {
      Table table = candidate.table();
      if (candidate.column().type().isArray() || candidate.isOwnKey()) {
        continue;
      }
      TableIndex.Match match = context.index.find(Words.join(candidate.words()), table);
      if (!match.unique() || match.table().equals(table)) {
        continue;
      }
      Table target = match.table();
      boolean fits = KeyTypes.singleColumnKey(target)
          .map(key -> KeyTypes.compatible(candidate.column().type(), key.type())).orElse(false);
      if (!fits) {
        continue;
      }
      boolean confirmed = context.samples.foundInTarget(candidate.ref()).orElse(false);
      if (confirmed) {
        context.reference(table, candidate.column(), target, Evidence.SAMPLE,
            "column named like table " + target.name() + " and every sampled value is one of its keys");
      } else {
        String why = switch (context.samples.outcome()) {
          case TAKEN -> " and its sampled values are not all keys of it";
          case TIMED_OUT -> "; " + Samples.STOPPED_AT_CAP + ", so add it in ferry.yaml";
          case OFF -> "; run with --sample or add it in ferry.yaml";
        };
        context.unresolved(table, candidate.column(), "named like table " + target.name() + ", but a name alone is not evidence" + why,
            List.of(target.name()));
      }
    }
  }
}
