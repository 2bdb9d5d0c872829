package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.sync.source.Field;
import dev.ferry.sync.source.FieldType;
import dev.ferry.sync.source.ObjectType;
import dev.ferry.sync.source.stripe.StripeConfig;
import dev.ferry.sync.source.stripe.StripeSource;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableManagerTest {
  /** The source whose tables these are; asked only for its name and version, so it sends no request. */
  private static final StripeSource STRIPE = new StripeSource(StripeConfig.of("sk_test_unused", StripeConfig.DEFAULT_BASE, 1));
  @Test
  void tablesAddCreatesTheTableWithTypedColumnsAndReferenceCommentsThenChangesNothingOnARerun() throws SQLException {
    String url = TestPostgres.newDatabase("tables_add");
    Run first = ferry("tables", "add", "stripe", "refund", "--database-url", url);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("CREATE TABLE \"stripe\".\"refund\"");

    assertThat(TestPostgres.column(url, "SELECT column_name || ' ' || data_type FROM information_schema.columns"
        + " WHERE table_schema = 'stripe' AND table_name = 'refund' ORDER BY ordinal_position"))
        .startsWith("id text", "amount bigint", "balance_transaction_id text", "charge_id text", "created timestamp with time zone")
        .contains("metadata jsonb", "_ferry_changed_at timestamp with time zone", "_ferry_synced_at timestamp with time zone");
    assertThat(TestPostgres.column(url, "SELECT col_description('stripe.refund'::regclass, attnum) FROM pg_attribute"
        + " WHERE attrelid = 'stripe.refund'::regclass AND attname = 'charge_id'"))
        .containsExactly("ferry:references=stripe.charge.id");
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).containsExactly("0");
    assertThat(TestPostgres.column(url, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'stripe' AND tablename = 'refund'"
        + " AND indexname <> 'refund_pkey' ORDER BY 1"))
        .as("every reference column is indexed, for lookups from its target")
        .contains("CREATE INDEX refund_charge_id_idx ON stripe.refund USING btree (charge_id)")
        .allMatch(definition -> definition.endsWith("_id)"));
    List<String> migrations = TestPostgres.column(url, "SELECT count(*) FROM ferry.migrations");

    Run second = ferry("tables", "add", "stripe", "refund", "--database-url", url);
    assertThat(second.exit()).isZero();
    assertThat(second.out()).contains("up to date; nothing changed");
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM ferry.migrations")).isEqualTo(migrations);
  }

  @Test
  void aPolymorphicFieldBecomesAnIndexedSourceIdColumnDeclaringItsTablesByIdPrefix() throws SQLException {
    String url = TestPostgres.newDatabase("tables_polymorphic");
    Run result = ferry("tables", "add", "stripe", "balance_transaction", "--database-url", url);
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(TestPostgres.column(url, "SELECT col_description('stripe.balance_transaction'::regclass, attnum) FROM pg_attribute"
        + " WHERE attrelid = 'stripe.balance_transaction'::regclass AND attname = 'source_id'"))
        .singleElement().asString()
        .startsWith("ferry:polymorphic=ch_=stripe.charge.id py_=stripe.charge.id re_=stripe.refund.id");
    assertThat(TestPostgres.column(url, "SELECT indexdef FROM pg_indexes WHERE tablename = 'balance_transaction' AND indexdef LIKE '%(source_id)'"))
        .hasSize(1);
  }

  @Test
  void aTablePrefixPutsTablesInAnExistingSchemaAndCommentsNameThePrefixedTarget() throws SQLException {
    String url = TestPostgres.newDatabase("tables_prefix");
    Run result = ferry("tables", "add", "stripe", "subscription", "--table-prefix", "public.stripe_", "--database-url", url);
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(TestPostgres.column(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"))
        .containsExactly("stripe_subscription", "stripe_subscription_item");
    assertThat(TestPostgres.column(url, "SELECT col_description('public.stripe_subscription'::regclass, attnum) FROM pg_attribute"
        + " WHERE attrelid = 'public.stripe_subscription'::regclass AND attname IN ('customer_id', 'discounts') ORDER BY attname"))
        .containsExactly("ferry:references=public.stripe_customer.id", "ferry:references=public.stripe_discount.id");
    assertThat(TestPostgres.column(url, "SELECT data_type FROM information_schema.columns WHERE table_name = 'stripe_subscription'"
        + " AND column_name = 'discounts'")).containsExactly("ARRAY");
  }

  @Test
  void aSchemaNameWithUpperCaseIsQuotedInTheReferenceComment() throws SQLException {
    String url = TestPostgres.newDatabase("tables_quoted");
    Run result = ferry("tables", "add", "stripe", "refund", "--schema", "Billing", "--database-url", url);
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(TestPostgres.column(url, "SELECT col_description('\"Billing\".refund'::regclass, attnum) FROM pg_attribute"
        + " WHERE attrelid = '\"Billing\".refund'::regclass AND attname = 'charge_id'"))
        .containsExactly("ferry:references=\"Billing\".charge.id");
  }

  @Test
  void aNewFieldBecomesAColumnInPlaceWithoutLosingRows() throws SQLException {
    String url = TestPostgres.newDatabase("tables_widen");
    TableManager manager = new TableManager(STRIPE, TableLayout.ownSchema("stripe"));
    ObjectType before = ObjectType.of("customer", List.of(Field.of("email", FieldType.STRING)));
    try (Connection connection = Database.of(url).connect()) {
      manager.ensure(connection, List.of(before));
      TestPostgres.execute(url, "INSERT INTO stripe.customer (id, email) VALUES ('cus_1', 'a@example.com')");
      ObjectType after = ObjectType.of("customer", List.of(Field.of("email", FieldType.STRING),
          Field.of("loyalty_tier", FieldType.STRING), new Field("favourite_product", FieldType.REFERENCE, "product")));

      List<String> applied = manager.ensure(connection, List.of(after));
      assertThat(applied).hasSize(4).allMatch(sql -> sql.startsWith("ALTER TABLE") || sql.startsWith("COMMENT ON COLUMN")
          || sql.equals("CREATE INDEX ON \"stripe\".\"customer\" (\"favourite_product_id\")"));
      assertThat(new TableManager(STRIPE, TableLayout.ownSchema("stripe")).ensure(connection, List.of(after))).isEmpty();
    }
    assertThat(TestPostgres.column(url, "SELECT id || ' ' || email || ' ' || coalesce(loyalty_tier, '-') FROM stripe.customer"))
        .containsExactly("cus_1 a@example.com -");
    assertThat(TestPostgres.column(url, "SELECT column_name FROM information_schema.columns WHERE table_name = 'customer' AND column_name LIKE 'fav%'"))
        .containsExactly("favourite_product_id");
  }

  private static Run ferry(String... args) {
    return Cli.run(args);
  }

}
