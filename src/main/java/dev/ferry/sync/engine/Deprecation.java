package dev.ferry.sync.engine;

import java.util.StringJoiner;

/**
 * The line of a column comment that marks the column deprecated (docs/catalog-comments.md):
 * {@code ferry:deprecated=<reason>}. The column is kept with its values; the rest of the comment,
 * a {@code ferry:references=} declaration included, stays as it was, so the read side still reads it.
 */
final class Deprecation {
  static final String MARKER = "ferry:deprecated=";

  private Deprecation() {}

  /** The reason of the comment's deprecation line, or null when the column is not marked. */
  static String reason(String comment) {
    if (comment == null) {
      return null;
    }
    return comment.lines().map(String::strip).filter(line -> line.startsWith(MARKER)).findFirst()
        .map(line -> line.substring(MARKER.length())).orElse(null);
  }

  /** {@code comment} with the deprecation line for {@code reason} added last. */
  static String mark(String comment, String reason) {
    String kept = strip(comment);
    return (kept.isEmpty() ? "" : kept + "\n") + MARKER + reason;
  }

  /** {@code comment} without its deprecation line ("" when nothing else is left). */
  static String strip(String comment) {
    if (comment == null) {
      return "";
    }
    StringJoiner lines = new StringJoiner("\n");
    comment.lines().filter(line -> !line.strip().startsWith(MARKER)).forEach(lines::add);
    return lines.toString();
  }
}
