package dev.ferry.naming;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

  /**
   * Python module names for class names, one module per class ({@code PaymentMethod} →
   * {@code payment_method}): a Python keyword gets {@code _} ({@code Class} → {@code class_}, which
   * {@code import} could not read), and names that underscore alike ({@code HTTPLog}, {@code HttpLog})
   * get {@code _2}, {@code _3} in the given order, so every module is importable and distinct.
   */
  public static Map<String, String> pythonModules(List<String> classNames) {
    Map<String, String> modules = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>(Set.of("__init__", "base"));
    for (String className : classNames) {
      String module = underscore(className);
      while (Languages.reservedWords("python").all().contains(module)) {
        module = module + "_";
      }
      String unique = module;
      for (int n = 2; taken.contains(unique); n++) {
        unique = module + "_" + n;
      }
      taken.add(unique);
      modules.put(className, unique);
    }
    return modules;
  }

  /** The Rails and Ecto migration that recreates a schema's tables: {@code create_stripe_tables}. */
  public static String createTablesMigration(String schema) {
    return "create_" + underscore(camelize(schema)) + "_tables";
  }
}
