package dev.ferry.relations;

import java.util.List;

/**
 * A language-neutral name: lower snake_case words ({@code default_payment_method}), what it was
 * derived from, and why it differs from that (empty when it does not). Per-language casing and
 * escaping happen later, in {@code dev.ferry.naming}. A {@code configured} name was set by the user
 * in ferry.yaml (its source says where, "ferry.yaml line 7") and naming keeps it as it is.
 */
public record Name(String words, String source, List<String> reasons, boolean configured) {
  public Name {
    reasons = List.copyOf(reasons);
  }

  public Name(String words, String source, List<String> reasons) {
    this(words, source, reasons, false);
  }

  public static Name of(String words, String source) {
    return new Name(words, source, List.of());
  }

  /** A name set in the project file; {@code where} is "FILE line N". */
  public static Name configured(String words, String where) {
    return new Name(words, where, List.of(), true);
  }

  public Name because(String reason, String newWords) {
    List<String> more = new java.util.ArrayList<>(reasons);
    more.add(reason);
    return new Name(newWords, source, more, configured);
  }
}
