package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.db.Database;
import dev.ferry.sandbox.stripe.Faults;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.sync.source.InvalidResponseException;
import dev.ferry.sync.source.stripe.StripeConfig;
import dev.ferry.sync.source.stripe.StripeSource;
import dev.ferry.sync.source.stripe.StripeWebhooks;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.StripeSandboxes;
import dev.ferry.testing.TestPostgres;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8, item 5: objects the sandbox serves with values no column holds, names Postgres cannot
 * take as they are, no id, and answers that are not JSON, of the wrong shape, or never end. The sync
 * quarantines what cannot be written in {@code ferry.rejected}, writes the rest, moves its cursor on,
 * and stops with one line on an answer it cannot use.
 */
class PoisonObjectTest {
  private static final String LONG_PREFIX = "an_unusually_long_field_name_that_keeps_going_well_past_sixty_three_bytes";
  @RegisterExtension final StripeSandboxes sandboxes = new StripeSandboxes();
  private StripeSandbox sandbox;

  @Test
  void poisonObjectsAreQuarantinedTheRestIsWrittenAndTheCursorMovesOn() throws Exception {
    SandboxData data = SandboxData.generate(21, 200);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("poison_objects");
    List<String> ids = data.liveIds(ObjectType.CUSTOMER);
    // fields outside the pinned version's definition, as an account on another version sends them
    addField(data, ids.get(0), "_ferry_changed_at", "named like a metadata column");
    addField(data, ids.get(0), "default_source_id", "named like the default_source reference's column");
    addField(data, ids.get(1), LONG_PREFIX + "_alpha", "a");
    addField(data, ids.get(1), LONG_PREFIX + "_beta", "b");
    data.edit(ObjectType.CUSTOMER, ids.get(2), "customer.updated", c -> c.put("created", -99_999_999_999_999L));
    data.edit(ObjectType.CUSTOMER, ids.get(3), "customer.updated", c -> c.put("balance", BigInteger.TEN.pow(30)));
    data.edit(ObjectType.CUSTOMER, ids.get(4), "customer.updated",
        c -> c.put("balance", BigInteger.TWO.pow(64).add(BigInteger.valueOf(5))));
    data.edit(ObjectType.CUSTOMER, ids.get(5), "customer.updated", c -> c.remove("id"));
    String idlessEmail = data.retrieve(ObjectType.CUSTOMER, ids.get(5)).orElseThrow().path("email").asText();

    Run first = sync(url);

    assertThat(first.exit()).as(first.err()).isEqualTo(9);
    assertThat(first.out()).contains(", 2 rejected");
    assertThat(first.err()).startsWith("ferry: 2 objects could not be written and are kept in ferry.rejected");
    assertThat(first.out()).contains("rejected customer " + ids.get(2) + ": created is -99999999999999 seconds from 1970,"
        + " outside the times Postgres can store (4713 BC to 294276 AD)");
    assertThat(TestPostgres.column(url,
        "SELECT object_type || ' ' || coalesce(object_id, '(none)') || ': ' || reason FROM ferry.rejected ORDER BY object_id"))
        .containsExactly(
            "customer " + ids.get(2) + ": created is -99999999999999 seconds from 1970, outside the times Postgres can store"
                + " (4713 BC to 294276 AD)",
            "customer (none): the object has no id");
    assertThat(TestPostgres.column(url, "SELECT payload::jsonb ->> 'email' FROM ferry.rejected WHERE object_id IS NULL"))
        .containsExactly(idlessEmail);
    assertThat(TestPostgres.column(url, "SELECT payload::jsonb ->> 'created' FROM ferry.rejected WHERE object_id IS NOT NULL"))
        .containsExactly("-99999999999999");
    // everything else is written: no '' or 'null' ids, and the other poison objects are stored exactly
    TreeSet<String> expected = new TreeSet<>(ids);
    expected.remove(ids.get(2));
    expected.remove(ids.get(5));
    assertThat(new TreeSet<>(TestPostgres.column(url, "SELECT id FROM stripe.customer"))).isEqualTo(expected);
    assertThat(TestPostgres.column(url, "SELECT balance::text FROM stripe.customer WHERE id IN ('"
        + ids.get(3) + "', '" + ids.get(4) + "') ORDER BY stripe.customer.balance"))
        .containsExactly("18446744073709551621", "1000000000000000000000000000000");
    assertThat(TestPostgres.column(url, "SELECT data_type FROM information_schema.columns"
        + " WHERE table_schema = 'stripe' AND table_name = 'customer' AND column_name = 'balance'")).containsExactly("numeric");
    assertThat(TestPostgres.column(url, "SELECT statement FROM ferry.migrations WHERE statement LIKE '%TYPE numeric'"))
        .containsExactly("ALTER TABLE \"stripe\".\"customer\" ALTER COLUMN \"balance\" TYPE numeric");
    // names Postgres cannot take as they are get a hash suffix; each keeps its own value
    List<String> mapped = TestPostgres.column(url, "SELECT column_name FROM information_schema.columns"
        + " WHERE table_schema = 'stripe' AND table_name = 'customer' AND column_name ~ '_[0-9a-f]{8}$' ORDER BY column_name");
    assertThat(mapped).as(String.join(",", TestPostgres.column(url, "SELECT column_name FROM information_schema.columns"
        + " WHERE table_schema = 'stripe' AND table_name = 'customer'")) + first.out()).hasSize(4).allSatisfy(name -> assertThat(name.length()).isLessThanOrEqualTo(63));
    assertThat(mapped).anySatisfy(name -> assertThat(name).startsWith("_ferry_changed_at_"))
        .anySatisfy(name -> assertThat(name).startsWith("default_source_id_"));
    List<String> stored = new ArrayList<>();
    for (String column : mapped) {
      stored.addAll(TestPostgres.column(url, "SELECT \"" + column + "\" FROM stripe.customer WHERE \"" + column + "\" IS NOT NULL"));
    }
    assertThat(stored).containsExactlyInAnyOrder("named like a metadata column",
        "named like the default_source reference's column", "a", "b");
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer WHERE _ferry_changed_at IS NOT NULL"
        + " OR default_source_id IS NOT NULL AND default_source_id LIKE 'named%'")).containsExactly("0");

    // the change feed: a poison update is quarantined, the changes after it are applied, the cursor moves on
    data.edit(ObjectType.CUSTOMER, ids.get(6), "customer.updated", c -> c.put("created", 99_999_999_999_999L));
    data.edit(ObjectType.CUSTOMER, ids.get(7), "customer.updated", c -> c.put("email", "after.the.poison@example.com"));
    Run second = sync(url);
    assertThat(second.exit()).as(second.err()).isEqualTo(9);
    assertThat(second.out()).contains("0 objects backfilled, ").contains(", 1 rejected");
    assertThat(TestPostgres.column(url, "SELECT reason FROM ferry.rejected WHERE object_id = '" + ids.get(6) + "'"))
        .containsExactly("created is 99999999999999 seconds from 1970, outside the times Postgres can store (4713 BC to 294276 AD)");
    assertThat(TestPostgres.column(url, "SELECT email FROM stripe.customer WHERE id = '" + ids.get(7) + "'"))
        .containsExactly("after.the.poison@example.com");

    Run third = sync(url);
    assertThat(third.exit()).as(third.err()).isZero();
    assertThat(third.out()).contains("0 objects backfilled, ").doesNotContain("rejected");

    // the quarantined customer is mended at the source: once it is written, its row leaves ferry.rejected
    List<String> quarantined = TestPostgres.column(url, "SELECT coalesce(object_id, '(none)') FROM ferry.rejected ORDER BY 1");
    assertThat(quarantined).contains(ids.get(6));
    data.edit(ObjectType.CUSTOMER, ids.get(6), "customer.updated", c -> c.put("created", 1_767_225_600L));
    Run fourth = sync(url);
    assertThat(fourth.exit()).as(fourth.err()).isZero();
    assertThat(TestPostgres.column(url, "SELECT extract(epoch FROM created)::bigint FROM stripe.customer WHERE id = '" + ids.get(6) + "'"))
        .containsExactly("1767225600");
    assertThat(TestPostgres.column(url, "SELECT coalesce(object_id, '(none)') FROM ferry.rejected ORDER BY 1"))
        .as("only the mended object left the quarantine").isEqualTo(quarantined.stream().filter(id -> !id.equals(ids.get(6))).toList());
  }

  @Test
  void aPoisonWebhookIsAnsweredAndQuarantinedAndTheNextDeliveryOfItsTypeIsApplied() throws Exception {
    SandboxData data = SandboxData.generate(22, 150);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("poison_webhooks");
    String secret = "whsec_poisontest";
    StripeSource source = new StripeSource(StripeConfig.of(sandbox.apiKey(), URI.create(sandbox.baseUrl()), 1000),
        new StripeWebhooks(List.of(secret), Duration.ofSeconds(300), Clock.systemUTC()));
    SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), SyncListener.SILENT);
    engine.run(new SyncEngine.Options(List.of("customer"), 4, false, Duration.ofMillis(50), 500));
    List<String> ids = data.liveIds(ObjectType.CUSTOMER);
    try (WebhookServer server = new WebhookServer(engine, source, "127.0.0.1", 0, "/webhooks/stripe", SyncListener.SILENT)) {
      server.start();
      sandbox.webhooks().register("http://127.0.0.1:" + server.port() + "/webhooks/stripe", secret);
      data.edit(ObjectType.CUSTOMER, ids.get(0), "customer.updated", c -> c.put("created", -99_999_999_999_999L));
      data.edit(ObjectType.CUSTOMER, ids.get(1), "customer.updated", c -> c.remove("id"));
      addField(data, ids.get(2), "_ferry_synced_at", "a field named like a metadata column");
      data.edit(ObjectType.CUSTOMER, ids.get(2), "customer.updated", c -> c.put("email", "first.after@example.com"));
      data.edit(ObjectType.CUSTOMER, ids.get(3), "customer.updated", c -> c.put("email", "second.after@example.com"));
      sandbox.webhooks().flush();

      assertThat(sandbox.webhooks().deliveries()).hasSize(4).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
    }
    assertThat(TestPostgres.column(url, "SELECT coalesce(object_id, '(none)') FROM ferry.rejected ORDER BY object_id"))
        .containsExactly(ids.get(0), "(none)");
    assertThat(TestPostgres.column(url, "SELECT email FROM stripe.customer WHERE id IN ('" + ids.get(2) + "', '"
        + ids.get(3) + "') ORDER BY email")).containsExactly("first.after@example.com", "second.after@example.com");
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer WHERE id IN ('', 'null')")).containsExactly("0");
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe.customer WHERE _ferry_synced_at IS NULL")).containsExactly("0");
  }

  /** A field only {@code id}'s customer has (every other customer has it null). */
  private static void addField(SandboxData data, String id, String field, String value) {
    data.addField(ObjectType.CUSTOMER, field, of -> of.equals(id) ? TextNode.valueOf(value) : NullNode.getInstance());
  }

  @Test
  void aListOfTheWrongShapeStopsWithOneLineAndExitCode10AndTheRerunCompletes() throws Exception {
    SandboxData data = SandboxData.generate(23, 100);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("poison_shape");
    sandbox.faults().script(Faults.Kind.WRONG_SHAPE);

    Run broken = sync(url);

    assertThat(broken.exit()).isEqualTo(10);
    assertThat(broken.err().strip()).isEqualTo("ferry: sync stopped: Stripe API v1/events sent an invalid response: expected a list"
        + " (an object with a data array and has_more), got an object with object (string), data (string),"
        + " has_more (boolean), url (string) (cursors kept where they were; rerun to resume)");
    Run rerun = sync(url);
    assertThat(rerun.exit()).as(rerun.err()).isZero();
    SandboxComparison.assertMatches(url, "stripe", data);
  }

  @Test
  void aBodyThatIsNotJsonIsAnInvalidResponseAndOneCutShortIsReadAgain() throws Exception {
    SandboxData data = SandboxData.generate(24, 100);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("poison_body");
    StripeSource source = new StripeSource(new StripeConfig(sandbox.apiKey(), URI.create(sandbox.baseUrl()), 1000, 3,
        Duration.ofMillis(1)));
    SyncEngine engine = new SyncEngine(Database.of(url), source, TableLayout.ownSchema("stripe"), SyncListener.SILENT);

    sandbox.faults().script(Faults.Kind.NOT_JSON, Faults.Kind.NOT_JSON, Faults.Kind.NOT_JSON);
    assertThatThrownBy(() -> engine.run(SyncEngine.Options.once()))
        .isInstanceOf(InvalidResponseException.class)
        .hasMessage("Stripe API v1/events still failing after 3 attempts: invalid response (the body is not JSON:"
            + " it starts with <html><head><title>502 Bad Gateway</titl…)");

    sandbox.faults().script(Faults.Kind.TRUNCATED, Faults.Kind.NONE, Faults.Kind.TRUNCATED);
    long served = sandbox.stats().requestsServed();
    engine.run(SyncEngine.Options.once());
    assertThat(sandbox.stats().requestsServed() - served).as("requests answered, two of them cut short").isGreaterThan(2);
    SandboxComparison.assertMatches(url, "stripe", data);
  }

  @Test
  void aParentWithBadChildrenIsWrittenWithItsGoodChildrenAndOnlyTheBadChildrenAreQuarantined() throws Exception {
    SandboxData data = SandboxData.generate(28, 300);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("poison_children");
    var parent = data.liveObjects(ObjectType.SUBSCRIPTION).stream()
        .filter(s -> s.path("items").path("data").size() >= 3).findFirst().orElseThrow();
    String subscription = parent.path("id").asText();
    int items = itemCount(subscription);
    // one item Postgres refuses (jsonb cannot hold the character NUL), one Ferry itself knows no column can hold
    String refused = data.editChild(ObjectType.SUBSCRIPTION, subscription, 0, "customer.subscription.updated",
        item -> item.putObject("metadata").put("note", "nul\u0000here")).get(1);
    String outOfRange = data.editChild(ObjectType.SUBSCRIPTION, subscription, 1, "customer.subscription.updated",
        item -> item.put("current_period_end", -99_999_999_999_999L)).get(1);

    Run first = sync(url);

    assertThat(first.exit()).as(first.err()).isEqualTo(9);
    assertThat(first.out()).contains(", 2 rejected");
    assertThat(TestPostgres.column(url, "SELECT object_type || ' ' || object_id || ': ' || reason FROM ferry.rejected"
        + " ORDER BY reason")).containsExactly(
            "subscription_item " + refused + ": Postgres refused it: unsupported Unicode escape sequence"
                + " (in subscription " + subscription + ", written without it)",
            "subscription_item " + outOfRange + ": current_period_end is -99999999999999 seconds from 1970, outside the times Postgres"
                + " can store (4713 BC to 294276 AD) (in subscription " + subscription + ", written without it)");
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe.subscription WHERE id = '" + subscription + "'"))
        .containsExactly("1");
    List<String> written = TestPostgres.column(url, "SELECT id FROM stripe.subscription_item WHERE subscription_id = '"
        + subscription + "'");
    assertThat(written).hasSize(items - 2).doesNotContain(refused, outOfRange);
    assertThat(TestPostgres.column(url, "SELECT payload::jsonb ->> 'current_period_end' FROM ferry.rejected"
        + " WHERE object_id = '" + outOfRange + "'")).containsExactly("-99999999999999");

    // both are mended at the source: once written, they leave the quarantine
    data.editChild(ObjectType.SUBSCRIPTION, subscription, 0, "customer.subscription.updated",
        item -> item.putObject("metadata").put("note", "mended"));
    data.editChild(ObjectType.SUBSCRIPTION, subscription, 1, "customer.subscription.updated",
        item -> item.put("current_period_end", 1_767_225_600L));
    Run second = sync(url);
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM ferry.rejected")).containsExactly("0");
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM stripe.subscription_item WHERE subscription_id = '"
        + subscription + "'")).containsExactly(String.valueOf(items));
    SandboxComparison.assertMatches(url, "stripe", data);
  }

  /** The subscription's items as Stripe lists them (its own nested list shows only 10). */
  private int itemCount(String subscription) throws Exception {
    var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            URI.create(sandbox.baseUrl() + "/v1/subscription_items?limit=100&subscription=" + subscription))
        .header("Authorization", "Bearer " + sandbox.apiKey()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    var list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    assertThat(list.path("has_more").asBoolean()).isFalse();
    return list.path("data").size();
  }

  @Test
  void listsThatAlwaysSayHasMoreStopWithOneLineInTheBackfillAndInTheChangeFeed() throws Exception {
    SandboxData data = SandboxData.generate(25, 120);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("poison_endless");
    sandbox.faults().endlessLists(true);

    Run backfill = sync(url, "--objects", "customer");

    assertThat(backfill.exit()).isEqualTo(10);
    assertThat(backfill.err().strip()).isEqualTo("ferry: sync stopped: Stripe API /v1/customers sent an invalid response:"
        + " it says more objects follow but gives none past the last one read; stopping instead of paging forever"
        + " (cursors kept where they were; rerun to resume)");

    sandbox.faults().endlessLists(false);
    assertThat(sync(url, "--objects", "customer").exit()).isZero();
    data.mutate(26, 20);
    assertThat(sync(url, "--objects", "customer").exit()).isZero(); // the change cursor now names an event
    data.mutate(27, 20);
    sandbox.faults().endlessLists(true);
    Run changes = sync(url, "--objects", "customer");
    assertThat(changes.exit()).isEqualTo(10);
    assertThat(changes.err().strip()).isEqualTo("ferry: sync stopped: the stripe change feed says more changes follow"
        + " but gives none past the last one applied; stopping instead of asking forever"
        + " (cursors kept where they were; rerun to resume)");
    sandbox.faults().endlessLists(false);
    assertThat(sync(url, "--objects", "customer").exit()).isZero();
    assertThat(new TreeSet<>(TestPostgres.column(url, "SELECT id FROM stripe.customer")))
        .isEqualTo(new TreeSet<>(data.liveIds(ObjectType.CUSTOMER)));
  }

  private Run sync(String url, String... extra) {
    return Cli.syncStripe(sandbox, url, extra);
  }
}
