package dev.ferry.words;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits database spellings into lower-case words joined by underscores, the neutral form of every
 * relation name and the words inference matches table names with:
 * {@code InvoiceLine} → {@code invoice_line}, {@code customerId} → {@code customer_id},
 * {@code HTTPServer} → {@code http_server}, {@code "receipt url"} → {@code receipt_url}. Letters and
 * digits of any script are kept (the per-language safety net in {@code Naming} decides what a
 * language accepts); everything else separates words.
 *
 * <p>Splits are cached per spelling: a wide schema repeats the same column names in every table,
 * and inference and naming both split each of them several times.
 */
public final class Words {
  /** Enough for a 2,000-table schema's distinct names; cleared when full so memory stays bounded. */
  private static final int CACHE_LIMIT = 100_000;

  private static final Map<String, List<String>> SPLITS = new ConcurrentHashMap<>();
  private static final Map<String, String> SNAKES = new ConcurrentHashMap<>();

  private Words() {}

  public static String snake(String raw) {
    String cached = SNAKES.get(raw);
    if (cached == null) {
      cached = join(split(raw));
      remember(SNAKES, raw, cached);
    }
    return cached;
  }

  /** The words of {@code raw}, lower case, in order (unmodifiable); empty when it has no letter or digit. */
  public static List<String> split(String raw) {
    List<String> cached = SPLITS.get(raw);
    if (cached == null) {
      cached = List.copyOf(splitUncached(raw));
      remember(SPLITS, raw, cached);
    }
    return cached;
  }

  /** {@code words} joined by underscores, the snake_case form. */
  public static String join(List<String> words) {
    return words.size() == 1 ? words.get(0) : String.join("_", words);
  }

  /** {@code words} with its last word replaced by {@code last}. */
  static String replaceLast(String words, String last) {
    int split = words.lastIndexOf('_');
    return split < 0 ? last : words.substring(0, split + 1) + last;
  }

  private static List<String> splitUncached(String raw) {
    List<String> words = new ArrayList<>(4);
    StringBuilder word = new StringBuilder();
    int previous = -1;
    for (int i = 0; i < raw.length(); ) {
      int c = raw.codePointAt(i);
      i += Character.charCount(c);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        previous = c;
        continue;
      }
      if (word.length() > 0 && Character.isUpperCase(c)) {
        boolean afterLower = Character.isLowerCase(previous) || Character.isDigit(previous);
        // "HTTPServer": the S starts a word because a lower-case letter follows it
        boolean endsAcronym =
            Character.isUpperCase(previous) && i < raw.length() && Character.isLowerCase(raw.codePointAt(i));
        if (afterLower || endsAcronym) {
          flush(word, words);
        }
      }
      word.appendCodePoint(c);
      previous = c;
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }

  private static <V> void remember(Map<String, V> cache, String key, V value) {
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, value);
  }
}
