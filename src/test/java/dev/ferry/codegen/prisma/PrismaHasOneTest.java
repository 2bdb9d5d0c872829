package dev.ferry.codegen.prisma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.codegen.GenerationRequest;
import dev.ferry.db.Database;
import dev.ferry.naming.NamedModel;
import dev.ferry.read.ReadRequest;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.Cli;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A has_one that sampled rows decide, on a column without a unique index: Prisma needs a one-to-one's
 * field unique, so the real Prisma toolchain must accept the schema and its client must include the
 * single row the SQL join finds.
 */
class PrismaHasOneTest {
  @Test
  void aHasOneFromSampledRowsPassesPrismaAndItsClientReachesTheRow() throws Exception {
    String url = TestPostgres.newDatabase("prisma_has_one");
    TestPostgres.execute(url, """
        CREATE SCHEMA app;
        CREATE TABLE app.jobs (id bigint PRIMARY KEY);
        CREATE TABLE app.deploys (id bigint PRIMARY KEY, job_id bigint);
        INSERT INTO app.jobs SELECT g FROM generate_series(1, 60) g;
        INSERT INTO app.deploys SELECT g, g FROM generate_series(1, 60) g;
        """);
    PrismaCheck check = new PrismaCheck(url);
    Path project = check.workDir("has-one");
    Cli.run("generate", "prisma", "--database-url", url, "--out", project.toString(), "--schema", "app", "--sample").expecting(0);

    String schema = Files.readString(project.resolve("prisma/schema/app.prisma"));
    assertThat(schema).containsPattern("jobId\\s+BigInt\\?\\s+@unique @map\\(\"job_id\"\\)").containsPattern("deploy\\s+Deploy\\?");
    check.validateAndGenerate(project);
    RelationModel model;
    try (Connection connection = Database.of(url).connect()) {
      model = ReadSide.load(connection, new ReadRequest(List.of("app"), "", true, Optional.empty()));
    }
    GenerationRequest request = new GenerationRequest(model, Map.of(), Instant.EPOCH);
    NamedModel named = PrismaNaming.localize(request);
    assertThat(check.checkEveryRelation(project, named, PrismaTarget.renderer(named, request))).isEqualTo(2);
  }
}
