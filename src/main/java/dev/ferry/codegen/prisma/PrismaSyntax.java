package dev.ferry.codegen.prisma;

import java.util.List;
import java.util.regex.Pattern;

/** Prisma schema literals and lists. */
final class PrismaSyntax {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private PrismaSyntax() {}

  static String string(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }

  static String list(List<String> items) {
    return "[" + String.join(", ", items) + "]";
  }

  static boolean isIdentifier(String text) {
    return IDENTIFIER.matcher(text).matches();
  }
}
