package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relationship renamed in ferry.yaml reaches every target on the next {@code ferry generate all},
 * while the user's code outside Ferry's regions stays, and a second run changes nothing.
 */
class RenameRegenerationTest {
  @TempDir Path out;

  private Run generate(String url, String... extra) {
    List<String> args = new ArrayList<>(List.of("generate", "all", "--database-url", url, "--out", out.toString(), "--schema", "stripe"));
    args.addAll(List.of(extra));
    return Cli.run(args);
  }

  @Test
  void aRenameInFerryYamlReachesEveryTargetAndKeepsTheUsersCode() throws Exception {
    String url = TestPostgres.newDatabase("rename_regeneration");
    TestPostgres.execute(url, GenerateCommandTest.SCHEMA);
    assertThat(generate(url).exit()).isZero();
    Path customerEx = out.resolve("lib/my_app/stripe/customer.ex");
    Path customerRb = out.resolve("app/models/stripe_data/customer.rb");
    Path prisma = out.resolve("prisma/schema/stripe.prisma");
    Path customerPy = out.resolve("stripe_data/customer.py");
    assertThat(Files.readString(customerPy)).contains("subscriptions: Mapped[list[\"Subscription\"]] = relationship(");
    Files.writeString(customerPy, Files.readString(customerPy) + "\n    def label(self):\n        return self.email\n");
    Path customerDjango = out.resolve("stripe_app/models/customer.py");
    Path subscriptionDjango = out.resolve("stripe_app/models/subscription.py");
    assertThat(Files.readString(subscriptionDjango)).contains("customer = models.ForeignKey(\"Customer\", on_delete=models.DO_NOTHING, "
        + "db_constraint=False, db_column=\"customer_id\", related_name=\"subscriptions\"");
    Files.writeString(customerDjango, Files.readString(customerDjango) + "\n    def label(self):\n        return self.email\n");
    assertThat(Files.readString(customerEx)).contains("has_many :subscriptions, MyApp.Stripe.Subscription");
    Files.writeString(customerEx, Files.readString(customerEx).replaceFirst("end\n$", "\n  def label(customer), do: customer.email\nend\n"));
    Files.writeString(customerRb, Files.readString(customerRb).replaceFirst("  end\nend\n$", "\n    def label = email\n  end\nend\n"));

    Path config = out.resolve("ferry.yaml");
    Files.writeString(config, """
        relationships:
          rename:
            - column: stripe.subscription.customer_id
              forward: payer
              back: paid_subscriptions
        """);
    Run renamed = generate(url, "--config", config.toString());
    assertThat(renamed.exit()).as(renamed.err()).isZero();

    assertThat(Files.readString(prisma))
        .containsPattern("\\n  payer +Customer\\? +@relation\\(fields: \\[customerId\\], references: \\[id\\]")
        .containsPattern("\\n  paidSubscriptions +Subscription\\[\\]\\n")
        .doesNotContainPattern("\\n  (customer +Customer|subscriptions +Subscription)");
    assertThat(Files.readString(customerEx))
        .contains("has_many :paid_subscriptions, MyApp.Stripe.Subscription")
        .doesNotContain("has_many :subscriptions,")
        .contains("  def label(customer), do: customer.email\n");
    assertThat(Files.readString(out.resolve("lib/my_app/stripe/subscription.ex")))
        .contains("belongs_to :payer, MyApp.Stripe.Customer")
        .doesNotContain("belongs_to :customer,");
    assertThat(Files.readString(customerRb))
        .contains("has_many :paid_subscriptions, class_name: \"StripeData::Subscription\"", "inverse_of: :payer")
        .contains("    def label = email\n");
    assertThat(Files.readString(out.resolve("app/models/stripe_data/subscription.rb")))
        .contains("belongs_to :payer, class_name: \"StripeData::Customer\", foreign_key: \"customer_id\"", "inverse_of: :paid_subscriptions");

    assertThat(Files.readString(customerPy))
        .contains("paid_subscriptions: Mapped[list[\"Subscription\"]] = relationship(", "back_populates=\"payer\")")
        .doesNotContain("subscriptions: Mapped[list[\"Subscription\"]] = relationship(\"Subscription\", primaryjoin=\"Subscription.customer_id == Customer.id\", foreign_keys=\"[Subscription.customer_id]\", back_populates=\"customer\")")
        .endsWith("    # ferry:generated:end\n\n    def label(self):\n        return self.email\n");
    assertThat(Files.readString(out.resolve("stripe_data/subscription.py")))
        .contains("payer: Mapped[Optional[\"Customer\"]] = relationship(\"Customer\", primaryjoin=\"Subscription.customer_id == Customer.id\"");

    assertThat(Files.readString(subscriptionDjango))
        .contains("payer = models.ForeignKey(\"Customer\", on_delete=models.DO_NOTHING, db_constraint=False, db_column=\"customer_id\", "
            + "related_name=\"paid_subscriptions\"")
        .doesNotContain("customer = models.ForeignKey(");
    assertThat(Files.readString(customerDjango)).endsWith("    # ferry:generated:end\n\n    def label(self):\n        return self.email\n");

    assertThat(generate(url, "--config", config.toString(), "--check").exit()).as("a second run has nothing to change").isZero();
  }
}
