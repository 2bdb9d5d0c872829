package dev.ferry.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.read.ReadRequest;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A schema of hostile names, read from real Postgres through the whole read side, then named in
 * every language: reserved words of SQL, Ruby, Elixir, JS, Java and Python as table and column
 * names, mixed case, spaces, quotes, unicode, 63-byte names, names that collide after singularising
 * and after casing. Every identifier must be unique in its scope, match the language's identifier
 * syntax (the regexes below, written from each language's grammar, not taken from Ferry) and avoid
 * the words that language reserves.
 */
class HostileIdentifiersTest {
  private static final String LONG_ASCII = "t" + "_long".repeat(12) + "ab"; // 63 bytes
  private static final String LONG_UNICODE = "é".repeat(31) + "x"; // 63 bytes in UTF-8
  private static final String LONG_COLUMN = "c" + "_wide".repeat(12) + "yz"; // 63 bytes

  private static final String SCHEMA_SQL = """
      CREATE SCHEMA hostile;
      SET search_path = hostile;
      CREATE TABLE "class" (id text PRIMARY KEY, "end" text, "def" text, "function" text, "import" text, "select" text,
        "do" text, "when" text, "self" text, "nil" text, "save" text, "object_id" text, "errors" text, "AND" text,
        "metadata" text, "constructor" text, "None" text, "__meta__" text, "type" text, "public" text, "_" text, "yield" text);
      CREATE TABLE "end" (id text PRIMARY KEY, class_id text REFERENCES "class", parent_id text REFERENCES "end", "def" text);
      CREATE TABLE "def" (id text PRIMARY KEY, end_id text REFERENCES "end", "Class" text, "CLASS" text);
      CREATE TABLE "Select" (id text PRIMARY KEY, "Customer Name" text, "customer name" text, "say ""hi""\" text, "顧客" text,
        "café" text, "cafe" text, "1st_place" text, "!!!" text, "foo_bar" text, "fooBar" text, "FOO_BAR" text, " " text);
      CREATE TABLE "select" (id text PRIMARY KEY);
      CREATE TABLE person (id text PRIMARY KEY, select_id text);
      CREATE TABLE people (id text PRIMARY KEY, person_id text REFERENCES person);
      CREATE TABLE status (id text PRIMARY KEY);
      CREATE TABLE statuses (id text PRIMARY KEY, status_id text REFERENCES status);
      CREATE TABLE "do" (id text PRIMARY KEY, "when" text, do_id text REFERENCES "do");
      CREATE TABLE "when" (id text PRIMARY KEY, do_id text REFERENCES "do", "do" text REFERENCES "do");
      CREATE TABLE self (id text PRIMARY KEY);
      CREATE TABLE nil (id text PRIMARY KEY, self_id text REFERENCES self);
      CREATE TABLE "function" (id text PRIMARY KEY, "import" text);
      CREATE TABLE "import" (id text PRIMARY KEY, function_id text REFERENCES "function");
      CREATE TABLE class_def (class_id text REFERENCES "class", def_id text REFERENCES "def", PRIMARY KEY (class_id, def_id));
      CREATE TABLE "PrismaClient" (id text PRIMARY KEY);
      CREATE TABLE "String" (id text PRIMARY KEY);
      CREATE TABLE "Schema" (id text PRIMARY KEY);
      CREATE TABLE "Base" (id text PRIMARY KEY);
      CREATE TABLE "顧客" (id text PRIMARY KEY, "名前" text);
      CREATE TABLE "%1$s" (id text PRIMARY KEY, "%3$s" text);
      CREATE TABLE "%2$s" (id text PRIMARY KEY, "%2$s" text);
      CREATE TABLE "user accounts" (id text PRIMARY KEY, "select" text);
      CREATE TABLE "UserAccounts" (id text PRIMARY KEY);
      CREATE TABLE user_accounts (id text PRIMARY KEY);
      CREATE TYPE "when status" AS ENUM ('do', 'end', 'Past Due', '1st');
      CREATE TYPE "Class" AS ENUM ('a', 'b');
      CREATE TABLE "order" (id text PRIMARY KEY, status "when status", kind "Class");
      CREATE TABLE "Order" (id text PRIMARY KEY);
      """.formatted(LONG_ASCII, LONG_UNICODE, LONG_COLUMN);

  private static RelationModel model;

  @BeforeAll
  static void readHostileSchema() throws Exception {
    String url = TestPostgres.newDatabase("hostile_names");
    TestPostgres.execute(url, SCHEMA_SQL);
    try (Connection connection = Database.of(url).connect()) {
      model = ReadSide.load(connection, ReadRequest.of("hostile"));
    }
  }

  /** Identifier syntax per language, as its grammar defines it (ASCII subset). */
  private record Rules(Language language, Pattern type, Pattern member, Set<String> forbiddenTypes, Set<String> forbiddenMembers) {}

  private static final Pattern SQL_PART = Pattern.compile("([a-z_][a-z0-9_$]*|\"([^\"]|\"\")+\")");

  static Stream<Arguments> languages() {
    Pattern prisma = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    Pattern constant = Pattern.compile("[A-Z][A-Za-z0-9_]*");
    Pattern lowerStart = Pattern.compile("[a-z_][A-Za-z0-9_]*");
    Pattern jsJava = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    Pattern python = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    Set<String> js = Set.of("class", "function", "import", "do", "yield", "public", "delete", "new", "this", "super");
    return Stream.of(
        new Rules(Languages.PRISMA, prisma, prisma, Set.of("PrismaClient", "Prisma", "String"), Set.of("AND", "OR", "NOT")),
        new Rules(Languages.databaseNaming(Languages.PRISMA), prisma, prisma, union(js, Set.of("PrismaClient", "String")), Set.of("AND", "OR", "NOT")),
        new Rules(Languages.RUBY, constant, lowerStart, Set.of("Base", "String", "Class", "Object"),
            Set.of("class", "end", "def", "do", "when", "self", "nil", "yield", "save", "object_id", "errors", "hash", "send")),
        new Rules(Languages.ELIXIR, constant, lowerStart, Set.of("Schema"), Set.of("end", "do", "when", "nil", "fn", "__meta__")),
        new Rules(Languages.TYPESCRIPT, jsJava, jsJava, Set.of("String", "Object"), union(js, Set.of("constructor"))),
        new Rules(Languages.JAVA, jsJava, jsJava, Set.of("String", "Object", "Class"),
            Set.of("class", "import", "do", "public", "_", "yield", "new", "this", "super")),
        new Rules(Languages.PYTHON, python, python, Set.of("Base"), Set.of("def", "class", "import", "None", "yield", "metadata", "nil_", "is", "in")),
        new Rules(Languages.SQL, Pattern.compile(SQL_PART + "\\." + SQL_PART), SQL_PART, Set.of(),
            Set.of("select", "end", "do", "when", "class_", "function_", "order", "user")))
        .map(r -> Arguments.of(r.language().id() + " " + r.language().typeCase(), r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("languages")
  void everyIdentifierIsValidUnreservedAndUniqueInItsScope(String label, Rules rules) {
    NamedModel named = Naming.localize(model, rules.language());
    assertThat(named.entities()).hasSize(model.entities().size());

    List<Identifier> types = new ArrayList<>();
    named.entities().forEach(e -> types.add(e.typeName()));
    named.enums().forEach(e -> types.add(e.name()));
    assertUnique("type names", types);
    for (Identifier type : types) {
      assertThat(type.value()).as("type name from %s", type.source()).matches(rules.type());
      assertThat(rules.forbiddenTypes()).as("reserved type name").doesNotContain(type.value());
    }
    if (rules.language() != Languages.SQL) {
      assertUnique("collection names", named.entities().stream().map(NamedEntity::collectionName).toList());
    }

    for (NamedEntity entity : named.entities()) {
      List<Identifier> members = new ArrayList<>();
      entity.attributes().forEach(a -> members.add(a.name()));
      entity.associations().forEach(a -> members.add(a.name()));
      assertUnique("members of " + entity.entity().name(), members);
      for (Identifier member : members) {
        assertThat(member.value()).as("member of %s from %s", entity.entity().name(), member.source()).matches(rules.member());
        assertThat(rules.forbiddenMembers()).as("reserved member name in %s", entity.entity().name()).doesNotContain(member.value());
        assertThat(member.source()).isNotNull();
      }
      for (NamedAssociation association : entity.associations()) {
        assertThat(association.inverse()).as("inverse of %s", association.name()).isNotNull();
        assertThat(association.label()).isNotNull();
      }
    }
    assertLabelsUniquePerPair(named);
  }

  @Test
  void databaseNamingRecordsAReasonForEveryColumnItCouldNotKeep() {
    NamedModel named = Naming.localize(model, Languages.databaseNaming(Languages.PRISMA));
    for (NamedEntity entity : named.entities()) {
      for (NamedAttribute attribute : entity.attributes()) {
        if (!attribute.name().value().equals(attribute.column())) {
          assertThat(attribute.name().reasons()).as("reasons for %s.%s", entity.entity().name(), attribute.column()).isNotEmpty();
        }
      }
    }
    NamedEntity select = named.entities().stream().filter(e -> e.entity().name().name().equals("Select")).findFirst().orElseThrow();
    assertThat(select.attribute("fooBar").orElseThrow().name().value()).isEqualTo("fooBar");
    assertThat(select.attribute("foo_bar").orElseThrow().name().value()).isEqualTo("foo_bar");
  }

  @Test
  void referencesBetweenReservedWordTablesGetEscapedNamesInRubyAndElixir() {
    Reference endToClass = model.references().stream()
        .filter(r -> r.from().name().equals("end") && r.columns().equals(List.of("class_id"))).findFirst().orElseThrow();
    assertThat(endToClass.forward().words()).isEqualTo("class");
    NamedModel ruby = Naming.localize(model, Languages.RUBY);
    NamedEntity end = ruby.entities().stream().filter(e -> e.entity().name().name().equals("end")).findFirst().orElseThrow();
    assertThat(end.typeName().value()).isEqualTo("End");
    assertThat(end.associations()).extracting(a -> a.name().value()).contains("class_", "parent", "children");
    NamedEntity when = ruby.entities().stream().filter(e -> e.entity().name().name().equals("when")).findFirst().orElseThrow();
    assertThat(when.attribute("do").orElseThrow().name().value()).isEqualTo("do_");
    assertThat(when.associations()).extracting(a -> a.name().value()).doesNotHaveDuplicates().contains("do_record");
  }

  @Test
  void theTableSpelledAsTheSingularKeepsTheNaturalNames() {
    NamedModel ruby = Naming.localize(model, Languages.RUBY);
    Map<String, NamedEntity> byTable = new HashMap<>();
    ruby.entities().forEach(e -> byTable.put(e.entity().name().name(), e));
    assertThat(byTable.get("person").typeName().value()).isEqualTo("Person");
    assertThat(byTable.get("person").collectionName().value()).isEqualTo("people");
    assertThat(byTable.get("people").typeName().value()).isEqualTo("People");
    assertThat(byTable.get("order").typeName().value()).isEqualTo("Order");
    assertThat(byTable.get("Order").typeName().value()).isEqualTo("Order2");
    assertThat(byTable.get("user_accounts").typeName().value()).isEqualTo("UserAccount");
    assertThat(byTable.get("class").typeName().value()).isEqualTo("Class_");
    assertThat(ruby.enums()).extracting(e -> e.name().value()).containsExactly("ClassEnum", "WhenStatus");
  }

  @Test
  void tablesThatSingulariseAlikeKeepDistinctNames() {
    Map<String, String> singular = new HashMap<>();
    model.entities().forEach(e -> singular.put(e.name().name(), e.singular().words()));
    assertThat(singular.get("person")).isNotEqualTo(singular.get("people"));
    assertThat(singular.get("status")).isNotEqualTo(singular.get("statuses"));
    assertThat(new HashSet<>(singular.values())).hasSize(singular.size());
  }

  private static void assertLabelsUniquePerPair(NamedModel named) {
    Map<Set<Object>, Map<String, Reference>> perPair = new HashMap<>();
    // a set of the two entities: a self reference is a pair of one
    for (NamedEntity entity : named.entities()) {
      for (NamedAssociation association : entity.associations()) {
        if (association.kind() == NamedAssociation.Kind.MANY_TO_MANY) {
          continue;
        }
        Reference reference = association.reference();
        Map<String, Reference> labels = perPair.computeIfAbsent(new HashSet<>(List.of(reference.from(), reference.to())), k -> new HashMap<>());
        Reference previous = labels.putIfAbsent(association.label().value(), reference);
        assertThat(previous == null || previous.equals(reference)).as("label %s used twice", association.label().value()).isTrue();
      }
    }
  }

  private static void assertUnique(String scope, List<Identifier> identifiers) {
    Set<String> seen = new HashSet<>();
    for (Identifier identifier : identifiers) {
      assertThat(seen.add(identifier.value())).as("%s: %s (from %s) appears twice", scope, identifier.value(), identifier.source()).isTrue();
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
