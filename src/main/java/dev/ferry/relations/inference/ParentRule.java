package dev.ferry.relations.inference;

import dev.ferry.relations.Evidence;
import java.util.List;

/**
 * {@code parent_id} (any spelling) → the table itself, when no table is called parent. After
 * {@link SourceRule}: a vendor may say otherwise (Salesforce ObjectPermissions.ParentId → PermissionSet).
 */
final class ParentRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (InferenceContext.Candidate candidate : context.open()) {
      if (candidate.idStem().equals(List.of("parent")) && !candidate.column().type().isArray() && !candidate.isOwnKey()
          && context.index.find("parent", candidate.table()).none()) {
        context.reference(candidate.table(), candidate.column(), candidate.table(), Evidence.NAME, "'parent' refers to the table itself");
      }
    }
  }
}
