package dev.ferry.accuracy;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.Table;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.Unresolved;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a read found, as truth rows; and the naive rule it is compared with. */
public final class Findings {
  private Findings() {}

  /** References, id arrays and polymorphic references that name at least one target. */
  public static List<Finding> of(RelationModel model) {
    List<Finding> found = new ArrayList<>();
    for (Reference r : model.references()) {
      found.add(Finding.reference(r.from().schema(), r.from().name(), r.columns(), r.to().schema(), r.to().name(), r.targetColumns()));
    }
    for (IdArray a : model.idArrays()) {
      Table target = model.catalog().table(a.target()).orElseThrow();
      found.add(Finding.reference(a.table().schema(), a.table().name(), List.of(a.column()), a.target().schema(), a.target().name(),
          target.primaryKey().map(pk -> pk.columns()).orElse(List.of("id"))));
    }
    for (Polymorphic p : model.polymorphics()) {
      if (!p.targets().isEmpty()) {
        found.add(Finding.polymorphic(p.table().schema(), p.table().name(), p.idColumn(), p.targets().get(0).table().schema(),
            p.targets().stream().map(t -> t.table().name()).distinct().toList()));
      }
    }
    return found;
  }

  /**
   * Truth rows the model neither found nor shows: not a reference, not a polymorphic pair (even
   * without targets), not among the unresolved columns.
   */
  public static List<Finding> silent(RelationModel model, List<Finding> missed) {
    Set<Finding.Source> shown = new HashSet<>();
    for (Unresolved u : model.unresolved()) {
      shown.add(new Finding.Source(u.table().schema(), u.table().name(), Set.of(u.column())));
    }
    for (Polymorphic p : model.polymorphics()) {
      shown.add(new Finding.Source(p.table().schema(), p.table().name(), Set.of(p.idColumn())));
    }
    return missed.stream().filter(t -> t.columns().stream()
        .noneMatch(c -> shown.contains(new Finding.Source(t.schema(), t.table(), Set.of(c))))).toList();
  }

  /**
   * The rule a simple generator would use: a column named exactly {@code <x>_id} references the
   * table {@code x} or {@code xs} of the same schema, at its single-column primary key (or {@code id}).
   */
  public static List<Finding> naive(Catalog catalog) {
    List<Finding> found = new ArrayList<>();
    for (Table table : catalog.tables()) {
      for (Column column : table.columns()) {
        if (!column.name().endsWith("_id") || column.name().length() <= 3) {
          continue;
        }
        String stem = column.name().substring(0, column.name().length() - 3);
        Optional<Table> target = catalog.tables().stream()
            .filter(t -> t.name().schema().equals(table.name().schema()))
            .filter(t -> t.name().name().equals(stem) || t.name().name().equals(stem + "s"))
            .findFirst();
        target.ifPresent(t -> found.add(Finding.reference(table.name().schema(), table.name().name(), List.of(column.name()),
            t.name().schema(), t.name().name(),
            t.primaryKey().filter(pk -> pk.columns().size() == 1).map(pk -> pk.columns()).orElse(List.of("id")))));
      }
    }
    return found;
  }
}
