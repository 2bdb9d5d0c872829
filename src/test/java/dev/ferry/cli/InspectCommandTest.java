package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.db.Database;
import dev.ferry.errors.ExitCodes;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.HangGuard;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry inspect} end to end: real Postgres, real inference, both formats. */
class InspectCommandTest {
  private static String url;

  @BeforeAll
  static void createSchemas() {
    url = TestPostgres.newDatabase("inspect_command");
    TestPostgres.execute(
        url,
        """
        CREATE SCHEMA stripe;
        CREATE TABLE stripe.customer (id text PRIMARY KEY, email text);
        CREATE TABLE stripe.payment_method (id text PRIMARY KEY, customer_id text);
        CREATE TABLE stripe.subscription (
          id text PRIMARY KEY, customer_id text NOT NULL, default_payment_method_id text,
          created timestamptz NOT NULL);
        COMMENT ON TABLE stripe.subscription IS 'Recurring charges';
        CREATE TABLE stripe.webhook_log (received timestamptz, body jsonb);
        CREATE VIEW stripe.active_subscription AS SELECT id, customer_id FROM stripe.subscription;
        CREATE SCHEMA synced;
        CREATE TABLE synced.stripe_customer (id text PRIMARY KEY);
        CREATE TABLE synced.stripe_subscription (id text PRIMARY KEY, customer_id text);
        CREATE TABLE synced.other_thing (id int);
        CREATE SCHEMA sampled;
        CREATE TABLE sampled.account (id text PRIMARY KEY);
        CREATE TABLE sampled.charge (id text PRIMARY KEY, on_behalf_of_id text);
        INSERT INTO sampled.account VALUES ('acct_1Nv0FG'), ('acct_1Nv0FH');
        INSERT INTO sampled.charge VALUES ('ch_3Mtw', 'acct_1Nv0FG'), ('ch_3Mtx', 'acct_1Nv0FH');
        CREATE SCHEMA capped;
        CREATE TABLE capped.account (id text PRIMARY KEY);
        CREATE TABLE capped.event (on_behalf_of_id text); -- no index: reading the catalog needs no lock on it
        INSERT INTO capped.account VALUES ('acct_1Nv0FG');
        INSERT INTO capped.event VALUES ('acct_1Nv0FG');
        CREATE SCHEMA "Odd ""Schema""\";
        CREATE TABLE "Odd ""Schema""\"."Order" ("Id" int PRIMARY KEY, "select" text, "user name" text);
        CREATE TABLE "Odd ""Schema""\"."Line Item" ("ID" int PRIMARY KEY, "Order Id" int, "ünï" text);
        """);
  }

  private static Run ferry(String... args) {
    return Cli.run(args);
  }

  private static String section(String report, String table) {
    int start = report.indexOf("== " + table + " (");
    assertThat(start).as("section of " + table).isNotNegative();
    int end = report.indexOf("\n== ", start + 1);
    return report.substring(start, end < 0 ? report.length() : end);
  }

  @Test
  void printsBothDirectionsOfAnInferredReference() {
    Run outcome = ferry("inspect", "--database-url", url, "--schema", "stripe");
    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.err()).isEmpty();
    String subscription = section(outcome.out(), "stripe.subscription");
    assertThat(subscription)
        .contains("   Recurring charges\n")
        .contains("customer → stripe.customer (customer_id, evidence: name)")
        .contains("default_payment_method → stripe.payment_method (default_payment_method_id, evidence: suffix)");
    assertThat(section(outcome.out(), "stripe.customer"))
        .contains("subscriptions ← stripe.subscription.customer_id (evidence: name)")
        .contains("payment_methods ← stripe.payment_method.customer_id (evidence: name)");
    assertThat(section(outcome.out(), "stripe.payment_method"))
        .contains("← stripe.subscription.default_payment_method_id (evidence: suffix)");
  }

  @Test
  void saysWhenATableHasNoPrimaryKeyButNotForAView() {
    Run outcome = ferry("inspect", "--database-url", url, "--schema", "stripe");
    assertThat(section(outcome.out(), "stripe.webhook_log")).contains("   Primary key: none\n");
    assertThat(section(outcome.out(), "stripe.active_subscription"))
        .startsWith("== stripe.active_subscription (view)\n")
        .doesNotContain("Primary key");
  }

  @Test
  void inspectsHostileNamesExactlyInBothFormats() throws Exception {
    String schema = "Odd \"Schema\"";
    Run text = ferry("inspect", "--database-url", url, "--schema", schema);
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("== \"Odd \"\"Schema\"\"\".\"Order\" (table)")
        .contains("     \"user name\"  text     null");
    Run json = ferry("inspect", "--database-url", url, "--schema", schema, "--format", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.get("schemas").get(0).asText()).isEqualTo(schema);
    assertThat(StreamSupport.stream(root.get("tables").spliterator(), false).map(t -> t.get("name").asText()))
        .containsExactly("Line Item", "Order");
    assertThat(StreamSupport.stream(root.get("tables").get(0).get("columns").spliterator(), false)
            .map(c -> c.get("name").asText()))
        .containsExactly("ID", "Order Id", "ünï");
  }

  @Test
  void resolvesARoleNamedReferenceFromSampledIdPrefixesOnlyWithSample() {
    String reference = "on_behalf_of → sampled.account (on_behalf_of_id, evidence: sample)";
    Run sampled = ferry("inspect", "--database-url", url, "--schema", "sampled", "--sample");
    assertThat(sampled.exit()).as(sampled.err()).isZero();
    assertThat(section(sampled.out(), "sampled.charge")).contains(reference);
    Run unsampled = ferry("inspect", "--database-url", url, "--schema", "sampled");
    assertThat(section(unsampled.out(), "sampled.charge")).doesNotContain(reference).contains("Unresolved");
  }

  @Test
  void saysOnStderrAndInTheJsonWhenSamplingHitItsTimeCap() throws Exception {
    Run outcome;
    try (Connection locker = Database.of(url).connect()) {
      locker.setAutoCommit(false);
      try (Statement lock = locker.createStatement()) {
        lock.execute("LOCK TABLE capped.event IN ACCESS EXCLUSIVE MODE"); // sampling waits out its 10 s cap
        outcome = assertTimeoutPreemptively(HangGuard.LIMIT,
            () -> ferry("inspect", "--database-url", url, "--schema", "capped", "--sample", "--format", "json"));
      } finally {
        locker.rollback();
      }
    }

    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.err())
        .isEqualTo("ferry: warning: sampling values stopped at its time cap; relationships were inferred without samples\n");
    JsonNode root = new ObjectMapper().readTree(outcome.out());
    assertThat(root.get("sampling").asText()).isEqualTo("timed_out");
    assertThat(root.get("unresolved").get(0).get("reason").asText()).contains("sampling stopped at its time cap").doesNotContain("--sample");
    Run sampled = ferry("inspect", "--database-url", url, "--schema", "capped", "--sample", "--format", "json");
    assertThat(sampled.err()).isEmpty();
    assertThat(new ObjectMapper().readTree(sampled.out()).get("sampling").asText()).isEqualTo("taken");
  }

  @Test
  void appliesTheConfigFileGivenWithConfig(@TempDir Path directory) throws Exception {
    Path config = directory.resolve("ferry.yaml");
    Files.writeString(
        config,
        """
        relationships:
          rename:
            - column: stripe.subscription.customer_id
              back: subscriptions_owned
        ignore:
          tables:
            - stripe.webhook_log
        """);
    Run outcome = ferry("inspect", "--database-url", url, "--schema", "stripe", "--config", config.toString());
    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.out()).doesNotContain("webhook_log");
    assertThat(section(outcome.out(), "stripe.customer"))
        .contains("subscriptions_owned ← stripe.subscription.customer_id (evidence: name)");
  }

  @Test
  void aConfigFileWithASyncSectionInspectsFineAndNeverPrintsTheKey(@TempDir Path directory) throws Exception {
    String key = "sk_test_InspectNeverPrintsThis77";
    Path config = directory.resolve("ferry.yaml");
    Files.writeString(config, "sync:\n  stripe:\n    api_key: " + key + "\nignore:\n  tables: [stripe.webhook_log]\n");
    for (String format : new String[] {"text", "json"}) {
      Run outcome = ferry("--debug", "inspect", "--database-url", url, "--schema", "stripe", "--config", config.toString(),
          "--format", format);
      assertThat(outcome.exit()).as(outcome.err()).isZero();
      assertThat(outcome.out()).contains("stripe.customer").doesNotContain("webhook_log").doesNotContain(key);
      assertThat(outcome.err()).isEmpty();
    }
    Files.writeString(config, "sync:\n  stripe:\n    api_key: " + key + "\n    rte: 10\n");
    Run typo = ferry("--debug", "inspect", "--database-url", url, "--schema", "stripe", "--config", config.toString());
    assertThat(typo.exit()).isEqualTo(ExitCodes.BAD_CONFIG);
    assertThat(typo.err()).startsWith("ferry: ferry.yaml line 4: unknown key 'rte' under sync.stripe (expected one of: api_key, rate)")
        .doesNotContain(key);
  }

  @Test
  void anInvalidConfigFileIsABadConfigErrorOnOneLine(@TempDir Path directory) throws Exception {
    Path config = directory.resolve("ferry.yaml");
    Files.writeString(config, "relationships:\n  rename:\n    - colum: stripe.subscription.customer_id\n");
    Run outcome = ferry("inspect", "--database-url", url, "--schema", "stripe", "--config", config.toString());
    assertThat(outcome.exit()).isEqualTo(ExitCodes.BAD_CONFIG);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err().lines()).singleElement().asString().startsWith("ferry: ").contains("line 3");
  }

  @Test
  void limitsTheInspectionToATablePrefixAndStripsItFromNames() {
    Run outcome = ferry("inspect", "--database-url", url, "--schema", "synced", "--table-prefix", "stripe_");
    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.out())
        .startsWith("Schemas: synced (tables starting with \"stripe_\")\n2 tables,")
        .doesNotContain("other_thing")
        .contains("customer → synced.stripe_customer (customer_id, evidence: name)");
    assertThat(section(outcome.out(), "synced.stripe_customer")).contains("names: customer / customers");
  }

  @Test
  void printsTheSameModelAsJson() throws Exception {
    Run outcome = ferry("inspect", "--database-url", url, "--schema", "stripe", "--format", "json");
    assertThat(outcome.exit()).as(outcome.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(outcome.out());
    assertThat(root.get("format").asText()).isEqualTo("ferry.inspect/1");
    assertThat(StreamSupport.stream(root.get("tables").spliterator(), false).map(t -> t.get("name").asText()))
        .containsExactly("active_subscription", "customer", "payment_method", "subscription", "webhook_log");
    JsonNode reference =
        StreamSupport.stream(root.get("references").spliterator(), false)
            .filter(r -> r.get("from").get("name").asText().equals("subscription"))
            .filter(r -> r.get("columns").get(0).asText().equals("customer_id"))
            .findFirst()
            .orElseThrow();
    assertThat(reference.get("to").get("name").asText()).isEqualTo("customer");
    assertThat(reference.get("evidence").asText()).isEqualTo("name");
    assertThat(reference.get("forward").get("words").asText()).isEqualTo("customer");
    assertThat(reference.get("back").get("words").asText()).isEqualTo("subscriptions");
    assertThat(ferry("inspect", "--database-url", url, "--schema", "stripe", "--format", "json").out())
        .isEqualTo(outcome.out());
  }
}
