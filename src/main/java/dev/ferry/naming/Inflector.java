package dev.ferry.naming;

import java.util.Locale;
import org.atteo.evo.inflector.English;

/**
 * English singular and plural of snake_case names, inflecting only the last word
 * ({@code invoice_line_items} → {@code invoice_line_item}). Plurals come from evo-inflector; it has
 * no singularizer, so a word is singular when it is its own singular form's plural's source:
 * we strip the common plural endings and keep the candidate whose plural gives the word back.
 */
public final class Inflector {
  private Inflector() {}

  public static String plural(String snakeName) {
    int split = lastWordStart(snakeName);
    String last = snakeName.substring(split);
    if (last.isEmpty()) {
      return snakeName;
    }
    return snakeName.substring(0, split) + matchCase(last, pluralWord(last.toLowerCase(Locale.ROOT)));
  }

  public static String singular(String snakeName) {
    int split = lastWordStart(snakeName);
    String last = snakeName.substring(split);
    String lower = last.toLowerCase(Locale.ROOT);
    // "status", "address", "analysis" end like plurals but are singular
    if (lower.endsWith("us") || lower.endsWith("ss") || lower.endsWith("is")) {
      return snakeName;
    }
    for (String candidate : singularCandidates(lower)) {
      if (!candidate.isEmpty() && pluralWord(candidate).equals(lower) && !candidate.equals(lower)) {
        return snakeName.substring(0, split) + matchCase(last, candidate);
      }
    }
    return snakeName;
  }

  public static boolean isPlural(String snakeName) {
    return !singular(snakeName).equals(snakeName);
  }

  // evo-inflector gives "persons"; schemas (Rails, Django) say "people"
  private static String pluralWord(String lowerWord) {
    return lowerWord.equals("person") ? "people" : English.plural(lowerWord);
  }

  // Candidates in order of preference; the first whose plural is the word wins.
  private static String[] singularCandidates(String word) {
    return new String[] {
      word.endsWith("ies") ? word.substring(0, word.length() - 3) + "y" : "",
      word.endsWith("ves") ? word.substring(0, word.length() - 3) + "f" : "",
      word.endsWith("ves") ? word.substring(0, word.length() - 3) + "fe" : "",
      word.endsWith("es") ? word.substring(0, word.length() - 2) : "",
      word.endsWith("s") ? word.substring(0, word.length() - 1) : "",
      word.endsWith("i") ? word.substring(0, word.length() - 1) + "us" : "",
      word.endsWith("a") ? word.substring(0, word.length() - 1) + "um" : "",
      word.endsWith("a") ? word.substring(0, word.length() - 1) + "on" : "",
      irregularSingular(word),
    };
  }

  private static String irregularSingular(String word) {
    return switch (word) {
      case "people" -> "person";
      case "men" -> "man";
      case "women" -> "woman";
      case "children" -> "child";
      case "mice" -> "mouse";
      case "geese" -> "goose";
      case "feet" -> "foot";
      case "teeth" -> "tooth";
      case "oxen" -> "ox";
      default -> "";
    };
  }

  private static int lastWordStart(String name) {
    int underscore = name.lastIndexOf('_');
    int camel = -1;
    for (int i = name.length() - 1; i > 0; i--) {
      if (Character.isUpperCase(name.charAt(i)) && Character.isLowerCase(name.charAt(i - 1))) {
        camel = i;
        break;
      }
    }
    return Math.max(underscore + 1, camel);
  }

  private static String matchCase(String original, String inflected) {
    if (!original.isEmpty() && Character.isUpperCase(original.charAt(0))) {
      if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))) {
        return inflected.toUpperCase(Locale.ROOT);
      }
      return Character.toUpperCase(inflected.charAt(0)) + inflected.substring(1);
    }
    return inflected;
  }
}
