package dev.ferry.sync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sandbox.RequestGate;
import dev.ferry.sandbox.salesforce.SalesforceOrg;
import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.testing.ChildSync;
import dev.ferry.testing.TestPostgres;
import dev.ferry.vendor.salesforce.SObject;
import dev.ferry.vendor.salesforce.SObjectField;
import dev.ferry.vendor.salesforce.SalesforceNames;
import dev.ferry.vendor.salesforce.SalesforceObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 of a whole {@code ferry sync salesforce} process in the middle of a Bulk API 2.0 results
 * page, with every object read through Bulk ({@code bulk_threshold=0}) and pages of 5,000 rows. The
 * sandbox's gate holds a page once 4,500 of its rows are sent; the child is killed when Postgres shows
 * the batch it committed inside that page (a cursor {@code bulk:<job>|<page>|4000}), so each kill leaves
 * a cursor in the middle of a page. After the last, uninterrupted run every table holds exactly the
 * org's records, each once, with its lookups (links) and stamp.
 */
class SalesforceBulkKillResumeTest {
  private static final int PAGE = 5_000;
  private static final int HELD_AT = 4_500;
  private static final Predicate<String> LATE_IN_A_PAGE = event -> event.startsWith(SalesforceSandbox.RESULTS_ROWS_EVENT)
      && event.endsWith("@" + HELD_AT);

  @Test
  void killingTheSyncInTheMiddleOfBulkResultsPagesLosesAndDuplicatesNothing() throws Exception {
    try (SalesforceSandbox sandbox = SalesforceSandbox.large(21, 48_000).bulkPageSize(PAGE).start()) {
      SalesforceOrg org = sandbox.org();
      assertThat(org.count("Contact")).isGreaterThan(2 * PAGE);
      String url = TestPostgres.newDatabase("salesforce_bulk_kill");
      Path log = Files.createTempFile("ferry-salesforce-bulk-kill-", ".log");
      List<String> sync = List.of("sync", "salesforce", "--database-url", url, "--api-base", sandbox.baseUrl(),
          "--api-key", SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET, "--rate", "1000",
          "--setting", "bulk_threshold=0");
      SplittableRandom random = new SplittableRandom(13);
      List<String> killedAt = new ArrayList<>();
      for (int run = 0; run < 4; run++) {
        RequestGate gate = sandbox.holdAfter(random.nextInt(2), LATE_IN_A_PAGE);
        boolean killed = ChildSync.runAndKillAtGate(sync, log, gate, () -> committedInHeldPage(url, gate));
        assertThat(killed).as("run %d reached its kill point (see %s)", run, log).isTrue();
        killedAt.add(midPageCursor(url, heldJob(gate)));
      }
      assertThat(ChildSync.runAndKillAtGate(sync, log, sandbox.holdAfter(0, path -> false))).as("final run (see %s)", log).isFalse();

      assertThat(killedAt).as("each kill left a cursor inside a results page").allMatch(c -> c.matches("bulk:[^|]+\\|[^|]*\\|4000"));
      assertThat(sandbox.requests("bulkResults")).isGreaterThan(org.count("Contact") / PAGE);
      for (SObject object : SalesforceObjects.all()) {
        String table = "salesforce.\"" + SalesforceNames.table(object.name()) + "\"";
        assertThat(TestPostgres.column(url, "SELECT count(*) || '/' || count(DISTINCT id) FROM " + table)).as(object.name())
            .containsExactly(org.count(object.name()) + "/" + org.count(object.name()));
        List<String> links = linkColumns(url, object);
        String select = "SELECT id" + links.stream().map(c -> " || '|' || coalesce(" + c + ", '-')").reduce("", String::concat)
            + " || '|' || extract(epoch FROM system_modstamp)::bigint FROM " + table + " ORDER BY id";
        assertThat(TestPostgres.column(url, select)).as(object.name() + " records, links and stamps").containsExactlyElementsOf(truth(org, object));
      }
    }
  }

  /** The org's records of {@code object}: id, every lookup, and SystemModstamp in epoch seconds, in id order. */
  private static List<String> truth(SalesforceOrg org, SObject object) {
    List<SObjectField> lookups = object.fields().stream().filter(SObjectField::isReference).toList();
    return org.read(object.name(), rows -> rows.stream().filter(r -> !Boolean.TRUE.equals(r.get("IsDeleted"))).map(r -> {
      StringBuilder line = new StringBuilder(r.get("Id").toString());
      lookups.forEach(f -> line.append('|').append(r.get(f.name()) == null ? "-" : r.get(f.name())));
      return line.append('|').append(((Instant) r.get("SystemModstamp")).getEpochSecond()).toString();
    }).sorted().toList());
  }

  /** The column of each lookup of {@code object}, in field order: {@code account_id}, or {@code ..._id} for one with no synced target. */
  private static List<String> linkColumns(String url, SObject object) throws SQLException {
    List<String> columns = TestPostgres.column(url, "SELECT column_name FROM information_schema.columns WHERE table_schema = 'salesforce'"
        + " AND table_name = '" + SalesforceNames.table(object.name()) + "'");
    List<String> links = new ArrayList<>();
    for (SObjectField field : object.fields()) {
      if (field.isReference()) {
        String column = SalesforceNames.field(field);
        links.add(columns.contains(column) ? column : column + "_id");
      }
    }
    return links;
  }

  private static String heldJob(RequestGate gate) {
    String event = gate.heldPath();
    return event.substring(SalesforceSandbox.RESULTS_ROWS_EVENT.length(), event.lastIndexOf('@'));
  }

  /** Whether the batch before the held point of the page is committed: the held job's cursor names 4,000 rows of a page. */
  private static boolean committedInHeldPage(String url, RequestGate gate) {
    try {
      return midPageCursor(url, heldJob(gate)).endsWith("|4000");
    } catch (SQLException e) {
      return false; // the child has not made its state tables yet
    }
  }

  private static String midPageCursor(String url, String job) throws SQLException {
    List<String> cursors = TestPostgres.column(url, "SELECT cursor FROM ferry.cursors WHERE cursor LIKE 'bulk:" + job + "|%'");
    return cursors.isEmpty() ? "" : cursors.get(0);
  }
}
