package dev.ferry.relations;

import java.util.List;

/**
 * A language-neutral name: lower snake_case words ({@code default_payment_method}), what it was
 * derived from, and why it differs from that (empty when it does not). Per-language casing and
 * escaping happen later, in {@code dev.ferry.naming}.
 */
public record Name(String words, String source, List<String> reasons) {
  public Name {
    reasons = List.copyOf(reasons);
  }

  public static Name of(String words, String source) {
    return new Name(words, source, List.of());
  }

  public Name because(String reason, String newWords) {
    List<String> more = new java.util.ArrayList<>(reasons);
    more.add(reason);
    return new Name(newWords, source, more);
  }
}
