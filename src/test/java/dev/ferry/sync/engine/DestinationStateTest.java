package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.sync.SandboxComparison;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.StripeSandboxes;
import dev.ferry.testing.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two destinations of one source in one database ({@code stripe.*} and {@code public.stripe_*}) keep
 * their own cursors and synced types: the second is backfilled in full rather than starting from the
 * first one's cursor, and each catches up from its own position.
 */
class DestinationStateTest {
  @RegisterExtension final StripeSandboxes sandboxes = new StripeSandboxes();
  private StripeSandbox sandbox;

  @Test
  void twoDestinationsOfOneSourceKeepTheirOwnCursorsAndBothEqualTheSandbox() throws Exception {
    SandboxData data = SandboxData.generate(31, 400);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("two_destinations");

    Run a = sync(url);
    assertThat(a.exit()).as(a.err()).isZero();
    SandboxComparison.assertMatches(url, "stripe", data);
    String aCursor = cursor(url, "stripe.<type>");

    data.mutate(32, 120);
    Run b = sync(url, "--table-prefix", "public.stripe_");
    assertThat(b.exit()).as(b.err()).isZero();
    long backfilledB = Long.parseLong(b.out().replaceAll("(?s).*?(\\d+) objects backfilled.*", "$1"));
    long backfilledA = Long.parseLong(a.out().replaceAll("(?s).*?(\\d+) objects backfilled.*", "$1"));
    assertThat(backfilledB).as("B is backfilled in full, not started from A's cursor").isGreaterThanOrEqualTo(backfilledA);
    SandboxComparison.assertMatches(url, "public", "stripe_", data);
    // A has not run since the mutations: its cursor did not move, and B's is its own
    assertThat(cursor(url, "stripe.<type>")).isEqualTo(aCursor);
    assertThat(cursor(url, "public.stripe_<type>")).isNotEqualTo(aCursor);
    assertThat(TestPostgres.column(url, "SELECT destination || ' ' || count(*) FROM ferry.synced_types"
        + " GROUP BY destination ORDER BY destination"))
        .hasSize(2).allSatisfy(line -> assertThat(line).matches("(public\\.stripe_|stripe\\.)<type> \\d+"));
    assertThat(TestPostgres.column(url, "SELECT count(DISTINCT object_type) FROM ferry.synced_types"
        + " WHERE destination = 'public.stripe_<type>' AND table_name = 'stripe_' || object_type AND schema_name = 'public'"))
        .isEqualTo(TestPostgres.column(url, "SELECT count(*) FROM ferry.synced_types WHERE destination = 'stripe.<type>'"));

    Run aAgain = sync(url);
    assertThat(aAgain.exit()).as(aAgain.err()).isZero();
    assertThat(aAgain.out()).contains("0 objects backfilled").doesNotContain(" 0 changes applied");
    SandboxComparison.assertMatches(url, "stripe", data);

    data.mutate(33, 80);
    assertThat(sync(url).exit()).isZero();
    assertThat(sync(url, "--table-prefix", "public.stripe_").exit()).isZero();
    SandboxComparison.assertMatches(url, "stripe", data);
    SandboxComparison.assertMatches(url, "public", "stripe_", data);
    assertThat(cursor(url, "stripe.<type>")).isEqualTo(cursor(url, "public.stripe_<type>"));
  }

  @Test
  void eachDestinationKeepsItsOwnQuarantine() throws Exception {
    SandboxData data = SandboxData.generate(34, 150);
    sandbox = sandboxes.start(data);
    String url = TestPostgres.newDatabase("two_quarantines");
    String customer = data.liveIds(ObjectType.CUSTOMER).get(0);
    data.edit(ObjectType.CUSTOMER, customer, "customer.updated", c -> c.put("created", -99_999_999_999_999L));
    assertThat(sync(url).exit()).isEqualTo(9);
    assertThat(sync(url, "--table-prefix", "public.stripe_").exit()).isEqualTo(9);
    assertThat(TestPostgres.column(url, "SELECT destination || ' ' || object_id FROM ferry.rejected ORDER BY 1"))
        .containsExactly("public.stripe_<type> " + customer, "stripe.<type> " + customer);

    // mended at the source; only the destination synced since leaves the quarantine
    data.edit(ObjectType.CUSTOMER, customer, "customer.updated", c -> c.put("created", 1_767_225_600L));
    Run mended = sync(url);
    assertThat(mended.exit()).as(mended.err()).isZero();
    assertThat(TestPostgres.column(url, "SELECT destination || ' ' || object_id FROM ferry.rejected"))
        .containsExactly("public.stripe_<type> " + customer);
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM public.stripe_customer WHERE id = '" + customer + "'"))
        .containsExactly("0");
    assertThat(sync(url, "--table-prefix", "public.stripe_").exit()).isZero();
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM ferry.rejected")).containsExactly("0");
  }

  private static String cursor(String url, String destination) throws Exception {
    List<String> cursors = TestPostgres.column(url,
        "SELECT cursor FROM ferry.cursors WHERE stream = 'changes' AND destination = '" + destination + "'");
    assertThat(cursors).as("changes cursor of " + destination).hasSize(1);
    return cursors.get(0);
  }

  private Run sync(String url, String... extra) {
    return Cli.syncStripe(sandbox, url, extra);
  }
}
