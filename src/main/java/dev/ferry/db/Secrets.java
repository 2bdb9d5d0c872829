package dev.ferry.db;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything Ferry prints: known secret values are masked wherever they
 * appear, and so are the shapes secrets take (URL passwords, {@code password=} parameters, Stripe
 * keys and webhook secrets) even when Ferry never saw the value itself.
 */
public final class Secrets {
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
  /** Up to the last @ of the word: an unencoded @ in a password must not leave its tail visible. */
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]*:)\\S*(@)");
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)((?:password|passwd|pwd|api[_-]?key|secret)\\s*[=:]\\s*)[^&\\s,;'\"]+");
  private static final Pattern STRIPE_KEY =
      Pattern.compile("\\b((?:sk|rk|pk)_(?:test|live)_|whsec_)[A-Za-z0-9]+");

  private Secrets() {}

  /** Registers a value that must never be printed (ignored when blank or very short). */
  public static void register(String secret) {
    if (secret != null && secret.length() >= 4) {
      KNOWN.add(secret);
    }
  }

  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : KNOWN) {
      result = result.replace(secret, "****");
    }
    result = URL_PASSWORD.matcher(result).replaceAll("$1****$2");
    result = PASSWORD_PARAM.matcher(result).replaceAll("$1****");
    return STRIPE_KEY.matcher(result).replaceAll("$1****");
  }
}
