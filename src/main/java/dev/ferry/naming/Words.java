package dev.ferry.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits database spellings into lower-case words joined by underscores, the neutral form of every
 * {@link dev.ferry.relations.Name}: {@code InvoiceLine} → {@code invoice_line}, {@code customerId} →
 * {@code customer_id}, {@code HTTPServer} → {@code http_server}, {@code "receipt url"} →
 * {@code receipt_url}. Letters and digits of any script are kept (the per-language safety net in
 * {@link Naming} decides what a language accepts); everything else separates words.
 */
public final class Words {
  private Words() {}

  public static String snake(String raw) {
    return String.join("_", split(raw));
  }

  /** The words of {@code raw}, lower case, in order; empty when it has no letter or digit. */
  public static List<String> split(String raw) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int[] points = raw.codePoints().toArray();
    for (int i = 0; i < points.length; i++) {
      int c = points[i];
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        continue;
      }
      if (word.length() > 0 && Character.isUpperCase(c)) {
        int previous = points[i - 1];
        boolean afterLower = Character.isLowerCase(previous) || Character.isDigit(previous);
        // "HTTPServer": the S starts a word because a lower-case letter follows it
        boolean endsAcronym =
            Character.isUpperCase(previous) && i + 1 < points.length && Character.isLowerCase(points[i + 1]);
        if (afterLower || endsAcronym) {
          flush(word, words);
        }
      }
      word.appendCodePoint(c);
    }
    flush(word, words);
    return words;
  }

  /** {@code words} with its last word replaced by {@code last}. */
  static String replaceLast(String words, String last) {
    int split = words.lastIndexOf('_');
    return split < 0 ? last : words.substring(0, split + 1) + last;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }
}
