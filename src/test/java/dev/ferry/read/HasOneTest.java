package dev.ferry.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.db.Database;
import dev.ferry.errors.FerryException;
import dev.ferry.inspect.JsonReport;
import dev.ferry.inspect.TextReport;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.inference.Cardinality;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * has_one without a unique index, decided by ferry.yaml or by sampled rows (at most one row per key
 * over at least {@link Cardinality#MIN_ROWS} rows), on real Postgres through the whole read side.
 */
class HasOneTest {
  // deploys: one per job (60 rows); builds: two per stage; releases: one per deploy, but only 10 rows
  private static final String SCHEMA = """
      CREATE SCHEMA app;
      CREATE TABLE app.jobs (id bigint PRIMARY KEY);
      CREATE TABLE app.stages (id bigint PRIMARY KEY);
      CREATE TABLE app.deploys (id bigint PRIMARY KEY, job_id bigint, stage_id bigint);
      CREATE TABLE app.releases (id bigint PRIMARY KEY, deploy_id bigint);
      CREATE TABLE app.accounts (id bigint PRIMARY KEY);
      CREATE TABLE app.profiles (id bigint PRIMARY KEY, account_id bigint UNIQUE);
      INSERT INTO app.jobs SELECT g FROM generate_series(1, 60) g;
      INSERT INTO app.stages SELECT g FROM generate_series(1, 30) g;
      INSERT INTO app.deploys SELECT g, g, (g + 1) / 2 FROM generate_series(1, 60) g;
      INSERT INTO app.releases SELECT g, g FROM generate_series(1, 10) g;
      """;
  private static String url;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    url = TestPostgres.newDatabase("has_one");
    TestPostgres.execute(url, SCHEMA);
  }

  private RelationModel read(boolean sample, String yaml) throws Exception {
    Path file = dir.resolve("ferry.yaml");
    Files.writeString(file, yaml);
    try (Connection connection = Database.of(url).connect()) {
      return ReadSide.load(connection, new ReadRequest(List.of("app"), "", sample, Optional.of(file)));
    }
  }

  private static Reference reference(RelationModel model, String table, String column) {
    return model.references().stream()
        .filter(r -> r.from().name().equals(table) && r.columns().equals(List.of(column))).findFirst().orElseThrow();
  }

  @Test
  void sampledRowsWithNoRepeatedKeyMakeAHasOneAndSayWhy() throws Exception {
    RelationModel model = read(true, "");

    Reference deploy = reference(model, "deploys", "job_id");
    assertThat(deploy.oneToOne()).isTrue();
    assertThat(deploy.back().words()).isEqualTo("deploy");
    assertThat(deploy.cardinality()).isEqualTo("no key repeats among 60 sampled rows (there is no unique index)");
    assertThat(deploy.back().reasons()).contains("one row: no key repeats among 60 sampled rows (there is no unique index)");
    assertThat(TextReport.render(model)).contains(
        "deploy ← app.deploys.job_id (evidence: name, one-to-one: no key repeats among 60 sampled rows (there is no unique index))");
    assertThat(JsonReport.render(model))
        .contains("\"reasons\" : [ \"one row: no key repeats among 60 sampled rows (there is no unique index)\" ]")
        .contains("\"cardinality\" : \"no key repeats among 60 sampled rows (there is no unique index)\"");
  }

  @Test
  void aRepeatedKeyOrTooFewRowsLeaveAHasMany() throws Exception {
    RelationModel model = read(true, "");

    assertThat(reference(model, "deploys", "stage_id").oneToOne()).isFalse();
    assertThat(reference(model, "deploys", "stage_id").back().words()).isEqualTo("deploys");
    // 10 rows, none repeated: too few to tell a has_one from a young has_many
    assertThat(reference(model, "releases", "deploy_id").oneToOne()).isFalse();
    assertThat(reference(model, "releases", "deploy_id").cardinality()).isEmpty();
  }

  @Test
  void withoutSamplingOnlyAUniqueIndexMakesAHasOne() throws Exception {
    RelationModel model = read(false, "");

    assertThat(reference(model, "deploys", "job_id").oneToOne()).isFalse();
    assertThat(reference(model, "deploys", "job_id").back().words()).isEqualTo("deploys");
    assertThat(reference(model, "profiles", "account_id").oneToOne()).isTrue();
    assertThat(reference(model, "profiles", "account_id").cardinality()).isEmpty();
  }

  @Test
  void ferryYamlDeclaresHasOneAndHasManyOverSampledRows() throws Exception {
    RelationModel model = read(true, """
        relationships:
          has_one:
            - app.releases.deploy_id
          has_many:
            - deploys.job_id
        """);

    Reference release = reference(model, "releases", "deploy_id");
    assertThat(release.oneToOne()).isTrue();
    assertThat(release.back().words()).isEqualTo("release");
    assertThat(release.cardinality()).isEqualTo("ferry.yaml line 3 declares has_one");
    Reference deploy = reference(model, "deploys", "job_id");
    assertThat(deploy.oneToOne()).isFalse();
    assertThat(deploy.back().words()).isEqualTo("deploys");
    assertThat(TextReport.render(model)).contains("deploys ← app.deploys.job_id (evidence: name, one-to-many: ferry.yaml line 5 declares has_many)");
  }

  @Test
  void aDeclarationThatCannotHoldIsOneLineNamingItsLine() {
    assertThatThrownBy(() -> read(false, """
        relationships:
          has_one:
            - app.jobs.id
        """)).isInstanceOf(FerryException.class)
        .hasMessage("ferry.yaml line 3: app.jobs.id is not a relationship, so it cannot be has_one");
    assertThatThrownBy(() -> read(false, """
        relationships:
          has_many:
            - app.profiles.account_id
        """)).isInstanceOf(FerryException.class)
        .hasMessage("ferry.yaml line 3: app.profiles.account_id has a unique index, so each key has one row; it cannot be has_many");
    assertThatThrownBy(() -> read(false, """
        relationships:
          has_one:
            - app.deploys.job_id
          has_many:
            - app.deploys.job_id
        """)).isInstanceOf(FerryException.class)
        .hasMessage("ferry.yaml line 5: app.deploys.job_id is already listed at line 3");
  }
}
