package dev.ferry.naming;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The languages Ferry names things in. Each has its casing, its reserved words (resource files under
 * {@code dev/ferry/naming/reserved/}, sources cited at their top) and its identifier syntax.
 * Identifiers Ferry produces are ASCII in every language, even where the language allows more,
 * so generated files work with every tool and keyboard.
 */
public final class Languages {
  private static final Map<String, ReservedWords> RESERVED = new ConcurrentHashMap<>();

  /** Prisma schema: models PascalCase, fields camelCase. */
  public static final Language PRISMA = language("prisma", Casing.PASCAL, Casing.CAMEL);
  /** ActiveRecord: classes PascalCase, attributes and associations snake_case. */
  public static final Language RUBY = language("ruby", Casing.PASCAL, Casing.SNAKE);
  /** Ecto: modules PascalCase, fields and associations snake_case. */
  public static final Language ELIXIR = language("elixir", Casing.PASCAL, Casing.SNAKE);
  public static final Language TYPESCRIPT = language("typescript", Casing.PASCAL, Casing.CAMEL);
  public static final Language JAVA = language("java", Casing.PASCAL, Casing.CAMEL);
  public static final Language PYTHON = language("python", Casing.PASCAL, Casing.SNAKE);
  /**
   * Django models: Python's casing and keywords plus what Django's model checks refuse (a name
   * ending with {@code _} or holding {@code __}, {@code pk}, {@code objects}) and the names a model
   * class holds ({@code save}, {@code Meta}...); see reserved/django.txt.
   */
  public static final Language DJANGO = language("django", Casing.PASCAL, Casing.SNAKE);
  /** SQL: database names kept, quoted where Postgres needs it ({@code "select"}, {@code "Customer"}). */
  public static final Language SQL = language("sql", Casing.KEEP, Casing.KEEP);

  private Languages() {}

  public static List<Language> all() {
    return List.of(PRISMA, RUBY, ELIXIR, TYPESCRIPT, JAVA, PYTHON, DJANGO, SQL);
  }

  /** The language with {@code id} ("prisma", "ruby", ...). */
  public static Language byId(String id) {
    return all().stream()
        .filter(l -> l.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown language " + id));
  }

  /** The same language keeping database names where they are valid identifiers (Prisma's {@code --naming database}). */
  public static Language databaseNaming(Language language) {
    return new Language(language.id(), Casing.KEEP, Casing.KEEP, language.reserved());
  }

  private static Language language(String id, Casing typeCase, Casing memberCase) {
    return new Language(id, typeCase, memberCase, reservedWords(id).union());
  }

  static ReservedWords reservedWords(String id) {
    return RESERVED.computeIfAbsent(id, k -> ReservedWords.load(k, k.equals("sql")));
  }

  /**
   * A language's identifier syntax: what a type name and a member name may look like. Each is a
   * first-character class and a class for the rest, in the notation {@code A} upper-case ASCII
   * letters, {@code a} lower-case, {@code 0} digits, and {@code _} or {@code $} as themselves;
   * checked by hand, since every name of a 2,000-table model passes through here.
   */
  enum Syntax {
    PRISMA("Aa", "Aa0_", "Aa", "Aa0_", false), // [A-Za-z][A-Za-z0-9_]*
    RUBY("A", "Aa0_", "a_", "Aa0_", false), // [A-Z][A-Za-z0-9_]*, [a-z_][A-Za-z0-9_]*
    ELIXIR("A", "Aa0_", "a_", "Aa0_", false),
    TYPESCRIPT("Aa_$", "Aa0_$", "Aa_$", "Aa0_$", false), // [A-Za-z_$][A-Za-z0-9_$]*
    JAVA("Aa_$", "Aa0_$", "Aa_$", "Aa0_$", false),
    PYTHON("Aa_", "Aa0_", "Aa_", "Aa0_", false), // [A-Za-z_][A-Za-z0-9_]*
    /** Django model and field names: no leading or trailing {@code _}, no {@code __} (models.E023/E024, fields.E001/E002). */
    DJANGO("Aa", "Aa0_", "Aa", "Aa0_", true), // [A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*
    /** Unquoted Postgres identifiers; anything else is quoted. */
    SQL("a_", "a0_$", "a_", "a0_$", false), // [a-z_][a-z0-9_$]*
    OTHER("Aa", "Aa0_", "Aa", "Aa0_", false);

    private final String typeFirst;
    private final String typeRest;
    private final String memberFirst;
    private final String memberRest;
    /** {@code _} only between two letters or digits. */
    private final boolean underscoreSeparates;

    Syntax(String typeFirst, String typeRest, String memberFirst, String memberRest, boolean underscoreSeparates) {
      this.typeFirst = typeFirst;
      this.typeRest = typeRest;
      this.memberFirst = memberFirst;
      this.memberRest = memberRest;
      this.underscoreSeparates = underscoreSeparates;
    }

    boolean valid(String identifier, boolean isType) {
      if (identifier.isEmpty() || !in(identifier.charAt(0), isType ? typeFirst : memberFirst)) {
        return false;
      }
      String rest = isType ? typeRest : memberRest;
      for (int i = 1; i < identifier.length(); i++) {
        char c = identifier.charAt(i);
        if (!in(c, rest)) {
          return false;
        }
        if (underscoreSeparates && c == '_' && (i == identifier.length() - 1 || identifier.charAt(i + 1) == '_')) {
          return false;
        }
      }
      return true;
    }

    private static boolean in(char c, String classes) {
      for (int i = 0; i < classes.length(); i++) {
        char k = classes.charAt(i);
        boolean match = switch (k) {
          case 'A' -> c >= 'A' && c <= 'Z';
          case 'a' -> c >= 'a' && c <= 'z';
          case '0' -> c >= '0' && c <= '9';
          default -> c == k;
        };
        if (match) {
          return true;
        }
      }
      return false;
    }

    static Syntax of(Language language) {
      for (Syntax syntax : values()) {
        if (syntax.name().equalsIgnoreCase(language.id())) {
          return syntax;
        }
      }
      return OTHER;
    }
  }
}
