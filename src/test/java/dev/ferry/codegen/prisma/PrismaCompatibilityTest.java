package dev.ferry.codegen.prisma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.pg.PgCatalogReader;
import dev.ferry.codegen.FileEmitter;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.db.Database;
import dev.ferry.naming.NamedModel;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generated Prisma schemas pass the real Prisma 7 CLI and every relation works through Prisma Client 7. */
class PrismaCompatibilityTest {
  static final String FIXTURE = """
      CREATE SCHEMA stripe;
      CREATE TYPE stripe.subscription_status AS ENUM ('active', 'past_due', 'canceled', '3d-secure');
      CREATE TABLE stripe.customer (id text PRIMARY KEY, email varchar(320), created timestamptz, metadata jsonb,
        balance bigint NOT NULL DEFAULT 0, default_source_id text, referred_by_id text);
      CREATE TABLE stripe.source (id text PRIMARY KEY, customer_id text, kind text);
      CREATE TABLE stripe.subscription (id text PRIMARY KEY, customer_id text NOT NULL, status stripe.subscription_status,
        items text[], amount numeric(12,2), ratio real, trial_end timestamp(0), started date, raw json, token uuid, blob bytea,
        duration interval, ip inet);
      CREATE INDEX subscription_customer_id_idx ON stripe.subscription (customer_id);
      CREATE TABLE stripe.line_item (subscription_id text, position int, quantity int, PRIMARY KEY (subscription_id, position));
      CREATE TABLE stripe.event_log (seq bigint, payload jsonb);
      CREATE TABLE stripe.balance_snapshot (customer_id text NOT NULL, taken date NOT NULL, amount bigint,
        CONSTRAINT balance_snapshot_customer_taken UNIQUE (customer_id, taken));
      INSERT INTO stripe.customer VALUES ('cus_A','a@example.com','2024-01-01 10:00:00+00','{"plan":"gold"}', 10, 'src_1', NULL),
                                         ('cus_B','b@example.com','2024-02-01 11:00:00+00','{}', 0, 'src_missing', 'cus_A');
      INSERT INTO stripe.source VALUES ('src_1','cus_A','card'), ('src_2','cus_A','bank'), ('src_3','cus_B','card');
      INSERT INTO stripe.subscription (id, customer_id, status, items) VALUES ('sub_1','cus_A','active','{si_1,si_2}'),
        ('sub_2','cus_A','canceled','{si_3}'), ('sub_3','cus_B','3d-secure','{}'), ('sub_4','cus_gone','active', NULL);
      INSERT INTO stripe.line_item VALUES ('sub_1', 1, 2), ('sub_1', 2, 1), ('sub_3', 1, 5);
      INSERT INTO stripe.balance_snapshot VALUES ('cus_A', '2024-01-01', 5);
      """;

  static final String[] REFERENCES = {
    "source.customer_id->customer",
    "customer.default_source_id->source",
    "customer.referred_by_id->customer",
    "subscription.customer_id->customer",
    "line_item.subscription_id->subscription",
    "balance_snapshot.customer_id->customer",
  };

  @Test
  void hand_named_fixture_passes_validate_generate_and_every_include() throws Exception {
    String url = TestPostgres.newDatabase("prisma_fixture");
    TestPostgres.execute(url, FIXTURE);
    Catalog catalog;
    try (Connection connection = Database.of(url).connect()) {
      catalog = new PgCatalogReader().read(connection, List.of("stripe"), "");
    }
    RelationModel model = HandNamedModels.model(catalog, REFERENCES);
    for (boolean databaseNames : new boolean[] {false, true}) {
      NamedModel named = HandNamedModels.prisma(model, databaseNames);
      GenerationRequest request = new GenerationRequest(model, Map.of(), Instant.parse("2000-01-01T00:00:00Z"));
      PrismaCheck check = new PrismaCheck(url);
      Path project = check.workDir("fixture-" + (databaseNames ? "database" : "idiomatic"));
      new FileEmitter(project, false).emit(PrismaTarget.files(named, request));
      check.validateAndGenerate(project);
      int relations = check.checkEveryRelation(project, named, PrismaTarget.renderer(named, request));
      assertThat(relations).isEqualTo(REFERENCES.length * 2);
    }
  }
}
