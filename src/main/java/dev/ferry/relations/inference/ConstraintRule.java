package dev.ferry.relations.inference;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.ForeignKey;
import dev.ferry.catalog.Table;
import dev.ferry.relations.Evidence;
import java.util.List;

/**
 * FOREIGN KEY constraints, taken as they are (any number of columns, any target key). A constraint
 * whose target is not among the inspected (or not ignored) tables is reported as unresolved.
 */
final class ConstraintRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (Table table : context.catalog.tables()) {
      for (ForeignKey fk : table.foreignKeys()) {
        List<Column> columns = fk.columns().stream().map(c -> table.column(c).orElse(null)).toList();
        if (columns.contains(null) || columns.stream().anyMatch(c -> context.decided(table, c) && !constrained(context, table, c))) {
          continue;
        }
        var target = context.table(fk.target());
        if (target.isEmpty()) {
          for (Column column : columns) {
            context.unresolved(table, column, "constraint " + fk.name() + " references " + fk.target()
                + ", which is not among the inspected tables", List.of(fk.target()));
          }
          continue;
        }
        columns.forEach(c -> context.decide(table, c));
        context.addReference(table, fk.columns(), target.get(), fk.targetColumns(), Evidence.CONSTRAINT, "constraint " + fk.name());
      }
    }
  }

  // a column in two constraints (a composite and a single one) keeps both
  private static boolean constrained(InferenceContext context, Table table, Column column) {
    return context.references.stream().anyMatch(r -> r.evidence() == Evidence.CONSTRAINT
        && r.from().equals(table.name()) && r.columns().contains(column.name()));
  }
}
