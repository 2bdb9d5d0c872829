package dev.ferry.words;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.atteo.evo.inflector.English;

/**
 * English singular and plural of snake_case and camelCase names, inflecting only the last word
 * ({@code invoice_line_items} → {@code invoice_line_item}, {@code InvoiceLines} →
 * {@code InvoiceLine}). Plurals come from evo-inflector; it has no singularizer, so singulars follow
 * explicit suffix rules tuned for table names, with the irregular and uncountable words schemas
 * actually use. (An earlier version took any candidate whose plural gave the word back, which
 * turned {@code responses} into "respons" and {@code metadata} into "metadatum".)
 */
public final class Inflector {
  /** Words that are their own plural: {@code metadata}, {@code news}, {@code series}, {@code staff}. */
  private static final Set<String> UNCOUNTABLE =
      Set.of(
          "data", "metadata", "news", "series", "species", "information", "equipment", "feedback", "software",
          "hardware", "media", "sheep", "fish", "deer", "moose", "money", "rice", "police", "staff", "aircraft",
          "analytics");

  /** Plural → singular, and singular → plural, where no suffix rule (or evo-inflector) gets it right. */
  private static final Map<String, String> SINGULAR_OF = new HashMap<>();

  private static final Map<String, String> PLURAL_OF = new HashMap<>();

  /**
   * Inflected words by word: evo-inflector runs a list of regular expressions per call, and a wide
   * schema asks for the same few words thousands of times. Cleared when full, so memory stays bounded.
   */
  private static final int CACHE_LIMIT = 50_000;

  private static final Map<String, String> PLURAL_CACHE = new ConcurrentHashMap<>();
  private static final Map<String, String> SINGULAR_CACHE = new ConcurrentHashMap<>();

  static {
    String[][] pairs = {
      {"person", "people"}, {"man", "men"}, {"woman", "women"}, {"child", "children"}, {"mouse", "mice"},
      {"goose", "geese"}, {"foot", "feet"}, {"tooth", "teeth"}, {"ox", "oxen"}, {"index", "indices"},
      {"matrix", "matrices"}, {"vertex", "vertices"}, {"appendix", "appendices"}, {"criterion", "criteria"},
      {"phenomenon", "phenomena"}, {"analysis", "analyses"}, {"thesis", "theses"},
      {"crisis", "crises"}, {"diagnosis", "diagnoses"}, {"hypothesis", "hypotheses"}, {"synopsis", "synopses"},
      {"parenthesis", "parentheses"}, {"movie", "movies"}, {"cookie", "cookies"}, {"zombie", "zombies"},
      {"rookie", "rookies"}, {"selfie", "selfies"}, {"calorie", "calories"}, {"tie", "ties"}, {"pie", "pies"},
      {"lie", "lies"}, {"quiz", "quizzes"}, {"bus", "buses"}, {"leaf", "leaves"}, {"life", "lives"},
      {"knife", "knives"}, {"wife", "wives"}, {"half", "halves"}, {"shelf", "shelves"}, {"wolf", "wolves"},
      {"thief", "thieves"}, {"loaf", "loaves"}, {"self", "selves"}, {"calf", "calves"}, {"hero", "heroes"},
      {"potato", "potatoes"}, {"tomato", "tomatoes"}, {"echo", "echoes"}, {"veto", "vetoes"}, {"cache", "caches"},
      {"niche", "niches"}, {"excuse", "excuses"}, {"abuse", "abuses"}, {"fuse", "fuses"}, {"muse", "muses"},
      {"alias", "aliases"}, {"gas", "gases"}, {"canvas", "canvases"}, {"atlas", "atlases"}, {"lens", "lenses"},
      {"bias", "biases"},
    };
    for (String[] pair : pairs) {
      SINGULAR_OF.put(pair[1], pair[0]);
      PLURAL_OF.put(pair[0], pair[1]);
    }
  }

  private Inflector() {}

  public static String plural(String name) {
    int split = lastWordStart(name);
    String last = name.substring(split);
    if (last.isEmpty()) {
      return name;
    }
    return name.substring(0, split) + matchCase(last, pluralWord(last.toLowerCase(Locale.ROOT)));
  }

  public static String singular(String name) {
    int split = lastWordStart(name);
    String last = name.substring(split);
    String singular = singularWord(last.toLowerCase(Locale.ROOT));
    return singular.equals(last.toLowerCase(Locale.ROOT)) ? name : name.substring(0, split) + matchCase(last, singular);
  }

  public static boolean isPlural(String name) {
    return !singular(name).equals(name);
  }

  private static String pluralWord(String word) {
    return cached(PLURAL_CACHE, word, Inflector::pluralWordUncached);
  }

  private static String singularWord(String word) {
    return cached(SINGULAR_CACHE, word, Inflector::singularWordUncached);
  }

  private static String cached(Map<String, String> cache, String word, UnaryOperator<String> inflect) {
    String inflected = cache.get(word);
    if (inflected == null) {
      inflected = inflect.apply(word);
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(word, inflected);
    }
    return inflected;
  }

  private static String pluralWordUncached(String word) {
    if (UNCOUNTABLE.contains(word) || SINGULAR_OF.containsKey(word)) {
      return word;
    }
    return PLURAL_OF.getOrDefault(word, English.plural(word));
  }

  /** The singular of one lower-case word; a word that is not a plural comes back unchanged. */
  private static String singularWordUncached(String word) {
    if (word.length() < 3 || UNCOUNTABLE.contains(word)) {
      return word;
    }
    String irregular = SINGULAR_OF.get(word);
    if (irregular != null) {
      return irregular;
    }
    if (PLURAL_OF.containsKey(word) || word.endsWith("us") || word.endsWith("ss") || word.endsWith("is")) {
      return word; // status, address, analysis, and the irregular singulars themselves
    }
    if (word.endsWith("ies") && word.length() > 4) {
      return strip(word, 3) + "y"; // categories
    }
    if (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("zzes") || word.endsWith("ches") || word.endsWith("shes")) {
      return strip(word, 2); // addresses, boxes, buzzes, batches, crashes
    }
    if (word.endsWith("uses") && word.length() > 5 && !isVowel(word.charAt(word.length() - 5))) {
      return strip(word, 2); // statuses, bonuses, campuses (but causes, houses, clauses)
    }
    if (word.endsWith("s") && !word.endsWith("ss")) {
      return strip(word, 1); // customers, responses, invoices, archives
    }
    return word;
  }

  private static boolean isVowel(char c) {
    return "aeiou".indexOf(c) >= 0;
  }

  private static String strip(String word, int count) {
    return word.substring(0, word.length() - count);
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
