package dev.ferry.relations.inference;

import dev.ferry.catalog.Table;
import dev.ferry.words.Words;
import java.util.List;

/** Every {@code *_id} column still undecided is reported as unresolved, so nothing looks silently missed. */
final class LeftoverRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (InferenceContext.Candidate candidate : context.open()) {
      Table table = candidate.table();
      List<String> stem = candidate.idStem();
      if (stem.isEmpty() || candidate.column().type().isArray() || candidate.isOwnKey()) {
        continue;
      }
      String sampled = switch (context.samples.outcome()) {
        case TAKEN -> ", and its sampled values carry no known id prefix";
        case TIMED_OUT -> "; " + Samples.STOPPED_AT_CAP + " before its values could show an id prefix";
        case OFF -> "";
      };
      context.unresolved(table, candidate.column(), "no table is named '" + Words.join(stem) + "' or a trailing part of it" + sampled,
          List.of());
    }
  }
}
