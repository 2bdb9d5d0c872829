package dev.ferry.codegen.sqlalchemy;

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
import dev.ferry.codegen.fixture.HasOneFixture;
import dev.ferry.codegen.fixture.Outputs;
import dev.ferry.codegen.fixture.PolymorphicFixture;
import dev.ferry.naming.Languages;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.NamedPolymorphic;
import dev.ferry.naming.NamedPolymorphicBack;
import dev.ferry.naming.Naming;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The generated SQLAlchemy models and Alembic revisions, run by the real SQLAlchemy 2 and Alembic
 * (compat/python) against real Postgres holding rows, on every schema of the test corpus, the demo's
 * synced schema in both forms and the hostile-name schemas: configure_mappers() passes, every
 * relationship's join and selectinload return the pairs plain SQL finds, and the revision applied by
 * Alembic (upgrade, downgrade, upgrade) to an empty database recreates the source's catalog as
 * Ferry's catalog reader ({@code ferry inspect}) sees it.
 */
// cases run two at a time (src/test/resources/junit-platform.properties): each has its own databases and folder
@Execution(ExecutionMode.CONCURRENT)
class SqlAlchemyToolchainTest {
  private static final Instant STAMP = Instant.parse("2026-11-25T12:00:00Z");
  static final List<Corpora.Corpus> CORPORA = Corpora.ALL;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path out;

  @ParameterizedTest(name = "{0}")
  @FieldSource("CORPORA")
  void everyRelationshipJoinsAndSelectinloadsTheRowsSqlFinds(Corpora.Corpus corpus) throws IOException {
    String url = Corpora.database(corpus);
    RelationModel model = Corpora.model(url, corpus);
    NamedModel named = Naming.localize(model, Languages.PYTHON);
    Checked checked = checkModels(url, model, named);
    System.out.println("sqlalchemy " + corpus + ": " + named.entities().size() + " models, " + checked.relationships() + " relationships checked, "
        + checked.polymorphic() + " of them a polymorphic pair's");
    if (corpus.name().equals("rails")) {
      // comments.commentable (Post, Photo), taggings.taggable (Post), taggings.tagger and active_storage_attachments.record (User), both ways
      assertThat(checked.polymorphic()).isEqualTo(10);
      assertThat(checked.output()).contains("ok Comment.commentable_post join", "ok Post.comments selectinload", "ok Photo.comments join");
    }
  }

  /** has_one on columns without a unique index (sampled rows, ferry.yaml): uselist=False reaches the one row SQL finds, or none. */
  @Test
  void aHasOneWithoutAUniqueIndexReachesTheRowSqlFinds() throws IOException {
    String url = HasOneFixture.database("sqlalchemy_has_one");
    RelationModel model = HasOneFixture.model(url, Files.createDirectories(out.resolve("config")));
    NamedModel named = Naming.localize(model, Languages.PYTHON);

    Checked checked = checkModels(url, model, named);

    // one row, not a list: the generated relationship says so, and SQLAlchemy returns an instance or None
    assertThat(checked.files().stream().flatMap(f -> f.content().lines()).map(String::strip))
        .anyMatch(l -> l.startsWith("deploy: Mapped[Optional[") && l.contains("uselist=False"))
        .anyMatch(l -> l.startsWith("contact: Mapped[Optional[") && l.contains("uselist=False"));
    assertThat(checked.output()).contains("ok Job.deploy join", "ok Job.deploy selectinload", "ok Lead.contact join", "ok Lead.contact selectinload");
  }

  /**
   * Polymorphic pairs with text keys, a namespaced type value, a target that is the owner's own table
   * (remote() on the self-join), two targets sharing an id and a type value naming no table: each
   * per-target relationship and each target's back holds the rows SQL finds, both ways.
   */
  @Test
  void polymorphicRelationshipsFollowTheTypeColumnWithTextKeysANamespacedTypeAndASelfReference() throws IOException {
    String url = PolymorphicFixture.database("sqlalchemy_polymorphic");
    RelationModel model = PolymorphicFixture.model(url);
    NamedModel named = Naming.localize(model, Languages.PYTHON);

    Checked checked = checkModels(url, model, named);

    // notes.subject: Post, Admin::Photo and Note, each way; notes.about: Post (Ghost names no table), each way
    assertThat(checked.polymorphic()).isEqualTo(8);
    assertThat(checked.output()).contains("ok Note.subject_note join", "ok Note.subject_note selectinload", "ok Photo.notes join",
        "ok Note.about_post selectinload");
  }

  /** @param polymorphic how many of the relationships are a polymorphic pair's (both directions) */
  private record Checked(List<GeneratedFile> files, int relationships, int polymorphic, String output) {}

  private Checked checkModels(String url, RelationModel model, NamedModel named) throws IOException {
    List<GeneratedFile> files = new SqlAlchemyTarget(m -> named).generate(new GenerationRequest(model, Map.of(), STAMP));
    Outputs.write(out, files);
    String packageName = files.stream().filter(f -> f.path().endsWith("/__init__.py")).findFirst().orElseThrow().path()
        .replace("/__init__.py", "").replace('/', '.');

    List<Map<String, Object>> models = new ArrayList<>();
    int relationships = 0;
    int polymorphic = 0;
    for (NamedEntity entity : named.entities()) {
      Map<String, Object> expected = new LinkedHashMap<>();
      expected.put("class", entity.typeName().value());
      expected.put("columns", entity.entity().table().columns().stream().map(c -> c.name()).toList());
      expected.put("rows", entity.entity().primaryKey().isEmpty() ? null : AssociationRows.count(url, entity.entity().name()));
      expected.put("key", attributes(entity, AssociationRows.keyColumns(entity)));
      List<Map<String, Object>> expectedRelationships = new ArrayList<>();
      for (NamedAssociation association : entity.associations()) {
        NamedEntity target = named.entity(association.kind() == NamedAssociation.Kind.MANY_TO_MANY
            ? other(association) : association.target()).orElseThrow();
        expectedRelationships.add(Map.of(
            "name", association.name().value(),
            "target_key", attributes(target, AssociationRows.keyColumns(target)),
            "pairs", AssociationRows.pairs(url, named, entity, association)));
        relationships++;
      }
      // a type-column polymorphic pair: the owner's relationship per target and each target's back to the owner
      for (NamedPolymorphic pair : entity.polymorphics()) {
        for (NamedPolymorphic.Forward forward : pair.forwards()) {
          NamedEntity target = named.entity(forward.target().table()).orElseThrow();
          expectedRelationships.add(Map.of(
              "name", forward.name().value(),
              "target_key", attributes(target, AssociationRows.keyColumns(target)),
              "pairs", AssociationRows.polymorphicBackPairs(url, named, pair.polymorphic(), forward.target()).stream()
                  .map(p -> List.of(p.get(1), p.get(0))).toList()));
          relationships++;
          polymorphic++;
        }
      }
      for (NamedPolymorphicBack back : entity.polymorphicBacks()) {
        if (back.pair().forward(back.target()).isPresent()) {
          NamedEntity owner = named.entity(back.pair().polymorphic().table()).orElseThrow();
          expectedRelationships.add(Map.of(
              "name", back.name().value(),
              "target_key", attributes(owner, AssociationRows.keyColumns(owner)),
              "pairs", AssociationRows.polymorphicBackPairs(url, named, back.pair().polymorphic(), back.target())));
          relationships++;
          polymorphic++;
        }
      }
      expected.put("relationships", expectedRelationships);
      models.add(expected);
    }
    Path spec = out.resolve("spec.json");
    new ObjectMapper().writeValue(spec.toFile(), Map.of("database", url, "root", out.toString(), "package", packageName, "models", models));

    Toolchains.Result result = python("check_sqlalchemy.py", spec.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("ok configure_mappers", "0 failures");
    assertThat(result.output().lines().filter(l -> l.matches("ok \\S+\\.\\S+ (join|selectinload)"))).hasSize(2 * relationships);
    return new Checked(files, relationships, polymorphic, result.output());
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CORPORA")
  void alembicRevisionRecreatesTheCatalog(Corpora.Corpus corpus) {
    String source = Corpora.database(corpus);
    RelationModel model = Corpora.model(source, corpus);
    Outputs.write(out, new SqlAlchemyTarget().generate(new GenerationRequest(model, Map.of(), STAMP)));
    String target = TestPostgres.newDatabase("alembic_target");

    Toolchains.Result redo = python("migrate_alembic.py", target, out.resolve(SqlAlchemyTarget.MIGRATIONS).toString(), "redo");

    assertThat(redo.exitCode()).as(redo.output()).isZero();
    assertThat(redo.output()).contains("after up, down, up");
    TestPostgres.execute(source, Corpora.DROP_VIEWS); // documented: tables only
    assertThat(CatalogSnapshot.describe(withoutAlembic(CatalogSnapshot.read(target, corpus.schemas(), corpus.tablePrefix()))))
        .containsExactlyElementsOf(CatalogSnapshot.describe(CatalogSnapshot.read(source, corpus.schemas(), corpus.tablePrefix()))
            .stream().map(Corpora::asRecreated).toList());
    // downgrade undoes exactly what upgrade did: only Alembic's own version table is left
    String empty = TestPostgres.newDatabase("alembic_empty");
    TestPostgres.execute(empty, "CREATE TABLE public.alembic_version (version_num varchar(32) NOT NULL, "
        + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
    assertThat(python("migrate_alembic.py", target, out.resolve(SqlAlchemyTarget.MIGRATIONS).toString(), "down").exitCode()).isZero();
    assertThat(DatabaseObjects.list(target)).isEqualTo(DatabaseObjects.list(empty));
    assertThat(python("migrate_alembic.py", target, out.resolve(SqlAlchemyTarget.MIGRATIONS).toString(), "up").exitCode()).isZero();
    TestPostgres.execute(target, "DROP TABLE public.alembic_version");
    assertThat(Corpora.inspectJson(target, corpus)).isEqualTo(Corpora.asRecreated(Corpora.inspectJson(source, corpus)));
  }

  private static Catalog withoutAlembic(Catalog catalog) {
    QualifiedName version = new QualifiedName("public", "alembic_version");
    return new Catalog(catalog.schemas(), catalog.tablePrefix(), catalog.tables().stream().filter(t -> !t.name().equals(version)).toList(),
        catalog.enumTypes());
  }

  private static QualifiedName other(NamedAssociation association) {
    var through = association.through();
    return (association.reference().equals(through.left()) ? through.right() : through.left()).to();
  }

  private static List<String> attributes(NamedEntity entity, List<String> columns) {
    return columns.stream().map(c -> entity.attribute(c).orElseThrow().name().value()).toList();
  }

  private static Toolchains.Result python(String script, String... arguments) {
    Path compat = Toolchains.ensure("python");
    List<String> command = new ArrayList<>(List.of(compat.resolve("venv/bin/python").toString(), script));
    command.addAll(List.of(arguments));
    return Toolchains.run(compat, Map.of(), command);
  }
}
