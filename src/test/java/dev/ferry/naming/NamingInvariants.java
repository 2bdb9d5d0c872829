package dev.ferry.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What every named model must satisfy in every language: identifiers valid (the regexes below,
 * written from each language's grammar, not taken from Ferry), not reserved (words each language
 * is known to refuse), and unique in their scope; labels unique per pair of entities.
 */
final class NamingInvariants {
  private NamingInvariants() {}

  /** Identifier syntax per language, as its grammar defines it (ASCII subset). */
  record Rules(Language language, Pattern type, Pattern member, Set<String> forbiddenTypes, Set<String> forbiddenMembers) {}

  private static final Pattern SQL_PART = Pattern.compile("([a-z_][a-z0-9_$]*|\"([^\"]|\"\")+\")");

  /** Every language, each also with database naming. */
  static Stream<Arguments> languages() {
    Pattern prisma = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    Pattern constant = Pattern.compile("[A-Z][A-Za-z0-9_]*");
    Pattern lowerStart = Pattern.compile("[a-z_][A-Za-z0-9_]*");
    Pattern jsJava = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    Pattern python = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // Django refuses a leading or trailing _ and __ (models.E023/E024, fields.E001/E002)
    Pattern django = Pattern.compile("[A-Za-z](_?[A-Za-z0-9])*");
    Set<String> js = Set.of("class", "function", "import", "do", "yield", "public", "delete", "new", "this", "super");
    return Stream.of(
        new Rules(Languages.PRISMA, prisma, prisma, union(js, Set.of("PrismaClient", "Prisma", "String")), Set.of("AND", "OR", "NOT")),
        new Rules(Languages.RUBY, constant, lowerStart, Set.of("Base", "String", "Class", "Object"),
            Set.of("class", "end", "def", "do", "when", "self", "nil", "yield", "save", "object_id", "errors", "hash", "send")),
        new Rules(Languages.ELIXIR, constant, lowerStart, Set.of("Schema"), Set.of("end", "do", "when", "nil", "fn", "__meta__")),
        new Rules(Languages.TYPESCRIPT, jsJava, jsJava, Set.of("String", "Object"), union(js, Set.of("constructor"))),
        new Rules(Languages.JAVA, jsJava, jsJava, Set.of("String", "Object", "Class"),
            Set.of("class", "import", "do", "public", "_", "yield", "new", "this", "super")),
        new Rules(Languages.PYTHON, python, python, Set.of("Base"), Set.of("def", "class", "import", "None", "yield", "metadata", "nil_", "is", "in")),
        new Rules(Languages.DJANGO, django, django, Set.of("None", "Class_"),
            Set.of("def", "class", "class_", "pk", "objects", "save", "delete", "Meta", "models", "nil_", "is", "in")),
        new Rules(Languages.SQL, Pattern.compile(SQL_PART + "\\." + SQL_PART), SQL_PART, Set.of(),
            Set.of("select", "end", "do", "when", "class_", "function_", "order", "user")))
        .flatMap(r -> r.language().typeCase() == Casing.KEEP
            ? Stream.of(r)
            : Stream.of(r, new Rules(Languages.databaseNaming(r.language()), r.type(), r.member(), r.forbiddenTypes(), r.forbiddenMembers())))
        .distinct()
        .map(r -> Arguments.of(r.language().id() + " " + r.language().typeCase(), r));
  }

  /** Names {@code model} in the rules' language and checks every identifier against the rules. */
  static NamedModel check(RelationModel model, Rules rules) {
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
        // the inverse is an association of the target whose own inverse is this one
        NamedEntity target = named.entity(association.target()).orElseThrow();
        assertThat(target.associations())
            .as("%s.%s has inverse %s.%s", entity.entity().name(), association.name(), association.target(), association.inverse())
            .anySatisfy(back -> {
              assertThat(back.name().value()).isEqualTo(association.inverse().value());
              assertThat(back.inverse().value()).isEqualTo(association.name().value());
              assertThat(back.target()).isEqualTo(entity.entity().name());
            });
      }
    }
    assertLabelsUniquePerPair(named);
    return named;
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
