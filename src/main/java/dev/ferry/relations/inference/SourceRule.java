package dev.ferry.relations.inference;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.Table;
import dev.ferry.words.Words;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import dev.ferry.vendor.VendorReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a vendor's object model says about a table another tool synced ({@link VendorTables}):
 * {@code stripe_charge.customer} → stripe_customer (an expandable field, stored without
 * {@code _id}), Salesforce {@code OwnerId} → User, HubSpot {@code associatedcompanyid} → company
 * (a number holding a text id). A field that may point at several objects is polymorphic over
 * those that have a table (Task {@code WhoId}: Contact or Lead, told apart by key prefix), or a
 * plain reference when only one has; a field whose objects have no table is left to the other rules.
 * Evidence SOURCE; the detail starts with {@code source:<system>}.
 */
final class SourceRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (InferenceContext.Candidate candidate : context.open()) {
      Table table = candidate.table();
      Optional<VendorTables.Recognised> recognised = context.vendors.of(table);
      // id arrays are found by their names (IdArrayRule); the vendor's model adds nothing there
      if (recognised.isEmpty() || candidate.isOwnKey() || candidate.column().type().isArray()) {
        continue;
      }
      Optional<VendorReference> reference = recognised.get().reference(candidate.column());
      if (reference.isEmpty()) {
        continue;
      }
      VendorReference field = reference.get();
      String system = recognised.get().vendor().system();
      String owner = recognised.get().object() == null ? "every " + system + " object" : recognised.get().object().name();
      String detail = "source:" + system + ": " + owner + "." + field.field() + " references " + String.join(" or ", field.targets());
      List<Table> targets = new ArrayList<>();
      List<Polymorphic.Target> selectors = new ArrayList<>();
      for (String object : field.targets()) {
        context.vendors.table(recognised.get().vendor(), object, table).ifPresent(target -> {
          targets.add(target);
          String prefix = recognised.get().vendor().object(object).map(o -> o.idPrefixes().isEmpty() ? object : o.idPrefixes().get(0))
              .orElse(object);
          selectors.add(new Polymorphic.Target(prefix, target.name()));
        });
      }
      if (targets.isEmpty()) {
        continue; // an object not synced here: the name rules still report an *_id column as unresolved
      } else if (targets.size() == 1) {
        resolve(context, candidate, targets.get(0), field, detail);
      } else {
        context.decide(table, candidate.column());
        String column = candidate.column().name();
        context.polymorphics.add(new Polymorphic(table.name(), null, column, Name.of(PlaceholderNames.stem(column), column),
            selectors, Evidence.SOURCE, detail + ", told apart by id prefix"));
      }
    }
  }

  private static void resolve(InferenceContext context, InferenceContext.Candidate candidate, Table target, VendorReference field,
      String detail) {
    Optional<Column> targetColumn = field.targetField() == null ? KeyTypes.singleColumnKey(target)
        : target.columns().stream().filter(c -> TableIndex.compact(c.name()).equals(TableIndex.compact(field.targetField()))).findFirst();
    if (targetColumn.isEmpty()) {
      context.unresolved(candidate.table(), candidate.column(), detail + ", but " + target.name() + " has no "
          + (field.targetField() == null ? "single-column key" : "column " + Words.snake(field.targetField())), List.of(target.name()));
      return;
    }
    context.reference(candidate.table(), candidate.column(), target, targetColumn.get(), Evidence.SOURCE, detail, Confidence.HIGH, true);
  }
}
