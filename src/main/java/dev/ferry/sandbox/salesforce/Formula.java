package dev.ferry.sandbox.salesforce;

import dev.ferry.vendor.salesforce.SObject;
import dev.ferry.vendor.salesforce.SObjectField;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subset of Salesforce's formula language the sandbox's formula fields use: field references,
 * relationship paths through lookups ({@code Account.Rating}, {@code Owner.Alias}), {@code TEXT()},
 * numbers, {@code + - * /} and parentheses. A formula is evaluated when its record is read, as
 * Salesforce does, so it follows the fields it reads (a parent's included) while the record's
 * {@code SystemModstamp} stays where it was. A blank operand makes the result blank.
 */
final class Formula {
  private static final Map<String, Node> PARSED = new ConcurrentHashMap<>();

  private Formula() {}

  /** Where a formula reads records: the org's record of {@code id}, its object told by the id's key prefix. */
  interface Records {
    SObject objectOf(String id);

    Map<String, Object> record(SObject object, String id);
  }

  /** The value of {@code field}'s formula for {@code record} of {@code object}, at the field's scale. */
  static Object value(SObject object, SObjectField field, Map<String, Object> record, Records records) {
    Object value = PARSED.computeIfAbsent(field.calculatedFormula(), Formula::parse).eval(object, record, records);
    if (value instanceof BigDecimal number) {
      return number.setScale(field.scale(), RoundingMode.HALF_UP);
    }
    return value == null || value.toString().isEmpty() ? null : value;
  }

  private interface Node {
    Object eval(SObject object, Map<String, Object> record, Records records);
  }

  private static Node parse(String formula) {
    Parser parser = new Parser(tokens(formula));
    Node node = parser.sum();
    if (parser.at < parser.tokens.size()) {
      throw new IllegalArgumentException("unsupported formula: " + formula);
    }
    return node;
  }

  private static List<String> tokens(String formula) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < formula.length()) {
      char c = formula.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
        int start = i;
        while (i < formula.length() && (Character.isLetterOrDigit(formula.charAt(i)) || formula.charAt(i) == '_' || formula.charAt(i) == '.')) {
          i++;
        }
        tokens.add(formula.substring(start, i));
      } else {
        tokens.add(String.valueOf(c));
        i++;
      }
    }
    return tokens;
  }

  private static final class Parser {
    final List<String> tokens;
    int at;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    Node sum() {
      Node left = product();
      while (at < tokens.size() && (tokens.get(at).equals("+") || tokens.get(at).equals("-"))) {
        left = arithmetic(tokens.get(at++).charAt(0), left, product());
      }
      return left;
    }

    Node product() {
      Node left = factor();
      while (at < tokens.size() && (tokens.get(at).equals("*") || tokens.get(at).equals("/"))) {
        left = arithmetic(tokens.get(at++).charAt(0), left, factor());
      }
      return left;
    }

    Node factor() {
      String token = tokens.get(at++);
      if (token.equals("(")) {
        Node inner = sum();
        expect(")");
        return inner;
      }
      if (token.equalsIgnoreCase("TEXT")) {
        expect("(");
        Node inner = sum();
        expect(")");
        return (object, record, records) -> {
          Object value = inner.eval(object, record, records);
          return value instanceof BigDecimal number ? number.toPlainString() : value == null ? null : value.toString();
        };
      }
      if (Character.isDigit(token.charAt(0))) {
        BigDecimal number = new BigDecimal(token);
        return (object, record, records) -> number;
      }
      String[] path = token.split("\\.");
      return (object, record, records) -> follow(object, record, path, records);
    }

    void expect(String token) {
      if (at >= tokens.size() || !tokens.get(at++).equals(token)) {
        throw new IllegalArgumentException("expected " + token + " in formula " + String.join(" ", tokens));
      }
    }
  }

  private static Node arithmetic(char operator, Node left, Node right) {
    return (object, record, records) -> {
      if (!(left.eval(object, record, records) instanceof BigDecimal a) || !(right.eval(object, record, records) instanceof BigDecimal b)) {
        return null;
      }
      return switch (operator) {
        case '+' -> a.add(b);
        case '-' -> a.subtract(b);
        case '*' -> a.multiply(b);
        default -> b.signum() == 0 ? null : a.divide(b, MathContext.DECIMAL64);
      };
    };
  }

  /** {@code Account.Rating}: through the lookup whose relationship is {@code Account} to the parent's {@code Rating}. */
  private static Object follow(SObject object, Map<String, Object> record, String[] path, Records records) {
    for (int i = 0; i < path.length - 1; i++) {
      String relationship = path[i];
      SObject from = object;
      SObjectField lookup = from.fields().stream().filter(f -> relationship.equalsIgnoreCase(f.relationshipName())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(from.name() + " has no relationship " + relationship));
      Object id = record.get(lookup.name());
      object = id == null ? null : records.objectOf(id.toString());
      record = object == null ? null : records.record(object, id.toString());
      if (record == null) {
        return null;
      }
    }
    SObject owner = object;
    SObjectField field = owner.field(path[path.length - 1])
        .orElseThrow(() -> new IllegalArgumentException(owner.name() + " has no field " + path[path.length - 1]));
    Object value = field.calculatedFormula() != null ? value(owner, field, record, records) : record.get(field.name());
    return value instanceof Integer n ? BigDecimal.valueOf(n) : value;
  }
}
