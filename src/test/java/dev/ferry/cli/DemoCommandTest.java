package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.errors.ExitCodes;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ferry demo} end to end on its own embedded Postgres and sandbox, with a small account. */
class DemoCommandTest {
  @Test
  void tellsAShortStoryAndPutsTheFullReportInTheOutFolder(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("demo");
    Run run = Cli.run("demo", "--size", "50", "--out", out.toString());

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
    String story = run.out();
    assertThat(story.lines().count()).as(story).isLessThan(40);
    assertThat(story).contains("== ferry sync stripe", "== ferry inspect --schema stripe", "== ferry generate all",
        "== done: models and test migrations are in " + out.toAbsolutePath().normalize(),
        "subscription.customer → stripe.customer (customer_id, evidence: declared)",
        "customer.subscriptions ← stripe.subscription.customer_id (evidence: declared)",
        "every table, column and relationship: ", "inspect.txt");
    assertThat(story).containsPattern("synced stripe into .*: \\d+ objects backfilled").containsPattern("(?s)rows: .*customer \\d+");
    String report = Files.readString(out.resolve("inspect.txt"));
    assertThat(section(report, "stripe.subscription")).contains("customer → stripe.customer (customer_id, evidence: declared)");
    assertThat(section(report, "stripe.customer")).contains("subscriptions ← stripe.subscription.customer_id (evidence: declared)");
    for (String folder : new String[] {"prisma", "lib", "priv", "app", "db", "stripe_data", "ferry_alembic", "src/main/java/ferry/stripe", "src/main/jooq"}) {
      assertThat(out.resolve(folder)).as(folder).isDirectory();
    }
    assertThat(run.err()).isEmpty();
  }

  /** The same flow for the other sources: their provider starts their sandbox and names what to show. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "hubspot|deal.companies ↔ hubspot.company (through hubspot.company_deal)"
          + "|contact.owner → hubspot.owner (owner_id, evidence: declared)",
      "salesforce|opportunity.account → salesforce.account (account_id, evidence: declared)"
          + "|task.who → polymorphic by id prefix of who_id: 003 → salesforce.contact, 00Q → salesforce.lead (evidence: declared)",
  })
  void runsEveryOtherSourceThroughItsOwnSandbox(String source, String relationship, String other, @TempDir Path dir) throws Exception {
    Path out = dir.resolve(source);
    Run run = Cli.run("demo", "--source", source, "--size", "120", "--out", out.toString());

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
    String story = run.out();
    assertThat(story.lines().count()).as(story).isLessThan(40);
    assertThat(story).contains("== ferry sync " + source, "== ferry inspect --schema " + source, "== ferry generate all",
        relationship, other, "prisma/schema/" + source + ".prisma", "export DATABASE_URL=... ", "./ferry sync " + source);
    assertThat(story).containsPattern("synced " + source + " into .*: \\d+ objects backfilled");
    assertThat(out.resolve("prisma/schema/" + source + ".prisma")).isRegularFile();
    assertThat(out.resolve("inspect.txt")).content().contains("== " + source + ".");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void anUnknownSourceIsAUsageErrorNamingTheOnesThereAre() {
    Run run = Cli.run("demo", "--source", "zendesk");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip()).isEqualTo("ferry: no demo for source 'zendesk' (available: hubspot, salesforce, stripe)");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void theHelpSummaryIsAWholeSentence() {
    String help = Cli.run("--help").out();
    String demoLine = help.lines().filter(l -> l.strip().startsWith("demo ")).findFirst().orElseThrow();
    int at = help.indexOf(demoLine);
    String summary = help.substring(at, help.indexOf("\n  inspect", at));
    assertThat(summary.strip()).endsWith(".");
  }

  private static String section(String report, String table) {
    int start = report.indexOf("== " + table + " (");
    assertThat(start).as("section of " + table).isNotNegative();
    int end = report.indexOf("\n== ", start + 1);
    return report.substring(start, end < 0 ? report.length() : end);
  }
}
