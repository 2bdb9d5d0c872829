package dev.ferry.db;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything Ferry prints: known secret values are masked wherever they
 * appear, and so are the shapes secrets take (URL passwords, {@code password=} parameters and
 * variables, {@code password:} keys, Stripe keys and webhook secrets) even when Ferry never saw the
 * value itself. Only values are masked, never the words around them.
 */
public final class Secrets {
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
  /** Up to the last @ of the word: an unencoded @ in a password must not leave its tail visible. */
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]*:)\\S*(@)");
  private static final String SECRET_NAME = "(?:password|passwd|pwd|api[_-]?key|secret)";
  /** {@code password=...}, {@code ?password=...&}, {@code STRIPE_API_KEY=...}, {@code --api-key=...}: a name, '=', its value. */
  private static final Pattern ASSIGNED = Pattern.compile("(?i)(" + SECRET_NAME + "\\s*=\\s*)[^&\\s,;'\"]+");
  /**
   * {@code password: ...} as a YAML or JSON key, at the start of a line or quoted: a ':' after such a
   * word elsewhere is prose ("no webhook signing secret: pass --webhook-secret") and stays as written.
   */
  private static final Pattern KEYED = Pattern.compile(
      "(?im)((?:^\\s*[\\w.-]*" + SECRET_NAME + "|\"[\\w.-]*" + SECRET_NAME + "\")\\s*:\\s*[\"']?)[^\\s,;'\"]+");
  private static final Pattern STRIPE_KEY =
      Pattern.compile("\\b((?:sk|rk|pk)_(?:test|live)_|whsec_)[A-Za-z0-9]+");

  private static final Pattern SECRET_OPTION = Pattern.compile("(?i)--[\\w-]*" + SECRET_NAME + "[\\w-]*(?:=(.*))?");

  private Secrets() {}

  /** Registers a value that must never be printed (ignored when blank or very short). */
  public static void register(String secret) {
    if (secret != null && secret.length() >= 4) {
      KNOWN.add(secret);
    }
  }

  /**
   * Registers the values of secret options in a command line ({@code --api-key K}, {@code
   * --webhook-secret=S}, {@code --password P}), before anything quotes the command line back.
   */
  public static void registerOptionValues(String[] args) {
    for (int i = 0; i < args.length; i++) {
      java.util.regex.Matcher option = SECRET_OPTION.matcher(args[i]);
      // --api-key-file PATH: a path is no secret (the file's content is registered when it is read)
      if (option.matches() && !args[i].split("=", 2)[0].endsWith("-file")) {
        register(option.group(1) != null ? option.group(1) : i + 1 < args.length ? args[i + 1] : null);
      }
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
    result = ASSIGNED.matcher(result).replaceAll("$1****");
    result = KEYED.matcher(result).replaceAll("$1****");
    return STRIPE_KEY.matcher(result).replaceAll("$1****");
  }
}
