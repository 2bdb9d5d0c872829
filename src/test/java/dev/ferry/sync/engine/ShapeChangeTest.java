package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.testing.Cli;
import dev.ferry.testing.StripeSandboxes;
import dev.ferry.testing.TestPostgres;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A field that is first a string, then an object: what Stripe's expandable fields do (an id, or the
 * object itself when expanded). A field the pinned version declares expandable keeps the id in its
 * {@code <field>_id} column whichever form comes; a field it does not know keeps the type of its
 * first value (text), and the object is stored whole in it as JSON text. Nothing is lost, nothing is
 * rejected, and the run exits 0 (docs/sync.md, "Known limits").
 */
class ShapeChangeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension final StripeSandboxes sandboxes = new StripeSandboxes();
  private StripeSandbox sandbox;

  @Test
  void aFieldFirstAStringThenAnObjectKeepsItsIdOrItsWholeValueAndTheRunExitsZero() throws Exception {
    SandboxData data = SandboxData.generate(61, 200);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("shape_change");
    String customer = data.liveIds(ObjectType.CUSTOMER).get(0);
    AtomicBoolean expanded = new AtomicBoolean();
    ObjectNode account = JSON.createObjectNode().put("id", "la_" + customer.substring(4)).put("object", "loyalty_account")
        .put("points", 120);
    account.putObject("tier").put("name", "gold");
    // outside the pinned version's definition: an id on every customer, later expanded on one
    data.addField(ObjectType.CUSTOMER, "loyalty_account",
        id -> expanded.get() && id.equals(customer) ? account : TextNode.valueOf("la_" + id.substring(4)));
    data.edit(ObjectType.CUSTOMER, customer, "customer.updated", c -> c.put("default_source", "card_shape1"));

    Cli.Run first = sync(url).expecting(0);
    assertThat(first.out()).doesNotContain("rejected");
    assertThat(column(url, "default_source_id", customer)).isEqualTo("card_shape1");
    assertThat(column(url, "loyalty_account", customer)).isEqualTo("la_" + customer.substring(4));

    expanded.set(true);
    ObjectNode card = JSON.createObjectNode().put("id", "card_shape1").put("object", "card").put("brand", "visa");
    data.edit(ObjectType.CUSTOMER, customer, "customer.updated", c -> c.set("default_source", card));
    Cli.Run second = sync(url).expecting(0);

    assertThat(second.out()).doesNotContain("rejected").doesNotContain("0 changes applied");
    assertThat(column(url, "default_source_id", customer)).as("a declared expandable keeps the id").isEqualTo("card_shape1");
    JsonNode stored = JSON.readTree(column(url, "loyalty_account", customer));
    assertThat(stored).as("the expanded object, whole").isEqualTo(account);
    assertThat(TestPostgres.column(url, "SELECT data_type FROM information_schema.columns WHERE table_schema = 'stripe'"
        + " AND table_name = 'customer' AND column_name = 'loyalty_account'")).containsExactly("text");
    List<String> others = TestPostgres.column(url, "SELECT count(*) FROM stripe.customer WHERE id <> '" + customer
        + "' AND loyalty_account = 'la_' || substr(id, 5)");
    assertThat(others).containsExactly(String.valueOf(data.liveIds(ObjectType.CUSTOMER).size() - 1));
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM ferry.rejected")).containsExactly("0");
  }

  private static String column(String url, String column, String id) throws Exception {
    return TestPostgres.column(url, "SELECT " + column + " FROM stripe.customer WHERE id = '" + id + "'").get(0);
  }

  private Cli.Run sync(String url) {
    return Cli.syncStripe(sandbox, url);
  }
}
