package dev.ferry.codegen.activerecord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.fixture.AssociationRows;
import dev.ferry.codegen.fixture.CatalogSnapshot;
import dev.ferry.codegen.fixture.EctoArFixture;
import dev.ferry.codegen.fixture.FixtureModels;
import dev.ferry.codegen.fixture.Outputs;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.Toolchains;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated models and migrations, run by Debian's real ActiveRecord 6.1 against real Postgres. */
class ActiveRecordToolchainTest {
  private static final Instant STAMP = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir Path out;

  @Test
  void everyAssociationJoinsIncludesAndTraversesToTheRowsSqlFinds() throws Exception {
    Path compat = Toolchains.ensure("activerecord");
    String url = EctoArFixture.database("ar_models", true);
    RelationModel model = EctoArFixture.model(url);
    NamedModel named = FixtureModels.name(model, "ruby");
    List<GeneratedFile> files = new ActiveRecordTarget(m -> named).generate(new GenerationRequest(model, Map.of(), STAMP));
    Outputs.write(out, files);

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("database", url);
    spec.put("models", out.resolve("app/models").toString());
    List<Map<String, Object>> models = new ArrayList<>();
    int associations = 0;
    for (NamedEntity entity : named.entities()) {
      QualifiedName table = entity.entity().name();
      Map<String, Object> expected = new LinkedHashMap<>();
      expected.put("class", (table.schema().equals("stripe") ? "StripeData::" : "DvdData::") + entity.typeName().value());
      expected.put("table_name", table.toString());
      expected.put("rows", AssociationRows.count(url, table));
      expected.put("key", AssociationRows.keyColumns(entity));
      List<Map<String, Object>> columns = new ArrayList<>();
      for (Column column : entity.entity().table().columns()) {
        columns.add(Map.of("name", column.name(), "sql_type", column.type().sql(), "null", column.nullable()));
      }
      expected.put("columns", columns);
      List<Map<String, Object>> expectedAssociations = new ArrayList<>();
      for (NamedAssociation association : entity.associations()) {
        NamedEntity target = named.entity(association.target()).orElseThrow();
        expectedAssociations.add(Map.of(
            "name", association.name().value(),
            "target_key", AssociationRows.keyColumns(target),
            "pairs", AssociationRows.pairs(url, named, entity, association)));
        associations++;
      }
      expected.put("associations", expectedAssociations);
      models.add(expected);
    }
    spec.put("models_expected", models);
    Path specFile = out.resolve("spec.json");
    new ObjectMapper().writeValue(specFile.toFile(), spec);

    Toolchains.Result result = Toolchains.run(compat, Duration.ofMinutes(2), Map.of(), "ruby", "check.rb", specFile.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("0 failures")
        .contains("ok traverse StripeData::Subscription#customer from sub_1")
        .contains("ok traverse StripeData::Customer#subscriptions from cus_A")
        .contains("ok DvdData::Film#actors joins")
        .contains("ok StripeData::PaymentMethod rows")
        .contains("ok StripeData::Record.read_only_rows = false switches read-only off");
    assertThat(result.output().lines().filter(l -> l.matches("ok .*#.* (joins|includes)"))).hasSize(2 * associations);
    assertThat(associations).isEqualTo(2 * EctoArFixture.REFERENCES.size() + 2 * EctoArFixture.JOINS.size());
  }

  @Test
  void railsMigrationAppliedByActiveRecordRecreatesTheSourceCatalog() {
    Path compat = Toolchains.ensure("activerecord");
    String source = EctoArFixture.database("ar_migration_source", false);
    RelationModel model = EctoArFixture.model(source);
    List<GeneratedFile> files = new ActiveRecordTarget(m -> FixtureModels.name(m, "ruby")).generate(new GenerationRequest(model, Map.of(), STAMP));
    Outputs.write(out, files);
    String target = dev.ferry.testing.TestPostgres.newDatabase("ar_migration_target");

    Toolchains.Result result = Toolchains.run(compat, Duration.ofMinutes(2), Map.of(), "ruby", "migrate.rb", target, out.resolve("db/migrate").toString(), "redo");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("version 20261125120001 after up, down, up");
    assertThat(CatalogSnapshot.describe(CatalogSnapshot.read(target, EctoArFixture.SCHEMAS)))
        .containsExactlyElementsOf(CatalogSnapshot.describe(model.catalog()));
    assertThat(Files.exists(out.resolve("db/migrate/20261125120000_create_dvd_tables.rb"))).isTrue();
  }
}
