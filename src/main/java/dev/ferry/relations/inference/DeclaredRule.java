package dev.ferry.relations.inference;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.relations.Evidence;
import java.util.List;
import java.util.Optional;

/**
 * References the sync engine declared in a column comment: a line
 * {@code ferry:references=<schema>.<table>.<column>} (see docs/catalog-comments.md). Works for
 * scalar columns (a reference) and arrays (an id array). A declaration naming a missing table or a
 * column that is not the target's key is reported as unresolved, never silently dropped.
 */
final class DeclaredRule implements InferenceRule {
  static final String MARKER = "ferry:references=";

  @Override
  public void apply(InferenceContext context) {
    for (InferenceContext.Candidate candidate : context.open()) {
      Optional<String> declared = declaration(candidate.column().comment());
      if (declared.isEmpty()) {
        continue;
      }
      Table table = candidate.table();
      String detail = "declared in the column comment as " + declared.get();
      Optional<List<String>> parts = DottedName.split(declared.get());
      if (parts.isEmpty() || parts.get().size() != 3) {
        context.unresolved(table, candidate.column(), detail + ", which is not <schema>.<table>.<column>", List.of());
        continue;
      }
      QualifiedName targetName = new QualifiedName(parts.get().get(0), parts.get().get(1));
      Optional<Table> target = context.table(targetName);
      if (target.isEmpty()) {
        context.unresolved(table, candidate.column(), detail + ", but " + targetName + " is not among the inspected tables", List.of(targetName));
        continue;
      }
      String keyColumn = parts.get().get(2);
      if (!KeyTypes.singleColumnKey(target.get()).map(k -> k.name().equals(keyColumn)).orElse(false)) {
        context.unresolved(table, candidate.column(), detail + ", but " + keyColumn + " is not the single-column key of " + targetName, List.of(targetName));
        continue;
      }
      context.reference(table, candidate.column(), target.get(), Evidence.DECLARED, detail);
    }
  }

  /** The text after the marker on the first comment line that carries it. */
  static Optional<String> declaration(String comment) {
    if (comment == null) {
      return Optional.empty();
    }
    return comment.lines().map(String::strip).filter(line -> line.startsWith(MARKER))
        .map(line -> line.substring(MARKER.length()).strip()).findFirst();
  }
}
