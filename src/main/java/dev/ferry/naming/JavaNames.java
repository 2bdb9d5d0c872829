package dev.ferry.naming;

import java.util.ArrayList;
import java.util.List;

/**
 * Java names that are not a model's own identifiers: the package a schema's classes go in and the
 * JavaBeans accessor of a member. Members and types themselves are named by {@link Naming} in
 * {@link Languages#JAVA} (PascalCase types, camelCase members, JLS keywords and java.lang types
 * followed by {@code _}).
 */
public final class JavaNames {
  private JavaNames() {}

  /**
   * A package name segment for a schema or table prefix: lower-case ASCII words joined with
   * {@code _} ({@code Billing Data} → {@code billing_data}, {@code données} → {@code donnees}), a
   * leading digit prefixed with {@code n}, a Java keyword followed by {@code _} ({@code select} is
   * fine, {@code class} → {@code class_}), as JLS 6.1 suggests for package names.
   */
  public static String packageSegment(String schemaOrPrefix) {
    List<String> reasons = new ArrayList<>();
    String segment = Naming.cased(Naming.asciiWords(dev.ferry.words.Words.snake(schemaOrPrefix), reasons), Casing.SNAKE);
    if (segment.isEmpty()) {
      segment = "unnamed";
    }
    if (Character.isDigit(segment.charAt(0))) {
      segment = "n" + segment;
    }
    while (Languages.reservedWords(Languages.JAVA.id()).all().contains(segment)) {
      segment = segment + "_";
    }
    return segment;
  }

  /** The JavaBeans read accessor of a member: {@code email} → {@code getEmail}, {@code class_} → {@code getClass_}. */
  public static String getter(Identifier member) {
    String value = member.value();
    return "get" + Character.toUpperCase(value.charAt(0)) + value.substring(1);
  }
}
