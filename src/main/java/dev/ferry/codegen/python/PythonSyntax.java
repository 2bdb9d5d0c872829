package dev.ferry.codegen.python;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.naming.ModuleNames;
import java.util.List;

/** Python literals for database names and generated text, shared by the SQLAlchemy and Django targets. */
public final class PythonSyntax {
  private PythonSyntax() {}

  /** A double-quoted Python string: backslash, quote and control characters escaped, anything else as it is. */
  public static String string(String text) {
    if (plain(text)) {
      return "\"" + text + "\"";
    }
    StringBuilder out = new StringBuilder("\"");
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
            out.append(String.format("\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.append('"').toString();
  }

  /** Printable ASCII without a backslash or quote: the common case, which {@link #string} writes as it is. */
  private static boolean plain(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '\\' || c == '"') {
        return false;
      }
    }
    return true;
  }

  /** {@code ["a", "b"]} */
  public static String list(List<String> items) {
    return "[" + String.join(", ", items) + "]";
  }

  /** Text for a {@code #} comment on one line: control characters become spaces. */
  public static String comment(String text) {
    return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
  }

  /**
   * The package the models of {@code schemas} go into unless an option names it: {@code stripe_data}
   * for schema stripe or table prefix {@code stripe_}, {@code ferry_data} for several schemas.
   */
  public static String defaultPackage(List<String> schemas, String tablePrefix) {
    return defaultPackage(schemas, tablePrefix, "_data");
  }

  /** {@link #defaultPackage} with another ending ({@code stripe_app}), so two targets' packages never share a folder. */
  public static String defaultPackage(List<String> schemas, String tablePrefix, String ending) {
    String prefix = tablePrefix.replaceAll("_+$", "");
    if (prefix.isEmpty() && schemas.size() != 1) {
      return "ferry" + ending;
    }
    return ModuleNames.underscore(ModuleNames.camelize(prefix.isEmpty() ? schemas.get(0) : prefix)) + ending;
  }

  /** A Python package name: a dotted path of identifiers. */
  public static boolean validPackage(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  }

  /** {@code schema.table} as a comment shows it. */
  public static String describe(QualifiedName table) {
    return comment(table.toString());
  }
}
