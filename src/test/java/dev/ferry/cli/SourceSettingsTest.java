package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.errors.ExitCodes;
import dev.ferry.sandbox.salesforce.SalesforceOrg;
import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --setting NAME=VALUE} and {@code sync.<source>} in ferry.yaml: a source's own settings
 * (Salesforce's Bulk threshold, request budget and window lag) and the rate, checked by name and value.
 */
class SourceSettingsTest {

  private static Run ferry(String... args) {
    return Cli.run(args);
  }

  private static String[] sync(SalesforceSandbox sandbox, String url, String... settings) {
    List<String> args = new ArrayList<>(List.of("sync", "salesforce", "--database-url", url, "--api-base", sandbox.baseUrl(),
        "--api-key", SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET, "--rate", "1000"));
    for (String setting : settings) {
      args.addAll(List.of("--setting", setting));
    }
    return args.toArray(String[]::new);
  }

  @Test
  void theBulkThresholdChoosesBulkApiAndTheBudgetShareStopsTheSync() throws Exception {
    try (SalesforceSandbox sandbox = SalesforceSandbox.generated(3, 10).start()) {
      Run rest = ferry(sync(sandbox, TestPostgres.newDatabase("settings_rest")));
      assertThat(rest.exit()).as(rest.err()).isEqualTo(ExitCodes.OK);
      assertThat(sandbox.requests("bulkResults")).as("a small org stays under the default threshold").isZero();

      Run bulk = ferry(sync(sandbox, TestPostgres.newDatabase("settings_bulk"), "bulk_threshold=0"));
      assertThat(bulk.exit()).as(bulk.err()).isEqualTo(ExitCodes.OK);
      assertThat(sandbox.requests("bulkResults")).isPositive();

      long before = sandbox.apiUsage();
      Run budget = ferry(sync(sandbox, TestPostgres.newDatabase("settings_budget"), "budget_share=" + (before + 5) / 1_000_000.0));
      assertThat(budget.exit()).isNotEqualTo(ExitCodes.OK);
      assertThat(budget.err().strip()).doesNotContain("\n").contains("daily API requests");
      assertThat(sandbox.apiUsage() - before).isLessThanOrEqualTo(8);
    }
  }

  @Test
  void theLagSettingMovesWhereEachIncrementalWindowEnds() {
    try (SalesforceSandbox sandbox = SalesforceSandbox.generated(3, 10).start()) {
      SalesforceOrg org = sandbox.org();
      String url = TestPostgres.newDatabase("settings_lag");
      String twoHours = "lag_ms=" + Duration.ofHours(2).toMillis();
      Run backfill = ferry(sync(sandbox, url, twoHours));
      assertThat(backfill.exit()).as(backfill.err()).isEqualTo(ExitCodes.OK);
      String contact = org.read("Contact", rows -> rows.iterator().next().get("Id").toString());
      // stamped an hour ago: inside a window that ends half a second before now, outside one that ends two hours before
      org.clock(Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));
      org.update("Contact", contact, Map.of("Title", "Lagged"));

      Run lagged = ferry(sync(sandbox, url, twoHours));
      assertThat(lagged.exit()).as(lagged.err()).isEqualTo(ExitCodes.OK);
      assertThat(title(url, contact)).isNotEqualTo("Lagged");

      Run prompt = ferry(sync(sandbox, url));
      assertThat(prompt.exit()).as(prompt.err()).isEqualTo(ExitCodes.OK);
      assertThat(title(url, contact)).isEqualTo("Lagged");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String title(String url, String contact) {
    try (Connection connection = Database.of(url).connect();
        ResultSet rows = connection.createStatement().executeQuery("SELECT title FROM salesforce.contact WHERE id = '" + contact + "'")) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code ferry sync} in a directory holding ferry.yaml, as a user runs it: a whole child process. */
  private static Run ferryIn(Path directory, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.ferry.Ferry"));
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).directory(directory.toFile())
        .redirectOutput(directory.resolve("out.txt").toFile()).redirectError(directory.resolve("err.txt").toFile()).start();
    int code = child.waitFor();
    return new Run(code, Files.readString(directory.resolve("out.txt")), Files.readString(directory.resolve("err.txt")));
  }

  @Test
  void theSettingsAndTheRateCanBeSetInFerryYaml(@TempDir Path directory) throws Exception {
    try (SalesforceSandbox sandbox = SalesforceSandbox.generated(3, 10).start()) {
      String url = TestPostgres.newDatabase("settings_yaml");
      Files.writeString(directory.resolve("ferry.yaml"), """
          sync:
            salesforce:
              api_key: %s:%s
              rate: 1000
              bulk_threshold: 0
              formula_reread: off
          """.formatted(SalesforceSandbox.CLIENT_ID, SalesforceSandbox.CLIENT_SECRET));
      Run bulk = ferryIn(directory, "sync", "salesforce", "--database-url", url, "--api-base", sandbox.baseUrl());
      assertThat(bulk.exit()).as(bulk.err()).isEqualTo(ExitCodes.OK);
      assertThat(sandbox.requests("bulkResults")).as("bulk_threshold: 0 in ferry.yaml sends the org through Bulk API 2.0").isPositive();
      assertThat(bulk.out() + bulk.err()).doesNotContain(SalesforceSandbox.CLIENT_SECRET);

      Files.writeString(directory.resolve("ferry.yaml"), "sync:\n  salesforce:\n    budget_share: 2\n");
      Run share = ferryIn(directory, "sync", "salesforce", "--database-url", url, "--api-base", sandbox.baseUrl(), "--api-key", "a:b");
      assertThat(share.exit()).isEqualTo(ExitCodes.BAD_CONFIG);
      assertThat(share.err().strip())
          .isEqualTo("ferry: ferry.yaml line 3: `sync.salesforce.budget_share` must be a share above 0 and at most 1, such as 0.5, not '2'");

      Files.writeString(directory.resolve("ferry.yaml"), "sync:\n  salesforce:\n    formula_reread: weekly\n");
      Run reread = ferryIn(directory, "sync", "salesforce", "--database-url", url, "--api-base", sandbox.baseUrl(), "--api-key", "a:b");
      assertThat(reread.exit()).isEqualTo(ExitCodes.BAD_CONFIG);
      assertThat(reread.err().strip()).isEqualTo("ferry: ferry.yaml line 3: `sync.salesforce.formula_reread` must be an interval such as"
          + " 90s, 30m, 6h or 1d, or off, not 'weekly'");

      Files.writeString(directory.resolve("ferry.yaml"), "sync:\n  salesforce:\n    rate: 5\n    bulk: 1\n");
      Run unknown = ferryIn(directory, "sync", "salesforce", "--database-url", url, "--api-base", sandbox.baseUrl(), "--api-key", "a:b");
      assertThat(unknown.exit()).isEqualTo(ExitCodes.BAD_CONFIG);
      assertThat(unknown.err().strip()).isEqualTo(
          "ferry: ferry.yaml line 4: unknown key 'bulk' under sync.salesforce (expected one of: api_key, budget_share, bulk_threshold, formula_reread, lag_ms, rate)");
    }
  }

  @Test
  void anUnknownSettingOrABadValueIsAUsageErrorInTheUsersWords() {
    String url = "postgres://localhost:1/none";
    Run unknown = ferry("sync", "salesforce", "--database-url", url, "--api-key", "a:b", "--setting", "bulk=1");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err().strip()).isEqualTo("ferry: unknown --setting 'bulk' for salesforce (available: bulk_threshold, budget_share, lag_ms, formula_reread)");

    Run none = ferry("sync", "stripe", "--database-url", url, "--api-key", "sk_test_x", "--setting", "bulk_threshold=1");
    assertThat(none.err().strip()).isEqualTo("ferry: unknown --setting 'bulk_threshold' for stripe (it has no settings of its own)");
    Run hubspot = ferry("sync", "hubspot", "--database-url", url, "--api-key", "pat", "--setting", "bulk_threshold=1");
    assertThat(hubspot.err().strip()).isEqualTo("ferry: unknown --setting 'bulk_threshold' for hubspot (available: budget_share)");
    Run hubspotShare = ferry("sync", "hubspot", "--database-url", url, "--api-key", "pat", "--setting", "budget_share=2");
    assertThat(hubspotShare.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(hubspotShare.err().strip()).isEqualTo("ferry: --setting budget_share must be a share above 0 and at most 1, such as 0.5, not '2'");

    Run threshold = ferry("sync", "salesforce", "--database-url", url, "--api-key", "a:b", "--setting", "bulk_threshold=lots");
    assertThat(threshold.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(threshold.err().strip()).isEqualTo("ferry: --setting bulk_threshold must be a whole number of records, 0 or more, not 'lots'");

    Run share = ferry("sync", "salesforce", "--database-url", url, "--api-key", "a:b", "--setting", "budget_share=2");
    assertThat(share.err().strip()).isEqualTo("ferry: --setting budget_share must be a share above 0 and at most 1, such as 0.5, not '2'");

    Run reread = ferry("sync", "salesforce", "--database-url", url, "--api-key", "a:b", "--setting", "formula_reread=often");
    assertThat(reread.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(reread.err().strip()).isEqualTo("ferry: --setting formula_reread must be an interval such as 90s, 30m, 6h or 1d, or off,"
        + " not 'often'");
  }
}
