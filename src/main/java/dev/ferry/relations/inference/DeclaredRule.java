package dev.ferry.relations.inference;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.words.Words;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * References the sync engine declared in a column comment: a line
 * {@code ferry:references=<schema>.<table>.<column>} (see docs/catalog-comments.md). Works for
 * scalar columns (a reference) and arrays (an id array). A declaration naming a missing table or a
 * column that is not the target's key is reported as unresolved, never silently dropped.
 *
 * <p>A line {@code ferry:polymorphic=<prefix>=<schema>.<table>.<column> ...} declares a column
 * holding ids of several tables told apart by their prefix ({@code balance_transaction.source_id}:
 * {@code ch_} charges, {@code re_} refunds): a polymorphic reference over the declared targets that
 * are inspected (a sync may cover only some of them).
 */
final class DeclaredRule implements InferenceRule {
  static final String MARKER = "ferry:references=";
  static final String POLYMORPHIC_MARKER = "ferry:polymorphic=";

  @Override
  public void apply(InferenceContext context) {
    for (InferenceContext.Candidate candidate : context.open()) {
      Optional<String> polymorphic = declaration(candidate.column().comment(), POLYMORPHIC_MARKER);
      if (polymorphic.isPresent()) {
        polymorphic(context, candidate, polymorphic.get());
        continue;
      }
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

  private static void polymorphic(InferenceContext context, InferenceContext.Candidate candidate, String declared) {
    Table table = candidate.table();
    String detail = "declared in the column comment as " + declared;
    List<Polymorphic.Target> targets = new ArrayList<>();
    List<QualifiedName> named = new ArrayList<>();
    for (String entry : declared.split("\\s+")) {
      int equals = entry.indexOf('=');
      Optional<List<String>> parts = equals > 0 ? DottedName.split(entry.substring(equals + 1)) : Optional.empty();
      if (parts.isEmpty() || parts.get().size() != 3) {
        context.unresolved(table, candidate.column(), detail + ", whose entry " + entry + " is not <prefix>=<schema>.<table>.<column>", List.of());
        return;
      }
      QualifiedName target = new QualifiedName(parts.get().get(0), parts.get().get(1));
      named.add(target);
      if (context.table(target).isPresent()) {
        targets.add(new Polymorphic.Target(entry.substring(0, equals), target));
      }
    }
    if (targets.isEmpty()) {
      context.unresolved(table, candidate.column(), detail + ", but none of its tables is inspected", named);
      return;
    }
    context.decide(table, candidate.column());
    String column = candidate.column().name();
    context.polymorphics.add(new Polymorphic(table.name(), null, column, Name.of(Words.join(candidate.idStem()), column),
        targets, Evidence.DECLARED, detail));
  }

  /** The text after the marker on the first comment line that carries it. */
  static Optional<String> declaration(String comment) {
    return declaration(comment, MARKER);
  }

  private static Optional<String> declaration(String comment, String marker) {
    if (comment == null) {
      return Optional.empty();
    }
    return comment.lines().map(String::strip).filter(line -> line.startsWith(marker))
        .map(line -> line.substring(marker.length()).strip()).findFirst();
  }
}
