package dev.ferry.relations.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits {@code schema.table.column} into its parts; a part may be double-quoted to hold dots or
 * quotes ({@code "my.schema"."Invoice""Line"}), as in SQL. Unquoted parts are taken as written.
 */
public final class DottedName {
  private DottedName() {}

  /** The parts, or empty when the text is not a well-formed dotted name. */
  public static Optional<List<String>> split(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    int i = 0;
    while (i <= text.length()) {
      if (i < text.length() && text.charAt(i) == '"') {
        if (part.length() > 0) {
          return Optional.empty();
        }
        int j = i + 1;
        while (true) {
          if (j >= text.length()) {
            return Optional.empty();
          }
          if (text.charAt(j) == '"') {
            if (j + 1 < text.length() && text.charAt(j + 1) == '"') {
              part.append('"');
              j += 2;
              continue;
            }
            break;
          }
          part.append(text.charAt(j++));
        }
        i = j + 1;
        if (i < text.length() && text.charAt(i) != '.') {
          return Optional.empty();
        }
        continue;
      }
      if (i == text.length() || text.charAt(i) == '.') {
        if (part.length() == 0) {
          return Optional.empty();
        }
        parts.add(part.toString());
        part.setLength(0);
        i++;
        continue;
      }
      part.append(text.charAt(i++));
    }
    return Optional.of(parts);
  }
}
