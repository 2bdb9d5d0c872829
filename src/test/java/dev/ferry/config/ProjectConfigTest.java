package dev.ferry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectConfigTest {
  private static final String FULL = """
      relationships:
        add:
          - column: stripe.charge.on_behalf_of_id
            references: stripe.account
            forward: on_behalf_of
        drop:
          - subscription.latest_invoice_id
        rename:
          - column: stripe.subscription.default_payment_method_id
            back: default_for_subscriptions
      ignore:
        tables: [stripe.checkout_session]
        columns:
          - stripe.customer.metadata
      """;

  @Test
  void readsEveryKindOfEntryWithTheLineItIsWrittenOn() {
    ProjectConfig config = ProjectConfig.parse(FULL, "ferry.yaml");

    assertThat(config.relationships().add()).singleElement().satisfies(a -> {
      assertThat(a.column()).isEqualTo("stripe.charge.on_behalf_of_id");
      assertThat(a.references()).isEqualTo("stripe.account");
      assertThat(a.forward()).isEqualTo("on_behalf_of");
      assertThat(a.back()).isNull();
      assertThat(a.line()).isEqualTo(3);
    });
    assertThat(config.relationships().drop()).extracting(ProjectConfig.Spot::text, ProjectConfig.Spot::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("subscription.latest_invoice_id", 7));
    assertThat(config.relationships().rename()).singleElement().satisfies(r -> {
      assertThat(r.back()).isEqualTo("default_for_subscriptions");
      assertThat(r.line()).isEqualTo(9);
    });
    assertThat(config.ignore().tables()).extracting(ProjectConfig.Spot::text).containsExactly("stripe.checkout_session");
    assertThat(config.ignore().columns()).extracting(ProjectConfig.Spot::line).containsExactly(14);
  }

  @Test
  void aTypoInAKeyIsABadConfigErrorNamingTheLineAndTheKnownKeys() {
    String typo = """
        relationships:
          add:
            - column: charge.on_behalf_of_id
              refrences: account
        """;
    assertThatThrownBy(() -> ProjectConfig.parse(typo, "ferry.yaml"))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG))
        .hasMessageStartingWith("ferry.yaml line 4: unknown key 'refrences'")
        .hasMessageContaining("references");
  }

  @Test
  void aTopLevelTypoNamesItsLine() {
    assertThatThrownBy(() -> ProjectConfig.parse("ignore:\n  tables: [a]\nrelationship:\n  drop: []\n", "ferry.yaml"))
        .hasMessageStartingWith("ferry.yaml line 3: unknown key 'relationship'");
  }

  @Test
  void aListWhereAnObjectBelongsIsABadValueWithItsLine() {
    assertThatThrownBy(() -> ProjectConfig.parse("ignore:\n  tables: stripe.customer\n", "ferry.yaml"))
        .isInstanceOf(FerryException.class)
        .hasMessage("ferry.yaml line 2: `ignore.tables` must be a list of table names ([schema.]table), not the text 'stripe.customer'");
  }

  @Test
  void aWrongValueNamesTheKeyWhatItHoldsAndWhatIsThereNeverAJavaType() {
    assertThatThrownBy(() -> ProjectConfig.parse("names:\n  columns:\n    - column: stripe.customer.email\n      name: 12345\n", "ferry.yaml"))
        .hasMessage("ferry.yaml line 4: `names.columns[0].name` must be text, not the number '12345' (quote it to mean text)");
    assertThatThrownBy(() -> ProjectConfig.parse("relationships:\n  add: stripe.charge.x_id\n", "ferry.yaml"))
        .hasMessage("ferry.yaml line 2: `relationships.add` must be a list of entries, each with column and references,"
            + " not the text 'stripe.charge.x_id'");
    assertThatThrownBy(() -> ProjectConfig.parse("ignore:\n  tables:\n    - [a, b]\n", "ferry.yaml"))
        .hasMessageEndingWith("`ignore.tables[0]` must be a table name ([schema.]table), not a list");
    assertThatThrownBy(() -> ProjectConfig.parse("sync:\n  stripe:\n    api_key: 12345678\n", "ferry.yaml"))
        .hasMessageEndingWith("`sync.stripe.api_key` must be text, not a number (quote it to mean text)");
    assertThatThrownBy(() -> ProjectConfig.parse("sync: stripe\n", "ferry.yaml"))
        .hasMessageEndingWith("`sync` must be a map of sources (stripe:), not the text 'stripe'");
    for (String yaml : List.of("ignore:\n  tables: stripe.customer\n", "names:\n  tables:\n    - table: 1\n      singular: x\n",
        "relationships:\n  add:\n    - 1\n", "ignore: [a]\n", "sync:\n  stripe: [a]\n", "names:\n  tables: true\n")) {
      assertThatThrownBy(() -> ProjectConfig.parse(yaml, "ferry.yaml")).as(yaml)
          .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG))
          .message().doesNotContainPattern("java\\.|dev\\.ferry|Cannot |coerce|JsonToken|ArrayList|String value");
    }
  }

  @Test
  void aConfigFileThatCannotBeReadGivesTheSystemsReason(@TempDir Path dir) {
    assertThatThrownBy(() -> ProjectConfig.load(dir.resolve("missing.yaml")))
        .hasMessage("cannot read " + dir.resolve("missing.yaml") + ": No such file or directory");
    assertThatThrownBy(() -> ProjectConfig.load(dir))
        .hasMessage("cannot read " + dir + ": Is a directory");
  }

  @Test
  void aMissingRequiredKeyIsAnError() {
    assertThatThrownBy(() -> ProjectConfig.parse("relationships:\n  add:\n    - column: a.b_id\n", "ferry.yaml"))
        .isInstanceOf(FerryException.class)
        .hasMessageStartingWith("ferry.yaml line ")
        .hasMessageContaining("references");
  }

  @Test
  void aKeyNamedLikeAnInternalFieldIsStillUnknown() {
    assertThatThrownBy(() -> ProjectConfig.parse("relationships:\n  drop: []\n  rename:\n    - column: a.b\n      line: 3\n", "ferry.yaml"))
        .hasMessageStartingWith("ferry.yaml line 5: unknown key 'line'");
  }

  @Test
  void aDuplicateKeyAndBrokenYamlAreErrors() {
    assertThatThrownBy(() -> ProjectConfig.parse("ignore:\n  tables: []\nignore:\n  columns: []\n", "ferry.yaml"))
        .hasMessageStartingWith("ferry.yaml line 3:");
    assertThatThrownBy(() -> ProjectConfig.parse("ignore: [unclosed\n", "ferry.yaml"))
        .hasMessageStartingWith("ferry.yaml line ");
  }

  @Test
  void aTableNameNeedsItsSingular() {
    assertThatThrownBy(() -> ProjectConfig.parse("names:\n  tables:\n    - table: stripe.customer\n      plural: clients\n", "ferry.yaml"))
        .hasMessage("ferry.yaml line 3: this 'names.tables' entry needs 'singular'");
  }

  @Test
  void anEmptyFileIsAnEmptyConfig() {
    ProjectConfig config = ProjectConfig.parse("", "ferry.yaml");
    assertThat(config.relationships().add()).isEmpty();
    assertThat(config.ignore().tables()).isEmpty();
  }

  @Test
  void loadsAGivenFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("custom.yaml");
    Files.writeString(file, "ignore:\n  tabels: []\n");
    assertThatThrownBy(() -> ProjectConfig.load(file)).hasMessageStartingWith("custom.yaml line 2: unknown key 'tabels'");
  }

  @Test
  void readsTheStripeKeyOfTheSyncSectionAndNeverPrintsIt() {
    ProjectConfig config = ProjectConfig.parse("sync:\n  stripe:\n    api_key: sk_test_FerryConfigKey42\n", "ferry.yaml");
    assertThat(config.sync().source("stripe").apiKey()).contains("sk_test_FerryConfigKey42");
    assertThat(config.toString()).doesNotContain("FerryConfigKey42");
    assertThat(dev.ferry.db.Secrets.redact("key sk_test_FerryConfigKey42")).doesNotContain("FerryConfigKey42");
    assertThat(ProjectConfig.parse("sync:\n  stripe: {}\n", "ferry.yaml").sync().source("stripe").apiKey()).isEmpty();
    assertThat(ProjectConfig.EMPTY.sync().source("stripe").apiKey()).isEmpty();
  }

  @Test
  void readsTheRateAndTheSourcesOwnSettings() {
    ProjectConfig config = ProjectConfig.parse("sync:\n  hubspot:\n    rate: 9.5\n  salesforce:\n    bulk_threshold: 50000\n"
        + "    budget_share: 0.25\n", "ferry.yaml");
    assertThat(config.sync().source("hubspot").rate()).contains(9.5);
    assertThat(config.sync().source("salesforce").settingValues()).containsExactly(
        java.util.Map.entry("budget_share", "0.25"), java.util.Map.entry("bulk_threshold", "50000"));
  }

  @Test
  void theSyncSectionIsReadStrictlyToo() {
    assertThatThrownBy(() -> ProjectConfig.parse("ignore:\n  tables: []\nsync:\n  stripe:\n    apikey: sk_test_x\n", "ferry.yaml"))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG))
        .hasMessage("ferry.yaml line 5: unknown key 'apikey' under sync.stripe (expected one of: api_key, rate)");
    assertThatThrownBy(() -> ProjectConfig.parse("sync:\n  stripe:\n    rate: 0\n", "ferry.yaml"))
        .hasMessage("ferry.yaml line 3: `sync.stripe.rate` must be a number of requests per second above 0, not '0.0'");
    assertThatThrownBy(() -> ProjectConfig.parse("sync:\n  stripe:\n    rate: fast\n", "ferry.yaml"))
        .hasMessage("ferry.yaml line 3: `sync.stripe.rate` must be a number of requests per second, such as 9.5, not the text 'fast'");
    assertThatThrownBy(() -> ProjectConfig.parse("sync:\n  hubspot:\n    rate: 9\n  salesforce:\n    bulk_threshold: lots\n", "ferry.yaml"))
        .hasMessage("ferry.yaml line 5: `sync.salesforce.bulk_threshold` must be a whole number of records, 0 or more, not 'lots'");
    assertThatThrownBy(() -> ProjectConfig.parse("sync:\n  salesforce:\n    budget_share: [1]\n", "ferry.yaml"))
        .hasMessageStartingWith("ferry.yaml line 3: `sync.salesforce.budget_share` must be a share above 0 and at most 1");
    assertThatThrownBy(() -> ProjectConfig.parse("sync:\n  strype:\n    api_key: x\n", "ferry.yaml"))
        .hasMessage("ferry.yaml line 2: unknown source 'strype' under sync (available: "
            + String.join(", ", dev.ferry.sync.source.SourceProvider.names()) + ")");
    assertThatThrownBy(() -> ProjectConfig.parse("sync:\n  stripe:\n    api_key: [sk_test_x]\n", "ferry.yaml"))
        .hasMessage("ferry.yaml line 3: `sync.stripe.api_key` must be text, not a list");
    assertThatThrownBy(() -> ProjectConfig.parse("sync:\n  stripe:\n    api_key: 12345\n", "ferry.yaml"))
        .hasMessage("ferry.yaml line 3: `sync.stripe.api_key` must be text, not a number (quote it to mean text)");
  }

  @Test
  void namesSetInTheFileAreLowerSnakeCaseWords() {
    assertThatThrownBy(() -> ProjectConfig.parse("relationships:\n  rename:\n    - column: a.b_id\n      back: Bad Name!\n", "ferry.yaml"))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG))
        .hasMessageStartingWith("ferry.yaml line 3: back 'Bad Name!' is not lower snake_case words");
    for (String bad : new String[] {"DefaultMethod", "default-method", "_method", "method_", "two__words", "2fa"}) {
      assertThatThrownBy(() -> ProjectConfig.parse("names:\n  columns:\n    - column: a.b\n      name: " + bad + "\n", "ferry.yaml"))
          .as(bad).hasMessageStartingWith("ferry.yaml line 3: name ");
    }
    assertThatThrownBy(() -> ProjectConfig.parse("names:\n  tables:\n    - table: a\n      singular: ok\n      plural: Not Ok\n", "ferry.yaml"))
        .hasMessageStartingWith("ferry.yaml line 3: plural 'Not Ok'");
    assertThat(ProjectConfig.parse("relationships:\n  add:\n    - column: a.b_id\n      references: c\n      forward: card_on_file2\n", "ferry.yaml")
        .relationships().add()).singleElement().satisfies(a -> assertThat(a.forward()).isEqualTo("card_on_file2"));
  }
}
