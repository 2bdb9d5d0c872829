package dev.ferry.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.read.ReadRequest;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  static Stream<Arguments> languages() {
    return NamingInvariants.languages();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("languages")
  void everyIdentifierIsValidUnreservedAndUniqueInItsScope(String label, NamingInvariants.Rules rules) {
    NamingInvariants.check(model, rules);
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
}
