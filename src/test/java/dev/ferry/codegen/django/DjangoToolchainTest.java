package dev.ferry.codegen.django;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.fixture.AssociationRows;
import dev.ferry.codegen.fixture.CatalogSnapshot;
import dev.ferry.codegen.fixture.Corpora;
import dev.ferry.codegen.fixture.DatabaseObjects;
import dev.ferry.codegen.fixture.Outputs;
import dev.ferry.naming.Languages;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.Naming;
import dev.ferry.naming.Unrepresentable;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.TestPostgres;
import dev.ferry.testing.Toolchains;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The generated Django models and test-only migrations, run by the real Django 5.2 (compat/python)
 * against real Postgres holding rows, on every schema of the test corpus, the demo's synced schema in
 * both forms and the hostile-name schemas: {@code django.setup()} and the system checks pass with
 * warnings as errors; every relation's select_related (forward) and prefetch_related (every direction)
 * return the pairs plain SQL finds; a relation Django cannot hold is absent only where the model says
 * why. The migration recreates the source's catalog on an empty database (migrate, back to zero,
 * migrate) and changes nothing on the synced one.
 */
// cases run two at a time (src/test/resources/junit-platform.properties): each has its own databases and folder
@Execution(ExecutionMode.CONCURRENT)
class DjangoToolchainTest {
  private static final Instant STAMP = Instant.parse("2026-11-25T12:00:00Z");
  static final List<Corpora.Corpus> CORPORA = Corpora.ALL;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path out;

  @ParameterizedTest(name = "{0}")
  @FieldSource("CORPORA")
  void everyRelationSelectsAndPrefetchesTheRowsSqlFinds(Corpora.Corpus corpus) throws IOException {
    String url = Corpora.database(corpus);
    RelationModel model = Corpora.model(url, corpus);
    NamedModel named = Naming.localize(model, Languages.DJANGO);
    List<GeneratedFile> files = new DjangoTarget(m -> named).generate(new GenerationRequest(model, Map.of(), STAMP));
    Outputs.write(out, files);
    String module = files.stream().filter(f -> f.path().endsWith("/apps.py")).findFirst().orElseThrow().path()
        .replace("/apps.py", "").replace('/', '.');

    List<Map<String, Object>> models = new ArrayList<>();
    int relations = 0;
    for (NamedEntity entity : named.entities()) {
      if (Unrepresentable.model(Languages.DJANGO, entity.entity().table()).isPresent()) {
        continue;
      }
      Map<String, Object> expected = new LinkedHashMap<>();
      expected.put("class", entity.typeName().value());
      expected.put("columns", entity.entity().table().columns().stream().map(c -> c.name()).toList());
      expected.put("rows", entity.entity().primaryKey().isEmpty() ? null : AssociationRows.count(url, entity.entity().name()));
      expected.put("key", AssociationRows.keyColumns(entity));
      List<Map<String, Object>> expectedRelations = new ArrayList<>();
      for (NamedAssociation association : entity.associations()) {
        expectedRelations.add(Map.of("name", association.name().value(), "pairs", AssociationRows.pairs(url, named, entity, association)));
        relations++;
      }
      expected.put("relations", expectedRelations);
      models.add(expected);
    }
    Path spec = out.resolve("spec.json");
    new ObjectMapper().writeValue(spec.toFile(), Map.of("database", url, "root", out.toString(), "module", module, "models", models));

    Toolchains.Result result = python("check_django.py", spec.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("ok check", "0 failures");
    List<String> absent = result.output().lines().filter(l -> l.startsWith("absent ")).map(l -> l.substring("absent ".length())).toList();
    for (String relation : absent) {
      assertThat(explained(named, relation, module)).as("%s is absent without a reason in its model", relation).isTrue();
    }
    long checked = result.output().lines().filter(l -> l.matches("ok \\S+\\.\\S+ prefetch_related")).count();
    assertThat(checked).isEqualTo(relations - absent.size());
    long selected = result.output().lines().filter(l -> l.matches("ok \\S+\\.\\S+ select_related")).count();
    System.out.println("django " + corpus + ": " + models.size() + " models, " + checked + " relations checked (" + absent.size()
        + " not expressible: " + absent + "; " + selected + " also by select_related), " + (named.entities().size() - models.size()) + " tables without a model");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CORPORA")
  void migrationRecreatesTheCatalogAndLeavesTheSyncedOneAlone(Corpora.Corpus corpus) {
    String source = Corpora.database(corpus);
    RelationModel model = Corpora.model(source, corpus);
    Outputs.write(out, new DjangoTarget().generate(new GenerationRequest(model, Map.of(), STAMP)));
    String target = TestPostgres.newDatabase("django_target");

    Toolchains.Result redo = python("migrate_django.py", target, out.toString(), "redo");

    assertThat(redo.exitCode()).as(redo.output()).isZero();
    assertThat(redo.output()).contains("after up, down, up");
    TestPostgres.execute(source, Corpora.DROP_VIEWS); // documented: tables only
    assertThat(CatalogSnapshot.describe(withoutDjango(CatalogSnapshot.read(target, corpus.schemas(), corpus.tablePrefix()))))
        .containsExactlyElementsOf(CatalogSnapshot.describe(CatalogSnapshot.read(source, corpus.schemas(), corpus.tablePrefix()))
            .stream().map(Corpora::asRecreated).toList());
    // back to zero undoes exactly what the migration did: only Django's own table was left
    String empty = TestPostgres.newDatabase("django_empty");
    assertThat(python("migrate_django.py", target, out.toString(), "down").exitCode()).isZero();
    TestPostgres.execute(target, "DROP TABLE public.django_migrations");
    assertThat(DatabaseObjects.list(target)).isEqualTo(DatabaseObjects.list(empty));

    // on the synced database it is a no-op, and so is going back to zero
    List<String> before = DatabaseObjects.list(source);
    Toolchains.Result synced = python("migrate_django.py", source, out.toString(), "redo");
    assertThat(synced.exitCode()).as(synced.output()).isZero();
    TestPostgres.execute(source, "DROP TABLE public.django_migrations");
    assertThat(DatabaseObjects.list(source)).isEqualTo(before);
  }

  /** An absent relation: its ForeignKey (or a join table's) is refused with a comment in the owner's model, or a table has no model. */
  private boolean explained(NamedModel named, String relation, String module) {
    String className = relation.substring(0, relation.indexOf('.'));
    String name = relation.substring(relation.indexOf('.') + 1);
    NamedEntity owner = named.entities().stream().filter(e -> e.typeName().value().equals(className)).findFirst().orElseThrow();
    NamedAssociation association = owner.associations().stream().filter(a -> a.name().value().equals(name)).findFirst().orElseThrow();
    List<Reference> references = association.kind() == NamedAssociation.Kind.MANY_TO_MANY
        ? List.of(association.through().left(), association.through().right()) : List.of(association.reference());
    for (Reference reference : references) {
      NamedEntity from = named.entity(reference.from()).orElseThrow();
      if (Set.of(reference.from(), reference.to()).stream().anyMatch(t -> Unrepresentable.model(Languages.DJANGO,
          named.entity(t).orElseThrow().entity().table()).isPresent())) {
        return true;
      }
      String belongsTo = from.associations().stream().filter(a -> a.kind() == NamedAssociation.Kind.BELONGS_TO && a.reference().from().equals(reference.from())
          && a.reference().columns().equals(reference.columns()) && a.reference().to().equals(reference.to()))
          .findFirst().orElseThrow().name().value();
      if (source(module, from).contains("# " + belongsTo + ": no ForeignKey, ")) {
        return true;
      }
    }
    return false;
  }

  private String source(String module, NamedEntity entity) {
    try (var files = Files.list(out.resolve(module.replace('.', '/')).resolve("models"))) {
      for (Path file : files.toList()) {
        String text = Files.readString(file);
        if (text.contains("class " + entity.typeName().value() + "(models.Model)")) {
          return text;
        }
      }
      return "";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Catalog withoutDjango(Catalog catalog) {
    Set<QualifiedName> django = Set.of(new QualifiedName("public", "django_migrations"), new QualifiedName("public", DjangoTarget.TEST_APP));
    return new Catalog(catalog.schemas(), catalog.tablePrefix(), catalog.tables().stream().filter(t -> !django.contains(t.name())).toList(),
        catalog.enumTypes());
  }

  private static Toolchains.Result python(String script, String... arguments) {
    Path compat = Toolchains.ensure("python");
    List<String> command = new ArrayList<>(List.of(compat.resolve("venv/bin/python").toString(), script));
    command.addAll(List.of(arguments));
    return Toolchains.run(compat, Map.of(), command);
  }
}
