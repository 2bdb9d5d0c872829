package dev.ferry.codegen.prisma;

import java.util.List;
import java.util.regex.Pattern;

/** Prisma schema literals and lists. */
final class PrismaSyntax {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private PrismaSyntax() {}

  /** A Prisma string literal: quote and backslash escaped, control characters as escapes ({@code \t}, {@code \u0001}). */
  static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  static String list(List<String> items) {
    return "[" + String.join(", ", items) + "]";
  }

  static boolean isIdentifier(String text) {
    return IDENTIFIER.matcher(text).matches();
  }
}
