package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.sandbox.hubspot.HubSpotAccount;
import dev.ferry.sandbox.hubspot.HubSpotSandbox;
import dev.ferry.sandbox.salesforce.SalesforceOrg;
import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A field the vendor stops defining (a HubSpot property archived, a Salesforce field deleted from
 * describe) keeps its column and every value on the next {@code ferry sync}; the column's comment
 * gets the deprecation line with the reason in the vendor's terms, and {@code ferry tables list} and
 * {@code ferry inspect} (text and JSON) report it. A further sync changes nothing.
 */
class RemovedFieldTest {
  @Test
  void aPropertyArchivedInHubSpotKeepsItsColumnAndValuesAndIsMarkedDeprecated() throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(5, 120);
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).searchPerSecond(0).start()) {
      String url = TestPostgres.newDatabase("removed_hubspot");
      List<String> sync = List.of("sync", "hubspot", "--database-url", url, "--api-base", sandbox.baseUrl(),
          "--api-key", sandbox.token(), "--rate", "1000");
      Cli.run(sync).expecting(0);

      account.archiveProperty("contacts", "ferry_favorite_color");
      // a contact written again after the archive: its row keeps the value synced before
      String rewritten = account.store("contacts").live().get(0).id();
      account.update("contacts", rewritten, Map.of("firstname", "Renamed"));

      assertKeptAndMarked(url, "hubspot", "contact", "ferry_favorite_color", sync,
          "property archived in HubSpot (no longer among the account's contact properties)");
      assertThat(TestPostgres.column(url, "SELECT firstname FROM hubspot.contact WHERE id = '" + rewritten + "'")).containsExactly("Renamed");
    }
  }

  @Test
  void aFieldDeletedFromSalesforceDescribeKeepsItsColumnAndValuesAndIsMarkedDeprecated() throws Exception {
    try (SalesforceSandbox sandbox = SalesforceSandbox.generated(4, 40).start()) {
      SalesforceOrg org = sandbox.org();
      String url = TestPostgres.newDatabase("removed_salesforce");
      List<String> sync = List.of("sync", "salesforce", "--database-url", url, "--api-base", sandbox.baseUrl(),
          "--api-key", SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET, "--rate", "1000",
          "--objects", "account,user");
      Cli.run(sync).expecting(0);

      org.deleteField("Account", "Tier__c");
      String rewritten = org.read("Account", rows -> rows.iterator().next().get("Id").toString());
      org.update("Account", rewritten, Map.of("Name", "Renamed account"));

      assertKeptAndMarked(url, "salesforce", "account", "tier__c", sync,
          "field no longer in Salesforce's describe of Account (deleted, or hidden from Ferry's user)");
      assertThat(TestPostgres.column(url, "SELECT name FROM salesforce.account WHERE id = '" + rewritten + "'")).containsExactly("Renamed account");
    }
  }

  /**
   * Runs {@code sync} after the vendor dropped {@code column}'s field and checks what a user sees: the
   * column and its values row for row, its comment with the mark last, the sync's line, the migration,
   * {@code tables list}, {@code inspect} in text and JSON; then a sync with nothing left to do.
   */
  private static void assertKeptAndMarked(String url, String schema, String table, String column, List<String> sync,
      String why) throws Exception {
    String qualified = schema + "." + table;
    String rows = "SELECT string_agg(id || '|' || coalesce(" + column + "::text, '-'), ',' ORDER BY id) FROM " + qualified;
    List<String> held = TestPostgres.column(url, rows);
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM " + qualified + " WHERE " + column + " IS NOT NULL").get(0)).isNotEqualTo("0");
    String comment = comment(url, qualified, column);
    long migrations = migrations(url);
    String reason = why + "; kept with the values synced before";

    Run run = Cli.run(sync).expecting(0);

    assertThat(run.out()).contains(qualified + "." + column + ": " + reason);
    assertThat(TestPostgres.column(url, rows)).isEqualTo(held);
    String marked = (comment == null ? "" : comment + "\n") + "ferry:deprecated=" + reason;
    assertThat(comment(url, qualified, column)).isEqualTo(marked);
    assertThat(TestPostgres.column(url, "SELECT statement FROM ferry.migrations ORDER BY id OFFSET " + migrations)).containsExactly(
        "COMMENT ON COLUMN \"" + schema + "\".\"" + table + "\".\"" + column + "\" IS '" + marked.replace("'", "''") + "'");

    Run tables = Cli.run("tables", "list", schema, "--database-url", url).expecting(0);
    assertThat(tables.out()).contains(qualified + ": ").contains(" rows, 1 deprecated\n")
        .contains("  " + column + " (deprecated: " + reason + ")\n").contains(", 1 deprecated column (kept with their values, never dropped)");

    Run inspect = Cli.run("inspect", "--database-url", url, "--schema", schema).expecting(0);
    String line = inspect.out().lines().filter(l -> l.strip().startsWith(column + " ")).findFirst().orElseThrow();
    assertThat(line).contains("deprecated: " + reason).doesNotContain("ferry:deprecated");
    if (comment != null) {
      assertThat(line).endsWith("-- " + comment.replaceAll("\\s*\\R\\s*", " ").strip());
    }
    JsonNode json = new ObjectMapper().readTree(
        Cli.run("inspect", "--database-url", url, "--schema", schema, "--format", "json").expecting(0).out());
    List<String> deprecated = new ArrayList<>();
    for (JsonNode t : json.path("tables")) {
      for (JsonNode c : t.path("columns")) {
        assertThat(c.has("deprecated")).isTrue();
        if (!c.path("deprecated").isNull()) {
          deprecated.add(t.path("name").asText() + "." + c.path("name").asText() + ": " + c.path("deprecated").asText());
        }
      }
    }
    assertThat(deprecated).containsExactly(table + "." + column + ": " + reason);

    long marks = migrations(url);
    Run again = Cli.run(sync).expecting(0);
    assertThat(again.out()).doesNotContain("deprecated").doesNotContain(why);
    assertThat(migrations(url)).isEqualTo(marks);
    assertThat(TestPostgres.column(url, rows)).isEqualTo(held);
    assertThat(comment(url, qualified, column)).isEqualTo(marked);
  }

  private static long migrations(String url) {
    return Long.parseLong(TestPostgres.column(url, "SELECT count(*) FROM ferry.migrations").get(0));
  }

  private static String comment(String url, String qualified, String column) {
    return TestPostgres.column(url, "SELECT col_description('" + qualified + "'::regclass, attnum) FROM pg_attribute WHERE attrelid = '"
        + qualified + "'::regclass AND attname = '" + column + "'").get(0);
  }
}
