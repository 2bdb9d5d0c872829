package dev.ferry.relations.inference;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.Table;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.Reference;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An archive table: named like another table of its schema plus "archive"
 * ({@code transactionhistoryarchive}, {@code orders_archive}) and holding every column of it. It keeps
 * rows after what they point at may be gone, so what names alone found there is not taken as a
 * reference: each such column is reported as unresolved, with its target as the candidate (ferry.yaml
 * confirms it). Constraints, ferry.yaml, the sync's declarations and a vendor's model still count.
 */
final class ArchiveRule implements InferenceRule {
  private static final List<String> SUFFIXES = List.of("archives", "archive");
  private static final Set<Evidence> FROM_NAMES = Set.of(Evidence.NAME, Evidence.SUFFIX);

  @Override
  public void apply(InferenceContext context) {
    for (Iterator<Reference> it = context.references.iterator(); it.hasNext(); ) {
      Reference reference = it.next();
      if (!FROM_NAMES.contains(reference.evidence()) || reference.columns().size() != 1) {
        continue;
      }
      Table table = context.table(reference.from()).orElseThrow();
      Optional<Table> original = archived(context, table);
      if (original.isPresent()) {
        it.remove();
        context.unresolved(table, table.column(reference.columns().get(0)).orElseThrow(), reference.detail() + ", but "
            + table.name().name() + " archives " + original.get().name().name() + " (same columns): its rows may outlive what they point at",
            List.of(reference.to()));
      }
    }
  }

  /** The table {@code table} archives: same schema, its name plus "archive", and every one of its columns. */
  static Optional<Table> archived(InferenceContext context, Table table) {
    String name = TableIndex.compact(table.name().name());
    Optional<String> stem = SUFFIXES.stream().filter(s -> name.endsWith(s) && name.length() > s.length())
        .map(s -> name.substring(0, name.length() - s.length())).findFirst();
    if (stem.isEmpty()) {
      return Optional.empty();
    }
    Set<String> columns = table.columns().stream().map(Column::name).collect(Collectors.toSet());
    return context.catalog.tables().stream()
        .filter(t -> t.name().schema().equals(table.name().schema()) && TableIndex.compact(t.name().name()).equals(stem.get()))
        .filter(t -> t.columns().stream().map(Column::name).allMatch(columns::contains))
        .findFirst();
  }
}
