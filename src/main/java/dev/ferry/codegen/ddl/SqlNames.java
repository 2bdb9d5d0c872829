package dev.ferry.codegen.ddl;

import dev.ferry.catalog.QualifiedName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/** Postgres identifier and literal quoting: names are quoted only when Postgres would otherwise fold or reject them. */
public final class SqlNames {
  private static final Set<String> KEYWORDS = loadKeywords();

  private SqlNames() {}

  public static String ident(String name) {
    if (plain(name) && !KEYWORDS.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code [a-z_][a-z0-9_$]*}, checked by hand: every name of every migration passes through here. */
  private static boolean plain(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && ((c >= '0' && c <= '9') || c == '$'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  public static String qualified(QualifiedName name) {
    return ident(name.schema()) + "." + ident(name.name());
  }

  public static String qualified(String schema, String name) {
    return ident(schema) + "." + ident(name);
  }

  /**
   * A string literal that reads the same under either {@code standard_conforming_strings} setting:
   * {@code 'it''s'}, or with a backslash in the text {@code E'a\\b'} (backslash and quote escaped),
   * since a plain literal would end early at {@code \'} when the setting is off.
   */
  public static String literal(String text) {
    String quoted = "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    return text.indexOf('\\') >= 0 ? "E" + quoted : quoted;
  }

  /**
   * An expression as the catalog holds it (deparsed by Postgres with {@code
   * standard_conforming_strings} on, see PgCatalogReader), with every string literal rewritten by
   * {@link #literal}, so it reads the same under either setting: {@code 'a\b'::text} becomes {@code
   * E'a\\b'::text}. Quoted identifiers are copied as they are.
   */
  public static String portable(String expression) {
    if (expression == null || expression.indexOf('\\') < 0) {
      return expression;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < expression.length()) {
      char c = expression.charAt(i);
      if (c == '"') {
        int end = i + 1;
        while (end < expression.length() && (expression.charAt(end) != '"' || (end + 1 < expression.length() && expression.charAt(end + 1) == '"'))) {
          end += expression.charAt(end) == '"' ? 2 : 1;
        }
        out.append(expression, i, Math.min(end + 1, expression.length()));
        i = end + 1;
      } else if (c == '\'') {
        StringBuilder text = new StringBuilder();
        int end = i + 1;
        while (end < expression.length() && (expression.charAt(end) != '\'' || (end + 1 < expression.length() && expression.charAt(end + 1) == '\''))) {
          text.append(expression.charAt(end));
          end += expression.charAt(end) == '\'' ? 2 : 1;
        }
        out.append(literal(text.toString()));
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Text for a {@code --} comment: line breaks and other control characters become spaces. */
  public static String commentText(String text) {
    return text.replaceAll("\\p{Cntrl}", " ");
  }

  private static Set<String> loadKeywords() {
    String resource = "/dev/ferry/codegen/ddl/postgres-keywords.txt";
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(SqlNames.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(String::trim).collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
