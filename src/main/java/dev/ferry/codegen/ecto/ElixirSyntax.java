package dev.ferry.codegen.ecto;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Elixir literals and the line layout {@code mix format} gives to calls without parentheses, so the
 * generated files pass {@code mix format --check-formatted} as written. Identifiers arrive already
 * decided by {@code dev.ferry.naming}; this class only writes them as atoms, strings and calls.
 */
final class ElixirSyntax {
  /** {@code mix format}'s default line length. */
  static final int LINE_LENGTH = 98;

  private static final Pattern PLAIN_ATOM = Pattern.compile("[\\p{L}_][\\p{L}\\p{Nd}_@]*[?!]?");

  private ElixirSyntax() {}

  /** The atoms {@code mix format} writes bare: {@code :nil} is {@code nil}. */
  private static final Set<String> LITERAL_ATOMS = Set.of("nil", "true", "false");

  /** {@code :email}, {@code :"Weird Name"} when the text is not a plain atom, {@code nil} for {@code :nil}. */
  static String atom(String text) {
    if (LITERAL_ATOMS.contains(text)) {
      return text;
    }
    return PLAIN_ATOM.matcher(text).matches() ? ":" + text : ":" + string(text);
  }

  /** The key of a keyword list: {@code email:} or {@code "Weird Name":}. */
  static String keywordKey(String text) {
    return PLAIN_ATOM.matcher(text).matches() ? text + ":" : string(text) + ":";
  }

  /** A double-quoted string with backslash, quote and interpolation escaped. */
  static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '#' -> out.append(i + 1 < text.length() && text.charAt(i + 1) == '{' ? "\\#" : "#");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /**
   * Whether {@code mix format} sets the statement apart with blank lines: it spans several lines,
   * or it is one line too long to fit (a long string cannot be broken).
   */
  static boolean standsApart(List<String> statement) {
    return statement.size() > 1 || statement.get(0).length() > LINE_LENGTH;
  }

  /** A keyword argument; {@code list} is non-null when the value is a list the formatter may break. */
  record Keyword(String key, String value, List<String> list) {
    static Keyword of(String key, String value) {
      return new Keyword(key, value, null);
    }

    static Keyword ofList(String key, List<String> items) {
      return new Keyword(key, "[" + String.join(", ", items) + "]", List.copyOf(items));
    }

    String inline() {
      return keywordKey(key) + " " + value;
    }
  }

  /**
   * A call without parentheses, {@code name a, b, k: v}, as lines at {@code indent}: on one line when
   * it fits, else the positional arguments on the first line (each on its own, aligned, when they do not
   * fit there) and one keyword per line below, a list
   * value broken one item per line and a string value moved below its key when its keyword line does
   * not fit either.
   */
  static List<String> call(int indent, String name, List<String> positional, List<Keyword> keywords) {
    String pad = " ".repeat(indent);
    List<String> parts = new ArrayList<>(positional);
    keywords.forEach(k -> parts.add(k.inline()));
    String oneLine = pad + name + (parts.isEmpty() ? "" : " " + String.join(", ", parts));
    if (oneLine.length() <= LINE_LENGTH || keywords.isEmpty()) {
      return List.of(oneLine);
    }
    List<String> lines = new ArrayList<>();
    String first = pad + name + " " + String.join(", ", positional) + ",";
    String inner = pad + "  ";
    if (first.length() > LINE_LENGTH && positional.size() > 1) {
      // the formatter then puts every argument on a line of its own, aligned under the first
      inner = " ".repeat(pad.length() + name.length() + 1);
      lines.add(pad + name + " " + positional.get(0) + ",");
      for (String argument : positional.subList(1, positional.size())) {
        lines.add(inner + argument + ",");
      }
    } else {
      lines.add(first);
    }
    for (int i = 0; i < keywords.size(); i++) {
      Keyword keyword = keywords.get(i);
      String comma = i + 1 < keywords.size() ? "," : "";
      String line = inner + keyword.inline() + comma;
      if (line.length() <= LINE_LENGTH || (keyword.list() == null && !keyword.value().startsWith("\""))) {
        lines.add(line);
        continue;
      }
      if (keyword.list() == null) {
        // a string cannot be broken: the formatter moves it below its key
        lines.add(inner + keywordKey(keyword.key()));
        lines.add(inner + "  " + keyword.value() + comma);
        continue;
      }
      lines.add(inner + keywordKey(keyword.key()) + " [");
      for (int j = 0; j < keyword.list().size(); j++) {
        lines.add(inner + "  " + keyword.list().get(j) + (j + 1 < keyword.list().size() ? "," : ""));
      }
      lines.add(inner + "]" + comma);
    }
    return lines;
  }
}
