package dev.ferry.sync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.db.Database;
import dev.ferry.sandbox.salesforce.SalesforceOrg;
import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.sync.engine.SyncEngine;
import dev.ferry.sync.engine.SyncListener;
import dev.ferry.sync.engine.TableLayout;
import dev.ferry.testing.MovableClock;
import dev.ferry.testing.TestPostgres;
import dev.ferry.vendor.salesforce.SObject;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Formula fields change without {@code SystemModstamp} moving: {@code Opportunity.Account_Rating__c}
 * ({@code TEXT(Account.Rating)}) follows its account, whose change stamps the account only. The
 * periodic re-read brings such values in, and only those columns, when its interval has passed since
 * the last re-read; the source and the org share a clock the test moves, so nothing waits.
 */
class SalesforceFormulaRereadTest {
  private static final String CREDENTIALS = SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET;
  private final MovableClock clock = new MovableClock(Instant.parse("2026-02-01T12:00:00Z"));

  @Test
  void describeMarksFormulaFieldsAndTheOrgComputesThemWhenRead() throws Exception {
    try (SalesforceSandbox sandbox = SalesforceSandbox.generated(5, 4).start()) {
      SalesforceOrg org = sandbox.org();
      SObject opportunity = org.object("Opportunity");
      assertThat(opportunity.calculatedFields()).extracting(f -> f.name() + "=" + f.calculatedFormula())
          .containsExactly("Weighted_Amount__c=Amount * Probability / 100", "Account_Rating__c=TEXT(Account.Rating)");
      assertThat(org.object("Account").calculatedFields()).extracting(f -> f.name()).containsExactly("Owner_Alias__c");
      Map<String, Object> record = org.read("Opportunity", rows -> rows.iterator().next());
      Map<String, Object> account = org.get("Account", record.get("AccountId").toString());
      assertThat(org.value(opportunity, opportunity.field("Account_Rating__c").orElseThrow(), record)).isEqualTo(account.get("Rating"));
      assertThat(org.value(opportunity, opportunity.field("Weighted_Amount__c").orElseThrow(), record)).isEqualTo(
          ((java.math.BigDecimal) record.get("Amount")).multiply((java.math.BigDecimal) record.get("Probability"))
              .movePointLeft(2).setScale(2, java.math.RoundingMode.HALF_UP));
    }
  }

  @Test
  void aDueRereadBringsInFormulaValuesThatChangedWithoutAStampAndTouchesNothingElse() throws Exception {
    try (SalesforceSandbox sandbox = SalesforceSandbox.generated(11, 20).start()) {
      SalesforceOrg org = sandbox.org();
      org.clock(clock);
      String url = TestPostgres.newDatabase("sf_formula");
      SalesforceConfig config = config(sandbox).withFormulaReread(Duration.ofHours(6));
      sync(url, config);
      Map<String, Object> deal = org.read("Opportunity", rows -> rows.iterator().next());
      String id = deal.get("Id").toString();
      String accountId = deal.get("AccountId").toString();
      String before = text(url, "SELECT account_rating__c FROM salesforce.opportunity WHERE id = '" + id + "'");
      assertThat(before).isEqualTo(org.get("Account", accountId).get("Rating"));
      String changed = before.equals("Hot") ? "Cold" : "Hot";
      // a column Ferry does not re-read, set here so that a write of more than the formula columns would show
      exec(url, "UPDATE salesforce.opportunity SET next_step = 'kept by the test' WHERE id = '" + id + "'");
      String changedAt = text(url, "SELECT coalesce(_ferry_changed_at::text, 'snapshot') FROM salesforce.opportunity"
          + " WHERE id = '" + id + "'");

      tick(60);
      org.update("Account", accountId, Map.of("Rating", changed)); // stamps the account, not its opportunities
      tick(60);
      sync(url, config); // 2 minutes after the backfill: no re-read due
      assertThat(text(url, "SELECT rating FROM salesforce.account WHERE id = '" + accountId + "'")).isEqualTo(changed);
      assertThat(text(url, "SELECT account_rating__c FROM salesforce.opportunity WHERE id = '" + id + "'")).isEqualTo(before);
      assertThat(org.get("Opportunity", id).get("SystemModstamp")).isEqualTo(deal.get("SystemModstamp"));

      tick(Duration.ofHours(6).toSeconds());
      Instant reread = clock.instant();
      sync(url, config);
      assertThat(text(url, "SELECT account_rating__c || '|' || next_step || '|' || coalesce(_ferry_changed_at::text, 'snapshot')"
          + " FROM salesforce.opportunity WHERE id = '" + id + "'")).isEqualTo(changed + "|kept by the test|" + changedAt);
      assertThat(formulaColumns(url)).isEqualTo(truth(org));
      assertThat(formulasAt(url, "opportunity")).isEqualTo(reread.toString());
      assertThat(formulasAt(url, "account")).isEqualTo(reread.toString());

      // an hour after that re-read: none due, however long since the backfill
      tick(3600);
      org.update("Account", accountId, Map.of("Rating", before));
      tick(60);
      sync(url, config);
      assertThat(text(url, "SELECT account_rating__c FROM salesforce.opportunity WHERE id = '" + id + "'")).isEqualTo(changed);
      assertThat(formulasAt(url, "opportunity")).isEqualTo(reread.toString());

      // off: never, however long
      tick(Duration.ofDays(3).toSeconds());
      sync(url, config.withFormulaReread(null));
      assertThat(text(url, "SELECT account_rating__c FROM salesforce.opportunity WHERE id = '" + id + "'")).isEqualTo(changed);

      // an admin edits the formula: every value changes, no record is stamped; the next due re-read brings them in
      org.redefineFormula("Opportunity", "Account_Rating__c", "TEXT(Account.Industry)");
      assertThat(org.get("Opportunity", id).get("SystemModstamp")).isEqualTo(deal.get("SystemModstamp"));
      sync(url, config);
      assertThat(text(url, "SELECT account_rating__c FROM salesforce.opportunity WHERE id = '" + id + "'"))
          .isEqualTo(org.get("Account", accountId).get("Industry"));
      assertThat(formulaColumns(url)).isEqualTo(truth(org));
    }
  }

  @Test
  void aRereadLargerThanOnePollGoesOnInTheNextPollsUntilEveryRecordIsRead() throws Exception {
    // about 10,600 opportunities: more than one poll's share (REREAD_ROWS), read in pages of REREAD_PAGE
    try (SalesforceSandbox sandbox = SalesforceSandbox.large(4, 64_000).start()) {
      SalesforceOrg org = sandbox.org();
      org.clock(clock);
      assertThat(org.count("Opportunity")).isGreaterThan(SalesforceSource.REREAD_ROWS);
      String url = TestPostgres.newDatabase("sf_formula_large");
      SalesforceConfig config = config(sandbox).withFormulaReread(Duration.ofHours(1)).withBulkThreshold(0);
      List<String> objects = List.of("Account", "Opportunity", "User");
      sync(url, config, objects);
      List<String> ids = org.read("Opportunity", rows -> rows.stream().map(r -> r.get("Id").toString()).sorted().toList());
      tick(60);
      for (String id : List.of(ids.get(0), ids.get(ids.size() - 1))) { // in the first poll's share, and in the last
        String account = org.get("Opportunity", id).get("AccountId").toString();
        org.update("Account", account, Map.of("Rating", "Hot".equals(org.get("Account", account).get("Rating")) ? "Cold" : "Hot"));
      }
      tick(3600);
      long queries = sandbox.requests("query");
      sync(url, config, objects);
      assertThat(formulaColumns(url)).isEqualTo(truth(org));
      int pages = (org.count("Opportunity") + SalesforceSource.REREAD_PAGE - 1) / SalesforceSource.REREAD_PAGE;
      assertThat(sandbox.requests("query") - queries).as("re-read pages, with the account's").isGreaterThanOrEqualTo(pages);
      assertThat(formulasAt(url, "opportunity")).isEqualTo(clock.instant().toString());
    }
  }

  private SalesforceConfig config(SalesforceSandbox sandbox) {
    return SalesforceConfig.of(CREDENTIALS, URI.create(sandbox.baseUrl()), 1000).withClock(clock, Duration.ofMillis(500))
        .withRetries(3, Duration.ofMillis(1));
  }

  private void sync(String url, SalesforceConfig config) {
    sync(url, config, List.of());
  }

  private void sync(String url, SalesforceConfig config, List<String> objects) {
    try (SalesforceSource source = new SalesforceSource(config, objects)) {
      SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("salesforce"), SyncListener.SILENT);
      engine.run(new SyncEngine.Options(List.of(), 4, false, Duration.ofMillis(10), 500));
    }
  }

  private void tick(long seconds) {
    clock.advance(Duration.ofSeconds(seconds));
  }

  /** Every opportunity's formula columns as the org computes them now. */
  private static List<String> truth(SalesforceOrg org) {
    SObject opportunity = org.object("Opportunity");
    return org.read("Opportunity", rows -> rows.stream().filter(r -> !Boolean.TRUE.equals(r.get("IsDeleted")))
        .map(r -> r.get("Id") + "=" + org.value(opportunity, opportunity.field("Account_Rating__c").orElseThrow(), r) + "|"
            + org.value(opportunity, opportunity.field("Weighted_Amount__c").orElseThrow(), r))
        .sorted().toList());
  }

  private static List<String> formulaColumns(String url) throws Exception {
    return TestPostgres.column(url, "SELECT id || '=' || coalesce(account_rating__c, 'null') || '|' || coalesce(weighted_amount__c::text, 'null')"
        + " FROM salesforce.opportunity ORDER BY 1");
  }

  /** When the change cursor says the last formula re-read of {@code table} began. */
  private static String formulasAt(String url, String table) throws Exception {
    String cursor = text(url, "SELECT cursor FROM ferry.cursors WHERE source = 'salesforce' AND stream = 'changes'");
    return new ObjectMapper().readTree(cursor).path(table).path("formulasAt").asText();
  }

  private static void exec(String url, String sql) throws Exception {
    try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String text(String url, String sql) throws Exception {
    List<String> values = TestPostgres.column(url, sql);
    assertThat(values).as(sql).hasSize(1);
    return values.get(0);
  }
}
