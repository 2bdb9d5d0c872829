package dev.ferry.relations.inference;

import dev.ferry.catalog.QualifiedName;
import java.util.Comparator;

/** One column of one table, as a map key. */
public record ColumnRef(QualifiedName table, String column) implements Comparable<ColumnRef> {
  private static final Comparator<ColumnRef> ORDER =
      Comparator.comparing(ColumnRef::table).thenComparing(ColumnRef::column);

  @Override
  public int compareTo(ColumnRef other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return table + "." + column;
  }
}
