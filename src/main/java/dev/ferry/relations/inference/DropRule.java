package dev.ferry.relations.inference;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.Table;

/** Columns dropped in ferry.yaml are decided first, so no rule (not even a constraint) makes them references. */
final class DropRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (Table table : context.catalog.tables()) {
      for (Column column : table.columns()) {
        if (context.configured.drops().contains(InferenceContext.ref(table, column))) {
          context.decide(table, column);
        }
      }
    }
  }
}
