package dev.ferry.naming;

import java.util.List;

/**
 * A final identifier in one target language, what it was made from, and why it differs from the
 * plain casing of that source (reserved word, collision, invalid characters...). Renderers emit a
 * mapping ({@code @map}, {@code source:}, {@code self.table_name}) when {@code value} differs from
 * the database name.
 */
public record Identifier(String value, String source, List<String> reasons) {
  public Identifier {
    reasons = List.copyOf(reasons);
  }

  public boolean changed() {
    return !reasons.isEmpty();
  }

  @Override
  public String toString() {
    return value;
  }
}
