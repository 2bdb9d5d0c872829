package dev.ferry.relations.inference;

import dev.ferry.catalog.Table;
import dev.ferry.words.Words;
import dev.ferry.relations.Evidence;
import java.util.List;

/**
 * {@code <stem>_id} (or {@code stemId}, {@code StemId}, {@code StemID}) whose stem names a table:
 * {@code customer_id} → customer or customers, same schema first; with the referencing table's
 * namespace ({@code stripe_subscription.customer_id} → stripe_customer). A stem naming several
 * tables equally is unresolved; one naming the referencing table itself too, unless it is parent
 * ({@link ParentRule} takes that after the vendors' models had their say).
 */
final class NameRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (InferenceContext.Candidate candidate : context.open()) {
      Table table = candidate.table();
      List<String> stem = candidate.idStem();
      if (stem.isEmpty() || candidate.column().type().isArray() || candidate.isOwnKey()) {
        continue;
      }
      TableIndex.Match match = NameLookup.exact(context, table, stem);
      if (match.unique() && match.table().equals(table) && !stem.equals(List.of("parent"))) {
        context.unresolved(table, candidate.column(), "column stem '" + Words.join(stem) + "' names its own table, and a reference"
            + " to the same table takes a role name (parent_id): it most likely holds an id from elsewhere", List.of(table.name()));
      } else if (match.unique()) {
        context.reference(table, candidate.column(), match.table(), Evidence.NAME,
            "column stem '" + Words.join(stem) + "' names table " + match.table().name());
      } else if (!match.none()) {
        context.unresolved(table, candidate.column(), "column stem '" + Words.join(stem) + "' names several tables equally", match.names());
      }
    }
  }
}
