package dev.ferry.relations.inference;

import dev.ferry.errors.FerryException;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.inference.ValueSampler.KeySpread;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a reference's back side is one row (has_one) or many when no unique index says so. In
 * order: ferry.yaml's {@code relationships.has_one} / {@code has_many}; then, with {@code --sample},
 * the rows: when at least {@link #MIN_ROWS} non-NULL values were read and none repeats, each key has
 * one referencing row. Fewer rows decide nothing (a young table has one child per parent by
 * chance), and neither do references a vendor's model or Ferry's own sync declares: those systems
 * know their lists. The reason goes with the reference ({@link Reference#cardinality()}) and its
 * back name.
 */
public final class Cardinality {
  /** Non-NULL values a column must show, none repeated, before its rows decide has_one. */
  public static final int MIN_ROWS = 50;
  /** Values read per column; bounded like every sample. */
  public static final int ROWS_READ = 1000;

  private Cardinality() {}

  /** A has_one or has_many written in ferry.yaml; {@code where} is "FILE line N". */
  public record Declared(boolean one, String where) {}

  /** The reference columns whose rows may decide their cardinality: single columns no index, vendor or sync decides. */
  public static List<ColumnRef> undecided(RelationModel model, Map<ColumnRef, Declared> declared) {
    List<ColumnRef> columns = new ArrayList<>();
    for (Reference r : model.references()) {
      ColumnRef column = column(r).orElse(null);
      if (column != null && !r.oneToOne() && !declared.containsKey(column)
          && r.evidence() != Evidence.DECLARED && r.evidence() != Evidence.SOURCE) {
        columns.add(column);
      }
    }
    return columns;
  }

  /** The model with each reference's cardinality decided by ferry.yaml, then by its sampled rows. */
  public static RelationModel decide(RelationModel model, Map<ColumnRef, KeySpread> spreads, Map<ColumnRef, Declared> declared) {
    Map<ColumnRef, Declared> unused = new java.util.TreeMap<>(declared);
    List<Reference> references = new ArrayList<>();
    for (Reference r : model.references()) {
      Optional<ColumnRef> column = column(r);
      Declared said = column.map(unused::remove).orElse(null);
      KeySpread spread = column.map(spreads::get).orElse(null);
      if (said != null) {
        if (!said.one() && r.oneToOne()) {
          throw FerryException.badConfig(said.where() + ": " + column.get() + " has a unique index, so each key has one row; it cannot be has_many");
        }
        references.add(r.oneToOne() ? r : r.withCardinality(said.one(), said.where() + " declares " + (said.one() ? "has_one" : "has_many")));
      } else if (spread != null && !r.oneToOne() && spread.rows() >= MIN_ROWS && spread.distinct() == spread.rows()) {
        references.add(r.withCardinality(true, "no key repeats among " + spread.rows() + " sampled rows (there is no unique index)"));
      } else {
        references.add(r);
      }
    }
    unused.forEach((column, said) -> {
      throw FerryException.badConfig(said.where() + ": " + column + " is not a relationship, so it cannot be "
          + (said.one() ? "has_one" : "has_many"));
    });
    return new RelationModel(model.catalog(), model.entities(), references, model.polymorphics(), model.idArrays(),
        model.manyToMany(), model.unresolved(), model.sampling());
  }

  private static Optional<ColumnRef> column(Reference r) {
    return r.columns().size() == 1 ? Optional.of(new ColumnRef(r.from(), r.columns().get(0))) : Optional.empty();
  }
}
