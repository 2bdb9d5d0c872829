package dev.ferry.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.TestPostgres;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Long table prefixes: Postgres cuts names at 63 bytes. A prefix with which every table fits syncs,
 * and keeps syncing after the first run (staging tables are named by a hash, so the staging tables of
 * {@code subscription} and {@code subscription_item} cannot collide); a longer one is refused with
 * one line and exit code 2 before anything is created.
 */
class TablePrefixLengthTest {
  @Test
  void prefixesThatFitSyncAgainAndAgainAndLongerOnesAreRefused() throws Exception {
    SandboxData data = SandboxData.generate(8, 600);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      // 43 characters and the separator make 44 bytes, which with balance_transaction make 63
      for (int length : new int[] {36, 40, 43}) {
        String prefix = "p" + length + "x".repeat(length - 1 - String.valueOf(length).length());
        String url = TestPostgres.newDatabase("prefix_" + length); // cursors are kept per source, so one database each
        for (int run = 0; run < 2; run++) {
          data.mutate(length * 10 + run, 60);
          Run result = ferry(sandbox, url, prefix);
          assertThat(result.exit()).as(result.err()).isZero();
        }
        for (ObjectType type : List.of(ObjectType.CUSTOMER, ObjectType.SUBSCRIPTION, ObjectType.SUBSCRIPTION_ITEM)) {
          assertThat(new TreeSet<>(TestPostgres.column(url, "SELECT id FROM public." + prefix + "_" + type.objectName())))
              .as("%s with a %d-character prefix", type, length).isEqualTo(new TreeSet<>(data.liveIds(type)));
        }
      }
      String url = TestPostgres.newDatabase("prefix_refused");
      for (int length : new int[] {44, 50}) {
        String prefix = "q" + "x".repeat(length - 1);
        Run result = ferry(sandbox, url, prefix);
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("ferry: table prefix '" + prefix + "' is too long: table " + prefix
            + "_balance_transaction would be " + (length + 20) + " bytes, over Postgres's 63-byte limit for names;"
            + " use a prefix of at most 43 bytes\n");
        assertThat(TestPostgres.column(url, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'q%'")).containsExactly("0");
      }
    }
  }

  private static Run ferry(StripeSandbox sandbox, String url, String prefix) {
    return Cli.run("sync", "stripe", "--database-url", url, "--api-key", sandbox.apiKey(),
        "--api-base", sandbox.baseUrl(), "--table-prefix", "public." + prefix);
  }
}
