package dev.ferry.relations.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits an identifier into lower-case words whatever its spelling: {@code customer_id},
 * {@code customerId}, {@code CustomerId} and {@code CustomerID} all give [customer, id];
 * {@code HTTPRequest} gives [http, request].
 */
final class Words {
  private Words() {}

  static List<String> of(String identifier) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        continue;
      }
      if (Character.isUpperCase(c) && word.length() > 0) {
        char previous = identifier.charAt(i - 1);
        boolean nextIsLower = i + 1 < identifier.length() && Character.isLowerCase(identifier.charAt(i + 1));
        if (!Character.isUpperCase(previous) || nextIsLower) {
          flush(word, words);
        }
      }
      word.append(Character.toLowerCase(c));
    }
    flush(word, words);
    return words;
  }

  static String snake(String identifier) {
    return String.join("_", of(identifier));
  }

  static String join(List<String> words) {
    return String.join("_", words);
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }
}
