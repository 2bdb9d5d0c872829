package dev.ferry.inspect;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.Unresolved;
import java.util.Comparator;
import java.util.List;

/**
 * The order both reports list relationships in, so output never depends on how inference happened
 * to build its lists: by owning table, then column.
 */
final class ReportOrder {
  private static final Comparator<List<String>> COLUMNS = Comparator.comparing(columns -> String.join("\u0000", columns));

  private ReportOrder() {}

  static List<Reference> references(RelationModel model) {
    return model.references().stream()
        .sorted(
            Comparator.comparing(Reference::from)
                .thenComparing(Reference::columns, COLUMNS)
                .thenComparing(Reference::to)
                .thenComparing(Reference::targetColumns, COLUMNS))
        .toList();
  }

  static List<Polymorphic> polymorphics(RelationModel model) {
    return model.polymorphics().stream()
        .sorted(Comparator.comparing(Polymorphic::table).thenComparing(Polymorphic::idColumn))
        .toList();
  }

  static List<IdArray> idArrays(RelationModel model) {
    return model.idArrays().stream()
        .sorted(Comparator.comparing(IdArray::table).thenComparing(IdArray::column).thenComparing(IdArray::target))
        .toList();
  }

  static List<ManyToMany> manyToMany(RelationModel model) {
    return model.manyToMany().stream()
        .sorted(
            Comparator.comparing(ManyToMany::joinTable)
                .thenComparing((ManyToMany m) -> m.left().to())
                .thenComparing((ManyToMany m) -> m.right().to()))
        .toList();
  }

  static List<Unresolved> unresolved(RelationModel model) {
    return model.unresolved().stream()
        .sorted(Comparator.comparing(Unresolved::table).thenComparing(Unresolved::column))
        .toList();
  }

  static List<QualifiedName> sortedNames(List<QualifiedName> names) {
    return names.stream().sorted().toList();
  }
}
