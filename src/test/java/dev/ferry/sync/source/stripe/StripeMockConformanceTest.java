package dev.ferry.sync.source.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.db.Database;
import dev.ferry.sync.source.Change;
import dev.ferry.sync.source.ChangeBatch;
import dev.ferry.sync.source.Field;
import dev.ferry.sync.source.Page;
import dev.ferry.sync.source.Slice;
import dev.ferry.sync.writer.Sql;
import dev.ferry.testing.Cli;
import dev.ferry.testing.TestPostgres;
import dev.ferry.testing.Toolchains;
import dev.ferry.vendor.stripe.StripeApi;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ferry's Stripe source against stripe-mock, Stripe's own mock server, which validates every request
 * against the OpenAPI spec of the pinned version ({@code -strict-version-check}: a request at another
 * {@code Stripe-Version} is refused) and answers with objects of that spec. Every request shape the
 * source sends is driven through its real code paths: each list with and without {@code created}
 * windows and with {@code starting_after}, payment methods per customer, nested lists past their first
 * page, retrieves of objects from events at another version, and the Events API both ways. Then a
 * full {@code ferry sync stripe} fills every table, whose columns are the version's fields.
 */
class StripeMockConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Process mock;
  private static URI base;

  @BeforeAll
  static void startStripeMock() throws Exception {
    var dir = Toolchains.ensure("stripe-mock");
    mock = new ProcessBuilder(dir.resolve("bin/stripe-mock").toString(), "-http-addr", "127.0.0.1:", "-strict-version-check")
        .redirectErrorStream(true).start();
    BufferedReader output = new BufferedReader(new InputStreamReader(mock.getInputStream(), StandardCharsets.UTF_8));
    Pattern listening = Pattern.compile("Listening for HTTP at address: (\\S+)");
    String line;
    while ((line = output.readLine()) != null) {
      Matcher matcher = listening.matcher(line);
      if (matcher.find()) {
        base = URI.create("http://" + matcher.group(1) + "/");
        break;
      }
    }
    assertThat(base).as("stripe-mock did not start").isNotNull();
    Thread drain = new Thread(() -> output.lines().forEach(l -> {}));
    drain.setDaemon(true);
    drain.start();
  }

  @AfterAll
  static void stopStripeMock() {
    if (mock != null) {
      mock.destroy();
    }
  }

  private static StripeSource source() {
    return new StripeSource(new StripeConfig("sk_test_123", base, 1000, 1, java.time.Duration.ofMillis(10)));
  }

  @Test
  void everyRequestShapeFerrySendsIsAcceptedByStripeMock() throws Exception {
    Set<String> shapes = new LinkedHashSet<>();
    try (StripeSource source = source()) {
      for (StripeObjects.Spec spec : StripeObjects.all().values()) {
        String type = spec.type().name();
        if (spec.listPath() == null) {
          assertThat(source.slices(type, 4)).isEmpty();
          continue;
        }
        List<Slice> slices = source.slices(type, 4);
        assertThat(slices).isNotEmpty();
        Page first = source.backfillPage(slices.get(0), slices.get(0).start());
        assertThat(first.changes()).as(type).isNotEmpty();
        shapes.add(spec.listPath() + (spec.perCustomer() ? " (each customer, after /v1/customers)" : ""));
        String someId = first.changes().stream().filter(c -> c.record() != null && c.record().type().equals(type))
            .findFirst().orElseThrow().record().id();
        if (spec.perCustomer()) {
          assertThat(source.backfillPage(slices.get(0), "customers|" + "cus_123").changes()).isNotEmpty();
          shapes.add(spec.listPath() + " from a customer cursor");
        } else {
          source.backfillPage(new Slice(type, "all", "||"), "||" + someId);
          shapes.add(spec.listPath() + "?starting_after");
        }
        if (spec.createdFilter()) {
          source.backfillPage(new Slice(type, "w1", "1600000000|1700000000|"), "1600000000|1700000000|");
          source.backfillPage(new Slice(type, "w0", "|1700000000|"), "|1700000000|" + someId);
          source.backfillPage(new Slice(type, "w2", "1700000000||"), "1700000000||");
          shapes.add(spec.listPath() + "?created[gte]&created[lt]");
          shapes.add(spec.listPath() + "?created[lt]&starting_after");
          shapes.add(spec.listPath() + "?created[gte]");
        }
        // an event rendered at another API version: the object is retrieved at the pinned one
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "evt_1");
        event.put("type", spec.objectName() + ".updated");
        event.put("api_version", "2024-09-30.acacia");
        event.put("created", 1700000000);
        ObjectNode stale = event.putObject("data").putObject("object");
        stale.put("id", someId);
        stale.put("object", spec.objectName());
        List<Change> changes = source.eventChanges(event);
        assertThat(changes).as("retrieve of " + type).isNotEmpty();
        assertThat(changes.get(0).record().values()).as("retrieved " + type).isNotEmpty();
        shapes.add("retrieve " + type);
      }
      // nested lists past their first page: invoice lines and subscription items from their own endpoints
      for (String parent : List.of("invoice", "subscription")) {
        StripeObjects.Spec spec = StripeObjects.spec(parent);
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "evt_2");
        event.put("type", parent + ".updated");
        event.put("api_version", StripeApi.VERSION);
        event.put("created", 1700000000);
        ObjectNode object = event.putObject("data").putObject("object");
        object.put("id", parent.equals("invoice") ? "in_123" : "sub_123");
        object.put("object", spec.objectName());
        ObjectNode nested = object.putObject(spec.nestedListField());
        nested.put("object", "list");
        nested.put("has_more", true);
        nested.put("url", parent.equals("invoice") ? "/v1/invoices/in_123/lines" : "/v1/subscription_items?subscription=sub_123");
        ObjectNode item = nested.putArray("data").addObject();
        item.put("id", parent.equals("invoice") ? "il_1" : "si_1");
        List<Change> changes = source.eventChanges(event);
        assertThat(changes.get(0).children()).isNotEmpty();
        assertThat(changes.get(0).children().get(0).records().size()).as(parent + " children").isGreaterThan(1);
        shapes.add(nested.path("url").asText() + "&starting_after");
      }
      // the Events API: from the start, and forward from an event
      ChangeBatch all = source.changes(source.changeCursorNow(), Set.copyOf(StripeObjects.all().keySet()), 100);
      assertThat(all.next()).isNotBlank();
      source.changes("{\"event\":null,\"created\":0,\"lists\":{}}", Set.of("customer"), 100);
      shapes.add("/v1/events?ending_before");
      shapes.add("/v1/events?starting_after (from the start)");
      shapes.add("/v1/balance_transactions?created[gte] (types without events)");
    }
    System.out.println("stripe-mock accepted " + shapes.size() + " request shapes: " + shapes);
    assertThat(shapes.size()).isGreaterThan(60);
  }

  @Test
  void aFullSyncAgainstStripeMockFillsEveryTableWithThePinnedVersionsColumns() throws Exception {
    String url = TestPostgres.newDatabase("stripe_mock");
    Cli.run("sync", "stripe", "--database-url", url, "--api-key", "sk_test_123", "--api-base", base.toString(), "--rate", "1000")
        .expecting(0);
    int filled = 0;
    try (Connection connection = Database.of(url).connect()) {
      for (StripeObjects.Spec spec : StripeObjects.all().values()) {
        String table = "stripe." + Sql.quote(spec.type().name());
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
          rows.next();
          assertThat(rows.getLong(1)).as("rows in " + table).isPositive();
          filled++;
        }
        Set<String> columns = new TreeSet<>();
        try (ResultSet rows = connection.getMetaData().getColumns(null, "stripe", spec.type().name(), null)) {
          while (rows.next()) {
            columns.add(rows.getString("COLUMN_NAME"));
          }
        }
        Set<String> expected = new TreeSet<>(List.of("id", "_ferry_changed_at", "_ferry_synced_at"));
        for (StripeApi.ApiField field : StripeApi.type(spec.type().name()).fields()) {
          if (field.kind() != StripeApi.Kind.LIST) {
            Field stored = StripeObjects.field(field);
            expected.add(stored.columnName());
          }
        }
        assertThat(columns).as("columns of " + table).isEqualTo(expected);
      }
    }
    System.out.println("stripe-mock full sync filled " + filled + " tables");
    assertThat(filled).isEqualTo(StripeObjects.all().size());
  }
}
