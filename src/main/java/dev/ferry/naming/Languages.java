package dev.ferry.naming;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

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

  /** A language's identifier syntax: what a type name and a member name may look like. */
  enum Syntax {
    PRISMA("[A-Za-z][A-Za-z0-9_]*", "[A-Za-z][A-Za-z0-9_]*"),
    RUBY("[A-Z][A-Za-z0-9_]*", "[a-z_][A-Za-z0-9_]*"),
    ELIXIR("[A-Z][A-Za-z0-9_]*", "[a-z_][A-Za-z0-9_]*"),
    TYPESCRIPT("[A-Za-z_$][A-Za-z0-9_$]*", "[A-Za-z_$][A-Za-z0-9_$]*"),
    JAVA("[A-Za-z_$][A-Za-z0-9_$]*", "[A-Za-z_$][A-Za-z0-9_$]*"),
    PYTHON("[A-Za-z_][A-Za-z0-9_]*", "[A-Za-z_][A-Za-z0-9_]*"),
    /** Django model and field names: no leading or trailing {@code _}, no {@code __} (models.E023/E024, fields.E001/E002). */
    DJANGO("[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*", "[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*"),
    /** Unquoted Postgres identifiers; anything else is quoted. */
    SQL("[a-z_][a-z0-9_$]*", "[a-z_][a-z0-9_$]*"),
    OTHER("[A-Za-z][A-Za-z0-9_]*", "[A-Za-z][A-Za-z0-9_]*");

    private final Pattern type;
    private final Pattern member;

    Syntax(String type, String member) {
      this.type = Pattern.compile(type);
      this.member = Pattern.compile(member);
    }

    boolean valid(String identifier, boolean isType) {
      return (isType ? type : member).matcher(identifier).matches();
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
