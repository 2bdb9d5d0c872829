package dev.ferry.codegen.activerecord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.fixture.AssociationRows;
import dev.ferry.codegen.fixture.CatalogSnapshot;
import dev.ferry.codegen.fixture.Corpora;
import dev.ferry.codegen.fixture.DatabaseObjects;
import dev.ferry.codegen.fixture.EctoArFixture;
import dev.ferry.codegen.fixture.FixtureModels;
import dev.ferry.codegen.fixture.HasOneFixture;
import dev.ferry.codegen.fixture.Outputs;
import dev.ferry.naming.Languages;
import dev.ferry.naming.ModuleNames;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.Naming;
import dev.ferry.naming.Unrepresentable;
import dev.ferry.relations.Polymorphic;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The generated models and migrations, run by Debian's real ActiveRecord 6.1 against real Postgres
 * holding rows: every association joined, eager-loaded and traversed and compared with SQL, every
 * model's columns_hash compared with the catalog, and the Rails migration applied (up, down, up) by
 * ActiveRecord's migrator to an empty database whose catalog, and {@code ferry inspect --format json},
 * must then equal the source's.
 */
// cases run two at a time (src/test/resources/junit-platform.properties): each has its own databases and folder
@Execution(ExecutionMode.CONCURRENT)
class ActiveRecordToolchainTest {
  private static final Instant STAMP = Instant.parse("2026-11-25T12:00:00Z");
  static final List<Corpora.Corpus> CORPORA = Corpora.ALL;

  @TempDir Path out;

  @Test
  void everyAssociationJoinsIncludesAndTraversesToTheRowsSqlFinds() throws IOException {
    String url = EctoArFixture.database("ar_models", true);
    RelationModel model = EctoArFixture.model(url);
    NamedModel named = FixtureModels.name(model, "ruby");

    Toolchains.Result result = checkModels(url, model, named);

    assertThat(result.output())
        .contains("ok traverse StripeData::Subscription#customer from sub_1")
        .contains("ok traverse StripeData::Customer#subscriptions from cus_A")
        .contains("ok DvdData::Film#actors joins")
        .contains("ok StripeData::PaymentMethod rows")
        .contains("ok StripeData::Record.read_only_rows = false switches read-only off");
  }

  /** has_one on columns without a unique index (sampled rows, ferry.yaml): ActiveRecord reaches the one row SQL finds, or none. */
  @Test
  void aHasOneWithoutAUniqueIndexReachesTheRowSqlFinds() throws IOException {
    String url = HasOneFixture.database("ar_has_one");
    RelationModel model = HasOneFixture.model(url, Files.createDirectories(out.resolve("config")));
    NamedModel named = Naming.localize(model, Languages.RUBY);

    Toolchains.Result result = checkModels(url, model, named);

    assertThat(read(out.resolve("app/models/app_data/job.rb"))).contains("has_one :deploy,");
    assertThat(read(out.resolve("app/models/app_data/lead.rb"))).contains("has_one :contact,");
    assertThat(result.output()).contains("ok AppData::Job#deploy joins", "ok AppData::Job#deploy includes",
        "ok AppData::Lead#contact joins", "ok AppData::Lead#contact includes");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CORPORA")
  void modelsOfEveryCorpusSchemaLoadJoinAndIncludeLikeSql(Corpora.Corpus corpus) throws IOException {
    String url = Corpora.database(corpus);
    RelationModel model = Corpora.model(url, corpus);

    Toolchains.Result result = checkModels(url, model, Naming.localize(model, Languages.RUBY));

    assertThat(result.output()).contains("ok every model maps an expected table");
    if (corpus.name().equals("demo")) {
      // issue 9's links of the pinned Stripe version, joined and included like SQL by ActiveRecord
      for (String association : List.of("Invoice#subscription", "InvoiceLineItem#price", "PromotionCode#coupon", "Invoice#payments",
          "InvoicePayment#payment_intent", "Payout#original_payout")) {
        assertThat(result.output()).contains("ok StripeData::" + association + " joins", "ok StripeData::" + association + " includes");
      }
    }
    if (corpus.name().equals("rails")) {
      assertThat(result.output()).contains("ok PublicData::Comment#commentable includes", "ok PublicData::Tagging#taggable includes",
          "ok PublicData::Post#comments joins", "ok PublicData::Post#comments includes", "ok PublicData::Photo#comments joins",
          "ok PublicData::Post#taggings includes", "ok PublicData::User#active_storage_attachments joins");
    }
    try (var files = Files.walk(out.resolve("app/models"))) {
      // every corpus join table has its own model, so many-to-many goes through it
      assertThat(files.filter(Files::isRegularFile).map(ActiveRecordToolchainTest::read))
          .noneMatch(source -> source.contains("has_and_belongs_to_many"));
    }
  }

  /**
   * The schemas the HubSpot and Salesforce demos sync: their issues' relations joined, eager-loaded and
   * traversed by ActiveRecord against the rows SQL finds (many-to-many through the association tables).
   */
  @ParameterizedTest(name = "{0}")
  @FieldSource("dev.ferry.codegen.fixture.Corpora#SOURCES")
  void theSourceDemoSchemasRelationsWorkInActiveRecord(Corpora.Corpus corpus) throws IOException {
    String url = Corpora.database(corpus);
    RelationModel model = Corpora.model(url, corpus);

    NamedModel ruby = Naming.localize(model, Languages.RUBY);
    Toolchains.Result result = checkModels(url, model, ruby);

    assertThat(result.output()).contains("ok every model maps an expected table");
    List<String> expected = corpus.name().equals("hubspot-demo")
        ? List.of("HubspotData::Deal#companies", "HubspotData::Company#contacts", "HubspotData::Contact#owner", "HubspotData::Deal#stage")
        : List.of("SalesforceData::Opportunity#account", "SalesforceData::Account#opportunities", "SalesforceData::Contact#account",
            "SalesforceData::Account#owner", "SalesforceData::Order#account", "SalesforceData::Case#account",
            "SalesforceData::User#manager", "SalesforceData::Task#who_contact", "SalesforceData::Task#who_lead",
            "SalesforceData::Contact#tasks", "SalesforceData::Lead#tasks");
    for (String association : expected) {
      assertThat(result.output()).contains("ok " + association + " joins", "ok " + association + " includes");
    }
    if (corpus.name().equals("salesforce-demo")) {
      // Task.WhoId has no type column: one association per target, each reaching the rows SQL finds
      NamedEntity task = ruby.entity(new QualifiedName("salesforce", "task")).orElseThrow();
      for (String who : List.of("who_contact", "who_lead")) {
        NamedAssociation association = task.associations().stream().filter(a -> a.name().value().equals(who)).findFirst().orElseThrow();
        assertThat(AssociationRows.pairs(url, ruby, task, association)).as("rows task.%s reaches", who).isNotEmpty();
      }
    }
  }

  @Test
  void railsMigrationAppliedByActiveRecordRecreatesTheSourceCatalog() {
    String source = EctoArFixture.database("ar_migration_source", false);
    RelationModel model = EctoArFixture.model(source);

    String target = migrate(model, FixtureModels.name(model, "ruby"));

    assertThat(CatalogSnapshot.describe(CatalogSnapshot.read(target, EctoArFixture.SCHEMAS)))
        .containsExactlyElementsOf(CatalogSnapshot.describe(model.catalog()));
    assertThat(Files.exists(out.resolve("db/ferry_migrate/20261125120000_create_dvd_tables.rb"))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CORPORA")
  void railsMigrationOfEveryCorpusSchemaRecreatesItsCatalog(Corpora.Corpus corpus) {
    String source = Corpora.database(corpus);
    RelationModel model = Corpora.model(source, corpus);

    String target = migrate(model, Naming.localize(model, Languages.RUBY));

    TestPostgres.execute(source, Corpora.DROP_VIEWS); // documented: tables only
    assertThat(CatalogSnapshot.describe(withoutRailsBookkeeping(CatalogSnapshot.read(target, corpus.schemas(), corpus.tablePrefix()))))
        .containsExactlyElementsOf(CatalogSnapshot.describe(withoutRailsBookkeeping(CatalogSnapshot.read(source, corpus.schemas(), corpus.tablePrefix())))
            .stream().map(Corpora::asRecreated).toList());
    // down undoes exactly what up did: the database is left as the migrator alone leaves an empty one
    String bookkeepingOnly = TestPostgres.newDatabase("ar_bookkeeping_only");
    assertThat(runMigrations(bookkeepingOnly, "up", out.resolve("db/migrate").toString()).output()).contains("from 0 migrations");
    assertThat(runMigrations(target, "down").output()).contains("version 0 after down");
    assertThat(DatabaseObjects.list(target)).isEqualTo(DatabaseObjects.list(bookkeepingOnly));
    assertThat(runMigrations(target, "up").exitCode()).isZero();
    // and as ferry inspect sees it, once the migrator's own tables are out of both databases
    for (String url : List.of(source, target)) {
      TestPostgres.execute(url, "DROP TABLE IF EXISTS public.schema_migrations, public.ar_internal_metadata");
    }
    assertThat(Corpora.inspectJson(target, corpus)).isEqualTo(Corpora.asRecreated(Corpora.inspectJson(source, corpus)));
  }

  /** The migrator's own tables (schema_migrations, ar_internal_metadata) land in public: a documented difference. */
  private static Catalog withoutRailsBookkeeping(Catalog catalog) {
    return new Catalog(catalog.schemas(), catalog.tablePrefix(),
        catalog.tables().stream().filter(t -> !RAILS_TABLES.contains(t.name())).toList(), catalog.enumTypes());
  }

  private static final Set<QualifiedName> RAILS_TABLES =
      Set.of(new QualifiedName("public", "schema_migrations"), new QualifiedName("public", "ar_internal_metadata"));

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String migrate(RelationModel model, NamedModel named) {
    Outputs.write(out, new ActiveRecordTarget(m -> named).generate(new GenerationRequest(model, Map.of(), STAMP)));
    String target = TestPostgres.newDatabase("ar_migration_target");
    Toolchains.Result result = runMigrations(target, "redo");
    assertThat(result.output()).contains("after up, down, up");
    return target;
  }

  /**
   * The test database's migrator: {@code migrations_paths} lists the app's {@code db/migrate} and
   * Ferry's test-only folder, as docs/targets/activerecord.md configures it.
   */
  private Toolchains.Result runMigrations(String url, String steps) {
    return runMigrations(url, steps, out.resolve("db/migrate") + "," + out.resolve(ActiveRecordTarget.MIGRATIONS));
  }

  private static Toolchains.Result runMigrations(String url, String steps, String paths) {
    Path compat = Toolchains.ensure("activerecord");
    Toolchains.Result result = Toolchains.run(compat, Map.of(), "ruby", "migrate.rb", url, paths, steps);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result;
  }

  /**
   * On the database Ferry synced (the demo account, through the real sync engine), the development
   * migrator ({@code rails db:migrate}: {@code db/migrate} only) never runs Ferry's migration and
   * leaves every object as it was; and Ferry's migration, run there by mistake, stops at its first
   * statement ({@code CREATE SCHEMA}) and changes nothing either.
   */
  @Test
  void theDevelopmentMigratorNeverRunsFerrysMigrationOnTheSyncedDatabase() throws IOException {
    Corpora.Corpus demo = Corpora.FOUNDATION.stream().filter(c -> c.name().equals("demo")).findFirst().orElseThrow();
    String synced = Corpora.database(demo);
    RelationModel model = Corpora.model(synced, demo);
    Outputs.write(out, new ActiveRecordTarget().generate(new GenerationRequest(model, Map.of(), STAMP)));
    Files.createDirectories(out.resolve("db/migrate"));
    List<String> before = DatabaseObjects.list(synced);

    Toolchains.Result development = runMigrations(synced, "up", out.resolve("db/migrate").toString());

    assertThat(development.output()).contains("version 0 after up from 0 migrations");
    assertThat(withoutRailsBookkeeping(DatabaseObjects.list(synced))).isEqualTo(before);
    Path compat = Toolchains.ensure("activerecord");
    Toolchains.Result mistaken = Toolchains.run(compat, Map.of(), "ruby", "migrate.rb", synced,
        out.resolve(ActiveRecordTarget.MIGRATIONS).toString(), "up");
    assertThat(mistaken.exitCode()).isNotZero();
    assertThat(mistaken.output()).contains("schema \"stripe\" already exists");
    assertThat(withoutRailsBookkeeping(DatabaseObjects.list(synced))).isEqualTo(before);
  }

  // the migrator creates its own two tables in public on first use, wherever it runs
  private static List<String> withoutRailsBookkeeping(List<String> objects) {
    return objects.stream().filter(o -> !o.matches(".*\\b(public\\.)?(schema_migrations|ar_internal_metadata)(_pkey)?\\b.*")).toList();
  }

  private Toolchains.Result checkModels(String url, RelationModel model, NamedModel named) throws IOException {
    Path compat = Toolchains.ensure("activerecord");
    List<GeneratedFile> files = new ActiveRecordTarget(m -> named).generate(new GenerationRequest(model, Map.of(), STAMP));
    Outputs.write(out, files);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("database", url);
    spec.put("models", out.resolve("app/models").toString());
    List<Map<String, Object>> models = new ArrayList<>();
    int associations = 0;
    int polymorphics = 0;
    for (NamedEntity entity : named.entities()) {
      QualifiedName table = entity.entity().name();
      if (Unrepresentable.table(Languages.RUBY, table).isPresent()) {
        // no model, and the base class says why
        assertThat(read(out.resolve(files.stream().filter(f -> f.path().endsWith("/record.rb")).findFirst().orElseThrow().path())))
            .contains("# No model: " + table);
        continue;
      }
      Map<String, Object> expected = new LinkedHashMap<>();
      expected.put("table_name", RubySyntax.tableName(table.schema(), table.name()));
      expected.put("rows", AssociationRows.count(url, table));
      expected.put("key", AssociationRows.keyColumns(entity));
      List<Map<String, Object>> columns = new ArrayList<>();
      for (Column column : entity.entity().table().columns()) {
        columns.add(Map.of("name", column.name(), "sql_type", column.type().sql(), "null", column.nullable()));
      }
      expected.put("columns", columns);
      List<Map<String, Object>> expectedAssociations = new ArrayList<>();
      for (NamedAssociation association : entity.associations()) {
        if (Unrepresentable.table(Languages.RUBY, association.target()).isPresent()) {
          continue;
        }
        NamedEntity target = named.entity(association.target()).orElseThrow();
        expectedAssociations.add(Map.of(
            "name", association.name().value(),
            "target_key", AssociationRows.keyColumns(target),
            "pairs", AssociationRows.pairs(url, named, entity, association)));
        associations++;
      }
      String source = read(out.resolve(files.stream().filter(f -> f.path().endsWith("/" + ModuleNames.underscore(entity.typeName().value()) + ".rb"))
          .filter(f -> f.content().contains("from " + table + ". "))
          .findFirst().orElseThrow().path()));
      for (Polymorphic polymorphic : model.polymorphics()) {
        if (polymorphic.table().equals(table) && source.contains("belongs_to :" + polymorphic.name().words() + ", polymorphic: true")) {
          expectedAssociations.add(Map.of(
              "name", polymorphic.name().words(),
              "target_key", List.of(),
              "pairs", AssociationRows.polymorphicPairs(url, named, entity, polymorphic)));
          polymorphics++;
        }
        for (Polymorphic.Target target : polymorphic.targets()) {
          if (target.table().equals(table) && target.back() != null && source.contains("has_many :" + target.back().words() + ", as: :" + polymorphic.name().words() + ",")) {
            expectedAssociations.add(Map.of(
                "name", target.back().words(),
                "target_key", AssociationRows.keyColumns(named.entity(polymorphic.table()).orElseThrow()),
                "pairs", AssociationRows.polymorphicBackPairs(url, named, polymorphic, target)));
            associations++;
          }
        }
      }
      expected.put("associations", expectedAssociations);
      models.add(expected);
    }
    spec.put("models_expected", models);
    Path specFile = out.resolve("spec.json");
    new ObjectMapper().writeValue(specFile.toFile(), spec);

    Toolchains.Result result = Toolchains.run(compat, Map.of(), "ruby", "check.rb", specFile.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("0 failures");
    assertThat(result.output().lines().filter(l -> l.matches("ok .*#.* (joins|includes)"))).hasSize(2 * associations + polymorphics);
    return result;
  }
}
