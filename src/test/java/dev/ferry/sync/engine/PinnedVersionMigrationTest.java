package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.StripeSandboxes;
import dev.ferry.testing.TestPostgres;
import dev.ferry.vendor.stripe.StripeApi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A destination synced under an older Stripe definition (a field the pinned version removed, fields
 * of another type) brought to the pinned version by {@code ferry sync}: nothing dropped, every value
 * kept, the old columns marked deprecated and reported by {@code ferry tables list}, each step in
 * {@code ferry.migrations}. A column an older definition typed narrower (a number, boolean or date now text;
 * a bigint now a decimal) is retyped in place, its values as they were.
 */
class PinnedVersionMigrationTest {
  @RegisterExtension final StripeSandboxes sandboxes = new StripeSandboxes();
  private StripeSandbox sandbox;

  @Test
  void anOlderDefinitionsTableIsMigratedWithEveryValueKeptAndItsOldColumnsMarkedAndReported() throws Exception {
    SandboxData data = SandboxData.generate(17, 300);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("pinned_migration");
    assertThat(ferry("sync", "stripe", "--database-url", url, "--objects", "customer").exit()).isZero();

    // the table as an older definition left it: a field the pinned version no longer has (with values and
    // a reference declaration), a Unix time kept as bigint, an integer kept as text, an object kept as JSON text
    TestPostgres.execute(url, "ALTER TABLE stripe.customer ADD COLUMN account_balance bigint, ADD COLUMN legacy_parent_id text;"
        + " UPDATE stripe.customer SET account_balance = length(id) * 100, legacy_parent_id = id;"
        + " COMMENT ON COLUMN stripe.customer.legacy_parent_id IS 'The parent account.\nferry:references=stripe.customer.id';"
        + " ALTER TABLE stripe.customer ALTER COLUMN created TYPE bigint USING extract(epoch FROM created)::bigint,"
        + " ALTER COLUMN balance TYPE text USING balance::text, ALTER COLUMN address TYPE text USING address::text;"
        + " UPDATE stripe.customer SET balance = 'n/a' WHERE id = (SELECT min(id) FROM stripe.customer)");
    String before = "SELECT string_agg(id || '|' || created || '|' || coalesce(%s, '-') || '|' || coalesce(%s, '-') || '|'"
        + " || account_balance || '|' || legacy_parent_id, ',' ORDER BY id) FROM stripe.customer";
    List<String> held = TestPostgres.column(url, before.formatted("balance", "address"));
    long customers = Long.parseLong(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer").get(0));
    long migrationsBefore = migrations(url);

    Run run = ferry("sync", "stripe", "--database-url", url, "--objects", "customer");

    assertThat(run.exit()).as(run.err()).isZero();
    String deprecation = "not in stripe API version " + StripeApi.VERSION + "; kept with the values synced before";
    assertThat(run.out()).contains("stripe.customer.account_balance: " + deprecation)
        .contains("stripe.customer.created: retyped from bigint to timestamptz; the values held before are kept in created__bigint")
        .contains("stripe.customer.balance: retyped from text to bigint; the values held before are kept in balance__text")
        .contains("stripe.customer.address: retyped from text to jsonb; the values held before are kept in address__text");
    assertThat(columnType(url, "created")).isEqualTo("timestamp with time zone");
    assertThat(columnType(url, "balance")).isEqualTo("bigint");
    assertThat(columnType(url, "address")).isEqualTo("jsonb");
    // no value lost: the kept columns hold exactly what the table held before
    assertThat(TestPostgres.column(url, before.formatted("balance__text", "address__text").replace("created ||", "created__bigint ||")))
        .isEqualTo(held);
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer")).containsExactly(String.valueOf(customers));
    // and the new columns hold each value that converts; 'n/a' is no bigint, so only its old column has it
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer WHERE created = to_timestamp(created__bigint)"))
        .containsExactly(String.valueOf(customers));
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer WHERE balance::text = balance__text"))
        .containsExactly(String.valueOf(customers - 1));
    assertThat(TestPostgres.column(url, "SELECT balance__text FROM stripe.customer WHERE balance IS NULL")).containsExactly("n/a");
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer WHERE address IS NOT DISTINCT FROM address__text::jsonb"))
        .containsExactly(String.valueOf(customers));

    // marked in the comment, the reference declaration kept above the mark (docs/catalog-comments.md)
    assertThat(comment(url, "account_balance")).isEqualTo("ferry:deprecated=" + deprecation);
    assertThat(comment(url, "legacy_parent_id"))
        .isEqualTo("The parent account.\nferry:references=stripe.customer.id\nferry:deprecated=" + deprecation);
    assertThat(comment(url, "created__bigint")).endsWith("ferry:deprecated=retyped: created is timestamptz in stripe API version "
        + StripeApi.VERSION + "; this column keeps the bigint values synced before, and created those that convert");

    // each step recorded in ferry.migrations
    assertThat(TestPostgres.column(url, "SELECT statement FROM ferry.migrations ORDER BY id OFFSET " + migrationsBefore))
        .contains("ALTER TABLE \"stripe\".\"customer\" RENAME COLUMN \"created\" TO \"created__bigint\"",
            "ALTER TABLE \"stripe\".\"customer\" ADD COLUMN \"created\" timestamptz",
            "UPDATE \"stripe\".\"customer\" SET \"created\" = CASE WHEN abs(\"created__bigint\") < 100000000000 THEN"
                + " to_timestamp(\"created__bigint\") END WHERE \"created__bigint\" IS NOT NULL");

    Run tables = ferry("tables", "list", "stripe", "--database-url", url);
    assertThat(tables.exit()).as(tables.err()).isZero();
    assertThat(tables.out()).contains("stripe.customer: ", customers + " rows, 5 deprecated")
        .contains("  account_balance (deprecated: " + deprecation + ")")
        .contains("  legacy_parent_id (deprecated: ")
        .contains("  created__bigint (deprecated: retyped: created is timestamptz")
        .contains("  balance__text (deprecated: ").contains("  address__text (deprecated: ")
        .contains("at API version " + StripeApi.VERSION + ", 5 deprecated columns (kept with their values, never dropped)");

    // a second run has nothing left to do; rows the API changes keep the deprecated columns' values
    long migrated = migrations(url);
    data.mutate(18, 40);
    Run again = ferry("sync", "stripe", "--database-url", url, "--objects", "customer");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).doesNotContain("deprecated").doesNotContain("retyped");
    assertThat(migrations(url)).isEqualTo(migrated);
    assertThat(TestPostgres.column(url,
        "SELECT count(*) FROM stripe.customer WHERE account_balance = length(id) * 100 AND legacy_parent_id = id"))
        .isEqualTo(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer WHERE created__bigint IS NOT NULL"));
  }

  @Test
  void columnsAnOlderDefinitionTypedNarrowerAreRetypedInPlaceWithEveryValueKeptRowForRow() throws Exception {
    sandbox = sandboxes.start(SandboxData.generate(23, 200));
    String url = TestPostgres.newDatabase("pinned_in_place");
    assertThat(ferry("sync", "stripe", "--database-url", url, "--objects", "price").exit()).isZero();

    // the price table as an older definition left it: text fields held as a number, a decimal, a boolean and
    // a date, and a decimal held as bigint; each converts to the pinned type with every value as it was
    TestPostgres.execute(url, "ALTER TABLE stripe.price"
        + " ALTER COLUMN nickname TYPE bigint USING length(id) * 1000 + length(coalesce(nickname, '')),"
        + " ALTER COLUMN lookup_key TYPE numeric USING length(id) / 8.0,"
        + " ALTER COLUMN currency TYPE boolean USING currency = 'usd',"
        + " ALTER COLUMN tax_behavior TYPE date USING date '2026-01-01' + length(id),"
        + " ALTER COLUMN unit_amount_decimal TYPE bigint USING round(unit_amount_decimal)::bigint;"
        + " UPDATE stripe.price SET nickname = NULL WHERE id = (SELECT min(id) FROM stripe.price)");
    String[] retyped = {"nickname", "lookup_key", "currency", "tax_behavior", "unit_amount_decimal"};
    String rows = "SELECT string_agg(id || '|' || concat_ws('|', " + String.join(", ",
        java.util.Arrays.stream(retyped).map(c -> "coalesce(" + c + "::text, '-')").toList()) + "), ',' ORDER BY id) FROM stripe.price";
    List<String> held = TestPostgres.column(url, rows);
    List<String> comments = new ArrayList<>();
    for (String column : retyped) {
      comments.add(comment(url, "price", column));
    }
    assertThat(held.get(0)).contains("|true|").contains("|2026-01-");
    long migrationsBefore = migrations(url);

    Run run = ferry("sync", "stripe", "--database-url", url, "--objects", "price");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("stripe.price.nickname: retyped in place from bigint to text")
        .contains("stripe.price.lookup_key: retyped in place from numeric to text")
        .contains("stripe.price.currency: retyped in place from boolean to text")
        .contains("stripe.price.tax_behavior: retyped in place from date to text")
        .contains("stripe.price.unit_amount_decimal: retyped in place from bigint to numeric")
        .doesNotContain("deprecated").doesNotContain("are kept in");
    for (String column : retyped) {
      assertThat(columnType(url, "price", column)).as(column).isEqualTo(column.equals("unit_amount_decimal") ? "numeric" : "text");
    }
    // every value kept as it was, row for row, in the same column: nothing renamed, nothing marked
    assertThat(TestPostgres.column(url, rows)).isEqualTo(held);
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'stripe.price'::regclass"
        + " AND attname LIKE '%\\_\\_%'")).containsExactly("0");
    for (int i = 0; i < retyped.length; i++) {
      assertThat(comment(url, "price", retyped[i])).isEqualTo(comments.get(i));
    }
    assertThat(TestPostgres.column(url, "SELECT statement FROM ferry.migrations ORDER BY id OFFSET " + migrationsBefore))
        .containsExactlyInAnyOrder(java.util.Arrays.stream(retyped).map(c -> "ALTER TABLE \"stripe\".\"price\" ALTER COLUMN \""
            + c + "\" TYPE " + (c.equals("unit_amount_decimal") ? "numeric" : "text") + " USING \"" + c + "\"::"
            + (c.equals("unit_amount_decimal") ? "numeric" : "text")).toArray(String[]::new));

    long migrated = migrations(url);
    Run again = ferry("sync", "stripe", "--database-url", url, "--objects", "price");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).doesNotContain("retyped");
    assertThat(migrations(url)).isEqualTo(migrated);
    assertThat(TestPostgres.column(url, rows)).isEqualTo(held);
  }

  private static long migrations(String url) throws Exception {
    return Long.parseLong(TestPostgres.column(url, "SELECT count(*) FROM ferry.migrations").get(0));
  }

  private static String columnType(String url, String column) throws Exception {
    return columnType(url, "customer", column);
  }

  private static String columnType(String url, String table, String column) throws Exception {
    return TestPostgres.column(url, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
        + " WHERE attrelid = 'stripe." + table + "'::regclass AND attname = '" + column + "'").get(0);
  }

  private static String comment(String url, String column) throws Exception {
    return comment(url, "customer", column);
  }

  private static String comment(String url, String table, String column) throws Exception {
    return TestPostgres.column(url, "SELECT col_description('stripe." + table + "'::regclass, attnum) FROM pg_attribute"
        + " WHERE attrelid = 'stripe." + table + "'::regclass AND attname = '" + column + "'").get(0);
  }

  private Run ferry(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (args[0].equals("sync")) {
      all.addAll(List.of("--api-key", sandbox.apiKey(), "--api-base", sandbox.baseUrl(), "--rate", "1000"));
    }
    return Cli.run(all);
  }
}
