package dev.ferry.codegen.ddl;

import dev.ferry.catalog.QualifiedName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Postgres identifier and literal quoting: names are quoted only when Postgres would otherwise fold or reject them. */
public final class SqlNames {
  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
  private static final Set<String> KEYWORDS = loadKeywords();

  private SqlNames() {}

  public static String ident(String name) {
    if (PLAIN.matcher(name).matches() && !KEYWORDS.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  public static String qualified(QualifiedName name) {
    return ident(name.schema()) + "." + ident(name.name());
  }

  public static String qualified(String schema, String name) {
    return ident(schema) + "." + ident(name);
  }

  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
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
