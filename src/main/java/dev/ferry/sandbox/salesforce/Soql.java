package dev.ferry.sandbox.salesforce;

import dev.ferry.vendor.salesforce.SObject;
import dev.ferry.vendor.salesforce.SObjectField;
import dev.ferry.vendor.salesforce.SalesforceObjects;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The SOQL the sandbox understands: what a sync sends, and what clients send for it.
 * {@code SELECT f1, f2 FROM Object [WHERE ...] [ORDER BY f [ASC|DESC], ...] [LIMIT n]}, where the
 * condition combines {@code =, !=, <>, <, <=, >, >=, IN (...), NOT IN (...)} on fields with
 * {@code AND}, {@code OR}, {@code NOT} and parentheses, over string, number, boolean, null, date and
 * datetime literals. Anything else is a {@code MALFORMED_QUERY}, an unknown field {@code INVALID_FIELD}.
 */
final class Soql {
  /** A parsed query: the selected fields in SELECT order, the object, the filter, the order and the limit. */
  record Query(List<SObjectField> fields, SObject object, Predicate<Map<String, Object>> where,
      Comparator<Map<String, Object>> order, int limit) {
    /**
     * The matching {@code records} (given in id order, so {@code ORDER BY Id} needs no sort), deleted
     * ones only when {@code all} ({@code queryAll}).
     */
    List<Map<String, Object>> run(Collection<Map<String, Object>> records, boolean all) {
      List<Map<String, Object>> rows = new QueryRows();
      for (Map<String, Object> record : records) {
        if (limit >= 0 && order == null && rows.size() >= limit) {
          break;
        }
        if ((all || !Boolean.TRUE.equals(record.get("IsDeleted"))) && where.test(record)) {
          rows.add(record);
        }
      }
      if (order != null) {
        rows = new ArrayList<>(rows);
        rows.sort(order);
      }
      return limit >= 0 && rows.size() > limit ? new ArrayList<>(rows.subList(0, limit)) : rows;
    }
  }

  private final List<String> tokens;
  private final java.util.function.Function<String, SObject> objects;
  private int position;
  private SObject object;

  private Soql(String text, java.util.function.Function<String, SObject> objects) {
    this.tokens = tokenize(text);
    this.objects = objects;
  }

  /** Parses {@code text} against the org's objects ({@code objects} gives one by name, null if the org has none). */
  static Query parse(String text, java.util.function.Function<String, SObject> objects) {
    return new Soql(text, objects).query();
  }

  private Query query() {
    expectKeyword("SELECT");
    List<String> names = new ArrayList<>();
    do {
      names.add(identifier());
    } while (accept(","));
    expectKeyword("FROM");
    String objectName = identifier();
    object = objects.apply(objectName);
    if (object == null) {
      throw SalesforceError.badRequest("INVALID_TYPE", "\nFROM " + objectName + "\n     ^\nERROR at Row:1:Column:1\nsObject type '"
          + objectName + "' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the"
          + " entity name. Please reference your WSDL or the describe call for the appropriate names.");
    }
    List<SObjectField> fields = names.stream().map(this::field).toList();
    Predicate<Map<String, Object>> where = r -> true;
    Comparator<Map<String, Object>> order = null;
    int limit = -1;
    if (acceptKeyword("WHERE")) {
      where = or();
    }
    if (acceptKeyword("ORDER")) {
      expectKeyword("BY");
      boolean byIdOnly = true;
      do {
        SObjectField field = field(identifier());
        boolean descending = acceptKeyword("DESC");
        if (!descending) {
          acceptKeyword("ASC");
        }
        if (acceptKeyword("NULLS")) {
          if (!acceptKeyword("FIRST")) {
            expectKeyword("LAST");
          }
        }
        Comparator<Map<String, Object>> next = Comparator.comparing(r -> r.get(field.name()), Soql::compareNullsFirst);
        next = descending ? next.reversed() : next;
        byIdOnly &= order == null && !descending && field.name().equals("Id");
        order = order == null ? next : order.thenComparing(next);
      } while (accept(","));
      if (byIdOnly) {
        order = null; // records come in id order
      }
    }
    if (acceptKeyword("LIMIT")) {
      limit = Integer.parseInt(next());
    }
    if (position < tokens.size()) {
      throw malformed("unexpected token: '" + tokens.get(position) + "'");
    }
    return new Query(fields, object, where, order, limit);
  }

  private Predicate<Map<String, Object>> or() {
    Predicate<Map<String, Object>> left = and();
    while (acceptKeyword("OR")) {
      left = left.or(and());
    }
    return left;
  }

  private Predicate<Map<String, Object>> and() {
    Predicate<Map<String, Object>> left = factor();
    while (acceptKeyword("AND")) {
      left = left.and(factor());
    }
    return left;
  }

  private Predicate<Map<String, Object>> factor() {
    if (acceptKeyword("NOT")) {
      return factor().negate();
    }
    if (accept("(")) {
      Predicate<Map<String, Object>> inner = or();
      expect(")");
      return inner;
    }
    SObjectField field = field(identifier());
    String name = field.name();
    boolean negated = acceptKeyword("NOT");
    if (acceptKeyword("IN")) {
      expect("(");
      List<Object> values = new ArrayList<>();
      do {
        values.add(literal(field));
      } while (accept(","));
      expect(")");
      Predicate<Map<String, Object>> in = r -> values.stream().anyMatch(v -> compare(r.get(name), v) == 0 && r.get(name) != null);
      return negated ? in.negate() : in;
    }
    if (negated) {
      throw malformed("expecting IN after NOT");
    }
    String operator = next();
    Object value = literal(field);
    return switch (operator) {
      case "=" -> r -> value == null ? r.get(name) == null : r.get(name) != null && compare(r.get(name), value) == 0;
      case "!=", "<>" -> r -> value == null ? r.get(name) != null : r.get(name) == null || compare(r.get(name), value) != 0;
      case "<" -> r -> r.get(name) != null && compare(r.get(name), value) < 0;
      case "<=" -> r -> r.get(name) != null && compare(r.get(name), value) <= 0;
      case ">" -> r -> r.get(name) != null && compare(r.get(name), value) > 0;
      case ">=" -> r -> r.get(name) != null && compare(r.get(name), value) >= 0;
      default -> throw malformed("unexpected token: '" + operator + "'");
    };
  }

  private static final DateTimeFormatter SOQL_DATETIME = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss").optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true)
      .optionalEnd().appendPattern("[XXX][XX][X]").toFormatter(Locale.ROOT);

  /** A literal of the field's type: SOQL wants datetimes unquoted, strings quoted, booleans bare. */
  private Object literal(SObjectField field) {
    String token = next();
    if (token.equalsIgnoreCase("null")) {
      return null;
    }
    if (token.startsWith("'")) {
      return token.substring(1, token.length() - 1);
    }
    try {
      return switch (field.type()) {
        case "boolean" -> {
          if (!token.equalsIgnoreCase("true") && !token.equalsIgnoreCase("false")) {
            throw malformed("value of filter criterion for field '" + field.name() + "' must be of type boolean and should not be enclosed in quotes");
          }
          yield Boolean.parseBoolean(token);
        }
        case "datetime" -> OffsetDateTime.parse(token, SOQL_DATETIME).toInstant();
        case "date" -> LocalDate.parse(token);
        case "int", "double", "currency", "percent" -> new BigDecimal(token);
        default -> throw malformed("value of filter criterion for field '" + field.name() + "' must be of type " + field.type()
            + " and should be enclosed in quotes");
      };
    } catch (DateTimeParseException | NumberFormatException e) {
      throw malformed("value of filter criterion for field '" + field.name() + "' must be of type " + field.type()
          + " and should not be enclosed in quotes");
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object left, Object right) {
    if (left instanceof Number a && right instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
    }
    if (left instanceof String a && right instanceof String b) {
      return a.compareToIgnoreCase(b); // ids and text compare case-insensitively in SOQL filters
    }
    if (left instanceof Comparable a && right != null && left.getClass() == right.getClass()) {
      return a.compareTo(right);
    }
    return String.valueOf(left).compareTo(String.valueOf(right));
  }

  private static int compareNullsFirst(Object left, Object right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : -1) : 1;
    }
    if (left instanceof String a && right instanceof String b) {
      return a.compareTo(b); // ORDER BY Id sorts by the id itself
    }
    return compare(left, right);
  }

  private SObjectField field(String name) {
    return object.field(name).orElseThrow(() -> SalesforceError.badRequest("INVALID_FIELD", "\n" + name + "\n^\nERROR at Row:1:Column:1\n"
        + "No such column '" + name + "' on entity '" + object.name() + "'. If you are attempting to use a custom field, be sure to"
        + " append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."));
  }

  // ---- tokens

  private static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
      } else if (ch == '\'') {
        StringBuilder literal = new StringBuilder("'");
        i++;
        while (i < text.length() && text.charAt(i) != '\'') {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          literal.append(text.charAt(i++));
        }
        if (i >= text.length()) {
          throw malformed("unterminated string literal");
        }
        i++;
        tokens.add(literal.append('\'').toString());
      } else if ("(),".indexOf(ch) >= 0) {
        tokens.add(String.valueOf(ch));
        i++;
      } else if ("=!<>".indexOf(ch) >= 0) {
        int start = i++;
        if (i < text.length() && (text.charAt(i) == '=' || (ch == '<' && text.charAt(i) == '>'))) {
          i++;
        }
        tokens.add(text.substring(start, i));
      } else if (Character.isDigit(ch) || ch == '-') {
        int start = i++;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || ".:+-".indexOf(text.charAt(i)) >= 0)) {
          i++;
        }
        tokens.add(text.substring(start, i));
      } else if (Character.isLetter(ch) || ch == '_') {
        int start = i++;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '.')) {
          i++;
        }
        tokens.add(text.substring(start, i));
      } else {
        throw malformed("unexpected character '" + ch + "'");
      }
    }
    return tokens;
  }

  private String next() {
    if (position >= tokens.size()) {
      throw malformed("unexpected end of query");
    }
    return tokens.get(position++);
  }

  private String identifier() {
    String token = next();
    if (!Character.isLetter(token.charAt(0)) && token.charAt(0) != '_') {
      throw malformed("unexpected token: '" + token + "'");
    }
    return token;
  }

  private boolean accept(String token) {
    if (position < tokens.size() && tokens.get(position).equals(token)) {
      position++;
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw malformed("expecting '" + token + "', found '" + (position < tokens.size() ? tokens.get(position) : "end of query") + "'");
    }
  }

  private boolean acceptKeyword(String keyword) {
    if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(keyword)) {
      position++;
      return true;
    }
    return false;
  }

  private void expectKeyword(String keyword) {
    if (!acceptKeyword(keyword)) {
      throw malformed("expecting " + keyword);
    }
  }

  private static SalesforceError malformed(String message) {
    return SalesforceError.badRequest("MALFORMED_QUERY", message);
  }
}
