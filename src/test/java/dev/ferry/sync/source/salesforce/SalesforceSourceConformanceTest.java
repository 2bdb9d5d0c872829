package dev.ferry.sync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.db.Database;
import dev.ferry.sandbox.salesforce.SalesforceOrg;
import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.sync.engine.SyncEngine;
import dev.ferry.sync.engine.SyncListener;
import dev.ferry.sync.engine.TableLayout;
import dev.ferry.sync.source.SourceException;
import dev.ferry.testing.MovableClock;
import dev.ferry.testing.TestPostgres;
import dev.ferry.vendor.salesforce.SalesforceNames;
import dev.ferry.vendor.salesforce.SalesforceObjects;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The source conformance suite for Salesforce, against the sandbox and real Postgres: backfill through
 * REST and Bulk API 2.0, incremental with ties on the boundary stamp, deletes (recycle bin, purged,
 * merged), a run stopped at a chosen request and resumed, the daily limit used up, and tokens
 * expiring mid-sync. The org and the source share one clock a test moves, so nothing depends on time.
 */
class SalesforceSourceConformanceTest {
  private static final String CREDENTIALS = SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET;
  private final MovableClock clock = new MovableClock(Instant.parse("2026-02-01T12:00:00Z"));
  private SalesforceSandbox sandbox;
  private SalesforceOrg org;

  @BeforeEach
  void start() throws Exception {
    sandbox = SalesforceSandbox.generated(11, 40).batchSize(200).start();
    org = sandbox.org();
    org.clock(clock);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private SalesforceConfig config(long bulkThreshold) {
    return SalesforceConfig.of(CREDENTIALS, URI.create(sandbox.baseUrl()), 1000).withBulkThreshold(bulkThreshold)
        .withClock(clock, Duration.ofMillis(500)).withRetries(3, Duration.ofMillis(1));
  }

  private SyncEngine.Summary sync(String url, SalesforceConfig config) {
    try (SalesforceSource source = new SalesforceSource(config, List.of())) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("salesforce"), SyncListener.SILENT);
      return engine.run(new SyncEngine.Options(List.of(), 4, false, Duration.ofMillis(10), 500));
    }
  }

  private void tick(long seconds) {
    clock.advance(Duration.ofSeconds(seconds));
  }

  @Test
  void backfill_through_rest_and_bulk_gives_every_record_typed_with_declared_references() throws Exception {
    String url = TestPostgres.newDatabase("sf_backfill");
    sync(url, config(50)); // contacts, line items, tasks... above 50 records go through Bulk 2.0
    assertThat(sandbox.requests("bulkResults")).isPositive();
    assertThat(sandbox.requests("query")).isPositive();
    for (var object : SalesforceObjects.all()) {
      assertThat(count(url, "SELECT count(*) FROM salesforce." + quoted(SalesforceNames.table(object.name()))))
          .as(object.name()).isEqualTo(org.count(object.name()));
    }
    String account = org.read("Account", rows -> rows.iterator().next().get("Id").toString());
    Map<String, Object> truth = org.get("Account", account);
    assertThat(text(url, "SELECT name || '|' || annual_revenue || '|' || regions__c::text || '|' || (billing_address->>'city')"
        + " || '|' || billing_city || '|' || owner_id FROM salesforce.account WHERE id = '" + account + "'"))
        .isEqualTo(truth.get("Name") + "|" + truth.get("AnnualRevenue") + "|{" + truth.get("Regions__c").toString().replace(';', ',')
            + "}|" + truth.get("BillingCity") + "|" + truth.get("BillingCity") + "|" + truth.get("OwnerId"));
    assertThat(text(url, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'salesforce.opportunity'::regclass"
        + " AND attname = 'close_date'")).isEqualTo("date");
    assertThat(text(url, "SELECT col_description('salesforce.opportunity'::regclass, (SELECT attnum FROM pg_attribute"
        + " WHERE attrelid = 'salesforce.opportunity'::regclass AND attname = 'account_id'))")).contains("ferry:references=salesforce.account.id");
    assertThat(text(url, "SELECT col_description('salesforce.task'::regclass, (SELECT attnum FROM pg_attribute"
        + " WHERE attrelid = 'salesforce.task'::regclass AND attname = 'who_id'))"))
        .contains("ferry:polymorphic=003=salesforce.contact.id 00Q=salesforce.lead.id");
    assertThat(text(url, "SELECT col_description('salesforce.task'::regclass, (SELECT attnum FROM pg_attribute"
        + " WHERE attrelid = 'salesforce.task'::regclass AND attname = 'owner_id'))"))
        .isEqualTo("ferry:polymorphic=00G=salesforce.group.id 005=salesforce.user.id");
    assertThat(count(url, "SELECT count(*) FROM salesforce.task t JOIN salesforce.lead l ON l.id = t.who_id"))
        .isEqualTo(org.<Long>read("Task", rows -> rows.stream().filter(r -> r.get("WhoId").toString().startsWith("00Q")).count()));
  }

  @Test
  void incremental_applies_ties_on_the_boundary_stamp_deletes_purges_and_merges() throws Exception {
    String url = TestPostgres.newDatabase("sf_incremental");
    SalesforceConfig config = config(1_000_000);
    sync(url, config);
    List<String> contacts = org.read("Contact", rows -> rows.stream().limit(6).map(r -> r.get("Id").toString()).toList());
    tick(10);
    Instant stamp = clock.instant();
    for (int i = 0; i < 3; i++) {
      org.update("Contact", contacts.get(i), Map.of("Title", "First wave"), stamp);
    }
    tick(2);
    sync(url, config);
    assertThat(count(url, "SELECT count(*) FROM salesforce.contact WHERE title = 'First wave'")).isEqualTo(3);
    // committed later with the same stamp as the last applied one: a poll starting after that stamp would miss them
    for (int i = 3; i < 5; i++) {
      org.update("Contact", contacts.get(i), Map.of("Title", "Late commit"), stamp);
    }
    var summary = sync(url, config);
    assertThat(count(url, "SELECT count(*) FROM salesforce.contact WHERE title = 'Late commit'")).isEqualTo(2);
    assertThat(summary.changes()).as("the three applied at the boundary stamp are skipped").isEqualTo(2);

    tick(5);
    org.delete("Contact", contacts.get(0));
    List<String> accounts = org.read("Account", rows -> rows.stream().limit(2).map(r -> r.get("Id").toString()).toList());
    long loserContacts = org.read("Contact", rows -> rows.stream().filter(r -> accounts.get(1).equals(r.get("AccountId"))).count());
    org.merge("Account", accounts.get(0), accounts.get(1));
    tick(2);
    sync(url, config);
    assertThat(count(url, "SELECT count(*) FROM salesforce.contact WHERE id = '" + contacts.get(0) + "'")).isZero();
    assertThat(count(url, "SELECT count(*) FROM salesforce.account WHERE id = '" + accounts.get(1) + "'")).isZero();
    assertThat(count(url, "SELECT count(*) FROM salesforce.contact WHERE account_id = '" + accounts.get(1) + "'")).isZero();
    assertThat(count(url, "SELECT count(*) FROM salesforce.contact WHERE account_id = '" + accounts.get(0) + "'"))
        .isGreaterThanOrEqualTo(loserContacts);

    // deleted and emptied from the recycle bin before the next poll: only getDeleted still knows
    tick(60);
    org.delete("Contact", contacts.get(5));
    org.purge("Contact", contacts.get(5));
    tick(180);
    sync(url, config);
    assertThat(count(url, "SELECT count(*) FROM salesforce.contact WHERE id = '" + contacts.get(5) + "'")).isZero();
    assertThat(count(url, "SELECT count(*) FROM salesforce.contact")).isEqualTo(org.count("Contact"));
  }

  @Test
  void a_run_stopped_at_chosen_requests_resumes_without_losing_or_duplicating() throws Exception {
    String url = TestPostgres.newDatabase("sf_resume");
    SalesforceConfig config = config(150);
    int stops = 0;
    for (int failAfter : new int[] {7, 19, 31}) {
      long before = sandbox.apiUsage();
      sandbox.dailyLimit(before + failAfter); // the run's requests past this one are refused: it stops mid-backfill
      try {
        sync(url, config.withBudgetShare(1.0));
      } catch (SourceException e) {
        stops++;
      }
      sandbox.dailyLimit(1_000_000);
    }
    assertThat(stops).isEqualTo(3);
    sync(url, config);
    for (var object : SalesforceObjects.all()) {
      String table = "salesforce." + quoted(SalesforceNames.table(object.name()));
      assertThat(count(url, "SELECT count(*) FROM " + table)).as(object.name()).isEqualTo(org.count(object.name()));
      assertThat(count(url, "SELECT count(DISTINCT id) FROM " + table)).isEqualTo(org.count(object.name()));
    }
  }

  @Test
  void an_exhausted_daily_limit_stops_with_a_clear_message_and_the_budget_share_is_kept() throws Exception {
    String url = TestPostgres.newDatabase("sf_limit");
    sandbox.dailyLimit(sandbox.apiUsage() + 5);
    assertThatThrownBy(() -> sync(url, config(1_000_000).withBudgetShare(1.0)))
        .isInstanceOf(SourceException.class).hasMessageContaining("of its " + sandbox.apiUsage() + " daily API requests");
    sandbox.dailyLimit(1_000_000);
    sandbox.failNext(3, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    assertThatThrownBy(() -> sync(url, config(1_000_000)))
        .isInstanceOf(SourceException.class).hasMessageContaining("after 3 attempts: 403 REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.");
    sandbox.dailyLimit(1000);
    sandbox.resetUsage();
    assertThatThrownBy(() -> sync(url, config(1_000_000).withBudgetShare(0.01)))
        .isInstanceOf(SourceException.class).hasMessageContaining("1% share this sync may use");
    assertThat(sandbox.apiUsage()).isLessThanOrEqualTo(11);
    sandbox.dailyLimit(1_000_000);
    sync(url, config(1_000_000));
    assertThat(count(url, "SELECT count(*) FROM salesforce.opportunity")).isEqualTo(org.count("Opportunity"));
  }

  @Test
  void tokens_expiring_mid_sync_are_fetched_again_and_retries_cover_query_timeouts() throws Exception {
    String url = TestPostgres.newDatabase("sf_tokens");
    sandbox.tokenLifetime(9);
    sandbox.failNext(2, 400, "QUERY_TIMEOUT", "Your query request was running for too long.");
    sync(url, config(100));
    assertThat(sandbox.requests("token")).isGreaterThan(3);
    assertThat(count(url, "SELECT count(*) FROM salesforce.contact")).isEqualTo(org.count("Contact"));
    assertThatThrownBy(() -> sync(TestPostgres.newDatabase("sf_badkey"),
        SalesforceConfig.of(SalesforceSandbox.CLIENT_ID + ":wrong-secret", URI.create(sandbox.baseUrl()), 100)))
        .isInstanceOf(SourceException.class).hasMessage("Salesforce refused the client_credentials login: invalid_client (invalid client credentials)")
        .matches(e -> ((SourceException) e).authentication());
  }

  private static String quoted(String table) {
    return List.of("case", "group", "order", "user").contains(table) ? "\"" + table + "\"" : table;
  }

  private static long count(String url, String sql) throws Exception {
    return Long.parseLong(text(url, sql));
  }

  private static String text(String url, String sql) throws Exception {
    try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
