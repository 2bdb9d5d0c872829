package dev.ferry.relations.inference;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.Table;
import dev.ferry.relations.Evidence;

/** Relationships added in ferry.yaml (evidence CONFIG); they replace whatever else the column would get. */
final class ConfigRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (ConfiguredRelationships.Addition addition : context.configured.additions()) {
      Table from = context.table(addition.column().table()).orElseThrow();
      Column column = from.column(addition.column().column()).orElseThrow();
      Table target = context.table(addition.target()).orElseThrow();
      if (!context.decided(from, column)) {
        context.reference(from, column, target, Evidence.CONFIG, "added in " + addition.origin());
      }
    }
  }
}
