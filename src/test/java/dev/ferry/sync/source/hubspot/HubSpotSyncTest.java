package dev.ferry.sync.source.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.sandbox.hubspot.HubSpotAccount;
import dev.ferry.sandbox.hubspot.HubSpotSandbox;
import dev.ferry.sync.engine.SyncEngine;
import dev.ferry.sync.engine.SyncListener;
import dev.ferry.sync.engine.TableLayout;
import dev.ferry.sync.engine.WebhookServer;
import dev.ferry.testing.TestPostgres;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HubSpot through the engine: typed columns and comments, signed webhooks applied at once, the search cap crossed. */
class HubSpotSyncTest {
  private static final String CLIENT_SECRET = "hubspot-app-client-secret";

  private static HubSpotSource source(HubSpotSandbox sandbox, HubSpotSignature signature) {
    return new HubSpotSource(new HubSpotConfig(sandbox.token(), URI.create(sandbox.baseUrl()), 1000, 1000, 4, Duration.ofMillis(5), HubSpotConfig.DEFAULT_BUDGET_SHARE),
        signature);
  }

  @Test
  void columnsAreTypedFromPropertyDefinitionsAndReferencesAreDeclaredAndANewPropertyBecomesAColumn() throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(2, 200);
    String url = TestPostgres.newDatabase("hubspot_types");
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).searchPerSecond(0).start()) {
      try (HubSpotSource source = source(sandbox, null)) {
        new SyncEngine(Database.of(url), source, TableLayout.ownSchema("hubspot"), SyncListener.SILENT).run(SyncEngine.Options.once());
      }
      assertThat(TestPostgres.column(url, "SELECT column_name || ' ' || udt_name FROM information_schema.columns"
          + " WHERE table_schema = 'hubspot' AND table_name = 'contact'")).contains(
          "id text", "ferry_loyalty_points numeric", "ferry_signup_day date", "ferry_last_seen_at timestamptz",
          "ferry_is_vip bool", "ferry_favorite_color text", "ferry_interests _text", "ferry_mobile text", "owner_id text",
          "lastmodifieddate timestamptz");
      assertThat(TestPostgres.column(url, "SELECT col_description('hubspot.contact'::regclass, attnum) FROM pg_attribute"
          + " WHERE attrelid = 'hubspot.contact'::regclass AND attname IN ('owner_id', 'ferry_favorite_color') ORDER BY attname"))
          .containsExactly("Favorite color\noptions: red, green, blue, amber", "Hubspot owner id\nferry:references=hubspot.owner.id");
      assertThat(TestPostgres.column(url, "SELECT col_description('hubspot.deal'::regclass, attnum) FROM pg_attribute"
          + " WHERE attrelid = 'hubspot.deal'::regclass AND attname IN ('stage_id', 'pipeline_id') ORDER BY attname"))
          .containsExactly("Pipeline\nferry:references=hubspot.pipeline.id", "Dealstage\nferry:references=hubspot.pipeline_stage.id");
      assertThat(TestPostgres.column(url, "SELECT column_name FROM information_schema.columns"
          + " WHERE table_schema = 'hubspot' AND table_name = 'company_contact' ORDER BY ordinal_position"))
          .startsWith("id", "company_id", "contact_id", "labels", "type_ids");
      HubSpotComparison.assertMatches(url, "hubspot", account);

      account.addProperty("contacts", new dev.ferry.vendor.hubspot.HubSpotModel.Property("ferry_shoe_size", "Shoe size", "number", "number", List.of()));
      String id = account.store("contacts").live().get(0).id();
      account.update("contacts", id, Map.of("ferry_shoe_size", "44.5"));
      try (HubSpotSource source = source(sandbox, null)) {
        new SyncEngine(Database.of(url), source, TableLayout.ownSchema("hubspot"), SyncListener.SILENT).run(SyncEngine.Options.once());
      }
      assertThat(TestPostgres.column(url, "SELECT ferry_shoe_size FROM hubspot.contact WHERE id = '" + id + "'")).containsExactly("44.5");

      // a join table synced before association tables had their unique index gets it by migration on the next sync
      String uniqueIndexes = "SELECT indexdef FROM pg_indexes WHERE schemaname = 'hubspot' AND tablename = 'company_contact'"
          + " AND indexdef LIKE 'CREATE UNIQUE INDEX%(company_id, contact_id)'";
      String indexName = TestPostgres.column(url, "SELECT indexname FROM pg_indexes WHERE schemaname = 'hubspot'"
          + " AND tablename = 'company_contact' AND indexdef LIKE 'CREATE UNIQUE INDEX%(company_id, contact_id)'").get(0);
      try (java.sql.Connection connection = Database.of(url).connect(); java.sql.Statement statement = connection.createStatement()) {
        statement.execute("DROP INDEX hubspot.\"" + indexName + "\"");
      }
      assertThat(TestPostgres.column(url, uniqueIndexes)).isEmpty();
      try (HubSpotSource source = source(sandbox, null)) {
        new SyncEngine(Database.of(url), source, TableLayout.ownSchema("hubspot"), SyncListener.SILENT).run(SyncEngine.Options.once());
      }
      assertThat(TestPostgres.column(url, uniqueIndexes)).hasSize(1);
      assertThat(TestPostgres.column(url, "SELECT statement FROM ferry.migrations WHERE statement LIKE"
          + " 'CREATE UNIQUE INDEX ON \"hubspot\".\"company_contact\"%'")).hasSize(2);
    }
  }

  /**
   * Every object type and association read at once from many threads: the shared limiter keeps each
   * rolling ten seconds, as the sandbox counts them, within the account's limit, so nothing meets a 429.
   */
  @Test
  void aBackfillOnManyThreadsStaysInsideTheRollingTenSecondLimit() throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(3, 60);
    String url = TestPostgres.newDatabase("hubspot_limit");
    int limit = 20;
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(limit).searchPerSecond(2).start();
        HubSpotSource source = new HubSpotSource(new HubSpotConfig(sandbox.token(), URI.create(sandbox.baseUrl()), limit / 10.0, 2, 4,
            Duration.ofMillis(5), HubSpotConfig.DEFAULT_BUDGET_SHARE), null)) {
      new SyncEngine(Database.of(url), source, TableLayout.ownSchema("hubspot"), SyncListener.SILENT)
          .run(new SyncEngine.Options(List.of(), 24, false, Duration.ofMillis(200), 500));
      assertThat(sandbox.requests()).isGreaterThan(3L * limit); // the run spans several windows
      assertThat(sandbox.rateLimited()).isZero();
      assertThat(sandbox.busiestTenSeconds()).isLessThanOrEqualTo(limit);
      HubSpotComparison.assertMatches(url, "hubspot", account);
    }
  }

  /**
   * Deliveries that arrive while the writer is busy are read with one batch read and committed in one
   * transaction, and each is answered 200 only after that commit. The first delivery's read is held by
   * the sandbox's gate until five more are queued: counts, not delays.
   */
  @Test
  void deliveriesArrivingTogetherAreReadWithOneBatchReadAndAnsweredAfterTheirCommit() throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(5, 100);
    String url = TestPostgres.newDatabase("hubspot_coalesce");
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).searchPerSecond(0).start();
        HubSpotSource source = source(sandbox, new HubSpotSignature(List.of(CLIENT_SECRET), Duration.ofMinutes(5), Clock.systemUTC()))) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("hubspot"), SyncListener.SILENT);
      engine.run(SyncEngine.Options.once());
      java.util.concurrent.atomic.AtomicInteger batchReads = new java.util.concurrent.atomic.AtomicInteger();
      dev.ferry.sandbox.RequestGate gate = sandbox.holdAfter(0, path -> path.equals("/crm/v3/objects/contacts/batch/read")
          && batchReads.incrementAndGet() > 0);
      List<String> ids = account.store("contacts").live().stream().limit(6).map(HubSpotAccount.CrmRecord::id).toList();
      try (WebhookServer server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/hubspot", SyncListener.SILENT)) {
        server.start();
        sandbox.webhooks().concurrency(10).register("http://127.0.0.1:" + server.port() + "/webhooks/hubspot", CLIENT_SECRET);
        account.update("contacts", ids.get(0), Map.of("firstname", "first"));
        assertThat(gate.awaitHeld(60_000)).isTrue();
        for (String id : ids.subList(1, 6)) {
          account.update("contacts", id, Map.of("firstname", "together"));
        }
        for (int waited = 0; server.queuedDeliveries() < 5 && waited < 60_000; waited += 5) {
          Thread.sleep(5); // until the five deliveries are verified and queued behind the held read
        }
        assertThat(server.queuedDeliveries()).isEqualTo(5);
        assertThat(sandbox.webhooks().deliveries()).isEmpty(); // nothing is answered before its commit
        gate.open();
        sandbox.webhooks().flush();
      }
      assertThat(sandbox.webhooks().deliveries()).hasSize(6).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
      assertThat(batchReads.get()).isEqualTo(2);
      assertThat(TestPostgres.column(url, "SELECT firstname FROM hubspot.contact WHERE id IN ('"
          + String.join("','", ids) + "') ORDER BY firstname")).containsExactly("first", "together", "together", "together",
          "together", "together");
    }
  }

  @Test
  void signedWebhookDeliveriesAreAppliedAtOnceWithoutPolling() throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(4, 300);
    String url = TestPostgres.newDatabase("hubspot_webhooks");
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).searchPerSecond(0).start();
        HubSpotSource source = source(sandbox, new HubSpotSignature(List.of("old-secret", CLIENT_SECRET), Duration.ofMinutes(5),
            Clock.systemUTC()))) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("hubspot"), SyncListener.SILENT);
      engine.run(SyncEngine.Options.once());
      try (WebhookServer server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/hubspot", SyncListener.SILENT)) {
        server.start();
        sandbox.webhooks().register("http://127.0.0.1:" + server.port() + "/webhooks/hubspot?portal=62515", CLIENT_SECRET);
        account.mutate(77, 120);
        sandbox.webhooks().flush();
        assertThat(sandbox.webhooks().deliveries()).hasSizeGreaterThan(100).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
        HubSpotComparison.assertMatches(url, "hubspot", account);

        sandbox.webhooks().register("http://127.0.0.1:" + server.port() + "/webhooks/hubspot", "a-forged-secret");
        account.update("contacts", account.store("contacts").live().get(0).id(), Map.of("firstname", "Mallory"));
        sandbox.webhooks().flush();
        assertThat(sandbox.webhooks().deliveries().get(sandbox.webhooks().deliveries().size() - 1).status()).isEqualTo(400);
        assertThat(TestPostgres.column(url, "SELECT count(*) FROM hubspot.contact WHERE firstname = 'Mallory'")).containsExactly("0");
      }
    }
  }

  @Test
  void anIncrementalSyncPastTheTenThousandResultSearchCapLosesNothing() throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(6, 10_250);
    String url = TestPostgres.newDatabase("hubspot_cap");
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).searchPerSecond(0).start();
        HubSpotSource source = source(sandbox, null)) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("hubspot"), SyncListener.SILENT);
      SyncEngine.Options contactsOnly = new SyncEngine.Options(List.of("contact"), 2, false, Duration.ofMillis(200), 500);
      engine.run(contactsOnly);
      // a bulk import: every contact modified in the same millisecond, more than one search query can return
      java.time.Instant bulk = account.touchMany("contacts", 10_250);
      String later = account.store("contacts").live().get(17).id();
      account.update("contacts", later, Map.of("firstname", "After the import"));
      engine.run(contactsOnly);
      assertThat(TestPostgres.column(url, "SELECT count(*) FROM hubspot.contact WHERE lastmodifieddate = '" + bulk + "'"))
          .containsExactly("10249");
      assertThat(TestPostgres.column(url, "SELECT firstname FROM hubspot.contact WHERE id = '" + later + "'"))
          .containsExactly("After the import");
    }
  }
}
