package dev.ferry.relations.inference;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.words.Words;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Reference;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A join table: exactly two references whose columns together are its primary or unique key (or
 * it has no key at all, like Rails' {@code categories_posts}), and no other column but metadata
 * (timestamps, Ferry's sync bookkeeping, or a surrogate key beside the unique pair). Its references
 * stay in the model too. When both references are declared by Ferry's sync and the pair is unique,
 * the table is an association the source itself keeps (HubSpot's {@code company_contact}), so the
 * association's own attributes (its labels) may sit beside them: every target goes through the join
 * table's model (Prisma's explicit many-to-many, Ecto's {@code join_through} schema, Rails'
 * {@code has_many :through}), which carries such columns.
 */
final class JoinTableRule implements InferenceRule {
  private static final Set<String> METADATA = Set.of(
      "created_at", "updated_at", "inserted_at", "modified_at", "deleted_at", "last_update", "last_updated",
      "created", "updated", "modified", "created_on", "updated_on");
  /** Columns the sync engine keeps on every table it writes ({@code _ferry_synced_at}). */
  private static final String SYNC_BOOKKEEPING = "_ferry_";

  @Override
  public void apply(InferenceContext context) {
    Map<QualifiedName, List<Reference>> byTable = context.references.stream().collect(Collectors.groupingBy(Reference::from));
    for (Table table : context.catalog.tables()) {
      List<Reference> references = byTable.getOrDefault(table.name(), List.of()).stream()
          .sorted(Comparator.comparingInt(r -> position(table, r)))
          .toList();
      if (references.size() != 2) {
        continue;
      }
      Set<String> key = new HashSet<>(references.get(0).columns());
      key.addAll(references.get(1).columns());
      if (key.size() != references.get(0).columns().size() + references.get(1).columns().size()) {
        continue;
      }
      boolean keyed = table.isUnique(List.copyOf(key));
      boolean keyless = table.primaryKey().isEmpty() && table.uniqueConstraints().isEmpty();
      if (!keyed && !keyless) {
        continue;
      }
      boolean declaredAssociation = keyed && references.stream().allMatch(r -> r.evidence() == Evidence.DECLARED);
      boolean onlyMetadata = table.columns().stream().map(Column::name).filter(c -> !key.contains(c))
          .allMatch(c -> METADATA.contains(Words.snake(c)) || c.startsWith(SYNC_BOOKKEEPING)
              || (keyed && NameLookup.isOwnKey(table, c)));
      if (!onlyMetadata && !declaredAssociation) {
        continue;
      }
      Reference left = references.get(0);
      Reference right = references.get(1);
      Table leftTable = context.table(left.to()).orElseThrow();
      Table rightTable = context.table(right.to()).orElseThrow();
      context.manyToMany.add(new ManyToMany(table.name(), left, right,
          context.names.plural(rightTable), context.names.plural(leftTable)));
    }
  }

  private static int position(Table table, Reference reference) {
    return table.column(reference.columns().get(0)).map(Column::position).orElse(Integer.MAX_VALUE);
  }
}
