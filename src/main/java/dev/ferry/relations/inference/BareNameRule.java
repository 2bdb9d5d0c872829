package dev.ferry.relations.inference;

import dev.ferry.catalog.Table;
import dev.ferry.relations.Evidence;
import java.util.List;

/**
 * A column named exactly like a table, without an id suffix ({@code invoice.charge text},
 * {@code album.artist integer}). The name and a fitting type are not enough on their own
 * ({@code audits.version} counts versions, {@code companies.domain} holds a host name), so the
 * column is shown as unresolved with the table as candidate. Sampled text or uuid values
 * decide: all of them among the table's keys makes it a reference (evidence SAMPLE). Sampled
 * integers do not: small numbers are among the keys of most tables. Vendor tables are covered by
 * {@link SourceRule}, which knows which bare fields are references.
 */
final class BareNameRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (InferenceContext.Candidate candidate : context.open()) {
      Table table = candidate.table();
      if (candidate.column().type().isArray() || candidate.isOwnKey() || candidate.words().isEmpty()) {
        continue;
      }
      TableIndex.Match match = NameLookup.exact(context, table, candidate.words());
      if (!match.unique() || match.table().equals(table)) {
        continue;
      }
      Table target = match.table();
      boolean fits = KeyTypes.singleColumnKey(target)
          .map(key -> KeyTypes.compatible(candidate.column().type(), key.type())).orElse(false);
      if (!fits) {
        continue;
      }
      String named = "column named like table " + target.name();
      boolean integers = "integer".equals(KeyTypes.family(candidate.column().type()));
      switch (integers ? -1 : context.samples.foundInTarget(candidate.ref()).map(found -> found ? 1 : 0).orElse(-1)) {
        case 1 -> context.reference(table, candidate.column(), target, Evidence.SAMPLE, named + " and every sampled value is one of its keys");
        case 0 -> context.unresolved(table, candidate.column(), named + ", but its sampled values are not all keys of it", List.of(target.name()));
        default -> context.unresolved(table, candidate.column(), "named like table " + target.name() + ", but a name alone is not evidence"
            + switch (context.samples.outcome()) {
              case TAKEN -> integers ? "; its values are integers, which most tables' keys hold" : "; it had no values to sample";
              case TIMED_OUT -> "; " + Samples.STOPPED_AT_CAP + ", so add it in ferry.yaml";
              case OFF -> "; run with --sample or add it in ferry.yaml";
            }, List.of(target.name()));
      }
    }
  }
}
