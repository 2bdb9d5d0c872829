package dev.ferry.relations;

import dev.ferry.catalog.QualifiedName;
import java.util.List;

/** A column that looks like a reference but was not resolved, with the reason and the candidates seen. */
public record Unresolved(QualifiedName table, String column, String reason, List<QualifiedName> candidates) {
  public Unresolved {
    candidates = List.copyOf(candidates);
  }
}
