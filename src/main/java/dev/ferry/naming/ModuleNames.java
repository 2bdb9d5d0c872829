package dev.ferry.naming;

import java.util.Locale;

/**
 * Module-path spellings shared by the Ruby and Elixir targets: a Postgres schema or table prefix
 * as a namespace ({@code stripe} → {@code Stripe}), and a module name as its file or directory
 * name ({@code PaymentMethod} → {@code payment_method}, as Elixir's {@code Macro.underscore} and
 * ActiveSupport's {@code underscore} spell it, which is where both ecosystems look for files).
 */
public final class ModuleNames {
  private ModuleNames() {}

  /** {@code stripe_data} → {@code StripeData}; characters other than letters and digits split words. */
  public static String camelize(String words) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : words.toCharArray()) {
      if (!Character.isLetterOrDigit(c) || c > 127) {
        upper = true;
        continue;
      }
      out.append(upper ? Character.toUpperCase(c) : c);
      upper = false;
    }
    if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
      out.insert(0, 'S');
    }
    return out.toString();
  }

  /** {@code PaymentMethod} → {@code payment_method}, {@code HTTPLog} → {@code http_log}. */
  public static String underscore(String moduleName) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < moduleName.length(); i++) {
      char c = moduleName.charAt(i);
      boolean boundary =
          i > 0
              && Character.isUpperCase(c)
              && (Character.isLowerCase(moduleName.charAt(i - 1))
                  || Character.isDigit(moduleName.charAt(i - 1))
                  || (i + 1 < moduleName.length() && Character.isLowerCase(moduleName.charAt(i + 1)) && Character.isUpperCase(moduleName.charAt(i - 1))));
      if (boundary) {
        out.append('_');
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** The Rails and Ecto migration that recreates a schema's tables: {@code create_stripe_tables}. */
  public static String createTablesMigration(String schema) {
    return "create_" + underscore(camelize(schema)) + "_tables";
  }
}
