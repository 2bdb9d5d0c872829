package dev.ferry.naming;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The reserved words of one language, read from {@code dev/ferry/naming/reserved/<id>.txt}: one word
 * a line, {@code #} comments naming the source, and sections {@code [all]}, {@code [types]} (only
 * type names may not take them, e.g. Prisma's {@code String}) and {@code [members]} (only
 * attribute and association names, e.g. ActiveRecord's {@code save}).
 */
record ReservedWords(Set<String> all, Set<String> typesOnly, Set<String> membersOnly, boolean caseInsensitive) {
  ReservedWords {
    all = Set.copyOf(all);
    typesOnly = Set.copyOf(typesOnly);
    membersOnly = Set.copyOf(membersOnly);
  }

  static ReservedWords load(String languageId, boolean caseInsensitive) {
    String resource = "/dev/ferry/naming/reserved/" + languageId + ".txt";
    Set<String> all = new HashSet<>();
    Set<String> types = new HashSet<>();
    Set<String> members = new HashSet<>();
    try (InputStream in = ReservedWords.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Set<String> section = all;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String word = line.strip();
        if (word.isEmpty() || word.startsWith("#")) {
          continue;
        }
        switch (word) {
          case "[all]" -> section = all;
          case "[types]" -> section = types;
          case "[members]" -> section = members;
          default -> section.add(caseInsensitive ? word.toLowerCase(Locale.ROOT) : word);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ReservedWords(all, types, members, caseInsensitive);
  }

  /** Every word, whatever the kind of name: what {@link Language#reserved()} holds. */
  Set<String> union() {
    Set<String> union = new HashSet<>(all);
    union.addAll(typesOnly);
    union.addAll(membersOnly);
    return union;
  }

  boolean reservesType(String name) {
    String key = caseInsensitive ? name.toLowerCase(Locale.ROOT) : name;
    return all.contains(key) || typesOnly.contains(key);
  }

  boolean reservesMember(String name) {
    String key = caseInsensitive ? name.toLowerCase(Locale.ROOT) : name;
    return all.contains(key) || membersOnly.contains(key);
  }
}
