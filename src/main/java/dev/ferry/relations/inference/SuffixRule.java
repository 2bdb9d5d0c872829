package dev.ferry.relations.inference;

import dev.ferry.catalog.Table;
import dev.ferry.relations.Evidence;
import java.util.List;

/**
 * Role-named references: the longest trailing words of the stem that name a table
 * ({@code default_payment_method_id} → payment_method, {@code latest_invoice_id} → invoice,
 * {@code manager_staff_id} → staff). Two tables for the same longest suffix are unresolved. On a
 * vendor's known objects only for the fields its model lists as references ({@link SourceRule}).
 */
final class SuffixRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (InferenceContext.Candidate candidate : context.open()) {
      Table table = candidate.table();
      List<String> stem = candidate.idStem();
      if (stem.size() < 2 || candidate.column().type().isArray() || unknownFieldOfVendorObject(context, candidate)) {
        continue;
      }
      NameLookup.Suffix suffix = NameLookup.longestSuffix(context, table, stem);
      if (suffix.match().unique()) {
        context.reference(table, candidate.column(), suffix.match().table(), Evidence.SUFFIX,
            "column ends with '" + suffix.words() + "', naming table " + suffix.match().table().name());
      } else if (!suffix.match().none()) {
        context.unresolved(table, candidate.column(), "column ends with '" + suffix.words() + "', which names several tables equally",
            suffix.match().names());
      }
    }
  }

  // the vendor's model lists its objects' references; a word in another field's name is not one (Salesforce JigsawContactId)
  private static boolean unknownFieldOfVendorObject(InferenceContext context, InferenceContext.Candidate candidate) {
    return context.vendors.of(candidate.table()).map(v -> v.object() != null && v.reference(candidate.column()).isEmpty()).orElse(false);
  }
}
