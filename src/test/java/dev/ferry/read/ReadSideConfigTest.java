package dev.ferry.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import dev.ferry.db.Database;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ferry.yaml applied by {@link ReadSide}: what every command sees. */
class ReadSideConfigTest {
  private static final String SCHEMA = """
      CREATE SCHEMA stripe;
      CREATE TABLE stripe.account (id text PRIMARY KEY);
      CREATE TABLE stripe.customer (id text PRIMARY KEY, email text, metadata jsonb);
      CREATE TABLE stripe.payment_method (id text PRIMARY KEY, customer_id text);
      CREATE TABLE stripe.tax_rate (id text PRIMARY KEY);
      CREATE TABLE stripe.invoice (id text PRIMARY KEY, customer_id text, default_tax_rates text[]);
      CREATE TABLE stripe.subscription (id text PRIMARY KEY, customer_id text REFERENCES stripe.customer (id),
          default_payment_method_id text, latest_invoice_id text);
      CREATE TABLE stripe.charge (id text PRIMARY KEY, on_behalf_of_id text, customer_id text);
      CREATE TABLE stripe.checkout_session (id text PRIMARY KEY, customer_id text);
      CREATE SCHEMA billing;
      CREATE TABLE billing.ledger (id text PRIMARY KEY);
      """;
  private static String url;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    url = TestPostgres.newDatabase("read_side_config");
    TestPostgres.execute(url, SCHEMA);
  }

  private RelationModel readWith(String yaml) throws Exception {
    return readWith("ferry.yaml", yaml);
  }

  private RelationModel readWith(String fileName, String yaml) throws Exception {
    Path file = dir.resolve(fileName);
    Files.writeString(file, yaml);
    try (Connection connection = Database.of(url).connect()) {
      return ReadSide.load(connection, new ReadRequest(List.of("stripe"), "", false, Optional.of(file)));
    }
  }

  private static Optional<Reference> reference(RelationModel model, String table, String column) {
    return model.references().stream()
        .filter(r -> r.from().name().equals(table) && r.columns().equals(List.of(column))).findFirst();
  }

  @Test
  void addedRelationshipsCarryConfigEvidenceAndTheirLine() throws Exception {
    RelationModel model = readWith("""
        relationships:
          add:
            - column: stripe.charge.on_behalf_of_id
              references: stripe.account
        """);

    assertThat(reference(model, "charge", "on_behalf_of_id")).get().satisfies(r -> {
      assertThat(r.to().name()).isEqualTo("account");
      assertThat(r.evidence()).isEqualTo(Evidence.CONFIG);
      assertThat(r.detail()).isEqualTo("added in ferry.yaml line 3");
    });
  }

  @Test
  void droppedRelationshipsAreGoneWhateverTheirEvidenceConstraintsIncluded() throws Exception {
    RelationModel model = readWith("""
        relationships:
          drop:
            - subscription.customer_id
            - stripe.subscription.latest_invoice_id
        """);

    assertThat(reference(model, "subscription", "customer_id")).isEmpty();
    assertThat(reference(model, "subscription", "latest_invoice_id")).isEmpty();
    assertThat(reference(model, "subscription", "default_payment_method_id")).isPresent();
    assertThat(model.unresolved()).noneMatch(u -> u.column().equals("latest_invoice_id"));
  }

  @Test
  void renamedForwardAndBackNamesSurviveNaming() throws Exception {
    RelationModel model = readWith("""
        relationships:
          rename:
            - column: subscription.default_payment_method_id
              forward: card_on_file
              back: subscriptions_paid_with
        """);

    assertThat(reference(model, "subscription", "default_payment_method_id")).get().satisfies(r -> {
      assertThat(r.forward().words()).isEqualTo("card_on_file");
      assertThat(r.back().words()).isEqualTo("subscriptions_paid_with");
    });
  }

  @Test
  void theBackNameOfAnIdArrayCanBeRenamedToo() throws Exception {
    RelationModel model = readWith("""
        relationships:
          rename:
            - column: invoice.default_tax_rates
              back: taxed_invoices
        """);

    assertThat(model.idArrays()).singleElement().satisfies(a -> {
      assertThat(a.name().words()).isEqualTo("default_tax_rates");
      assertThat(a.back().words()).isEqualTo("taxed_invoices");
      assertThat(a.back().source()).isEqualTo("ferry.yaml line 3");
    });
  }

  @Test
  void aChosenIdArrayBackNameThatCollidesIsAnError() {
    assertThatThrownBy(() -> readWith("""
        relationships:
          rename:
            - column: invoice.default_tax_rates
              back: id
        """))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG))
        .hasMessage("ferry.yaml line 3: the name 'id' of the association from the id array stripe.invoice.default_tax_rates"
            + " is already the name of column id in stripe.tax_rate");
  }

  @Test
  void modelAndAttributeNamesSetInTheFileAreKept() throws Exception {
    RelationModel model = readWith("""
        names:
          tables:
            - table: checkout_session
              singular: checkout
            - table: stripe.customer
              singular: client
              plural: clientele
          columns:
            - column: customer.email
              name: email_address
        """);

    assertThat(model.entities()).filteredOn(e -> e.name().name().equals("checkout_session")).singleElement().satisfies(e -> {
      assertThat(e.singular().words()).isEqualTo("checkout");
      assertThat(e.plural().words()).isEqualTo("checkouts");
    });
    assertThat(model.entities()).filteredOn(e -> e.name().name().equals("customer")).singleElement().satisfies(e -> {
      assertThat(e.plural().words()).isEqualTo("clientele");
      assertThat(e.attributes()).filteredOn(a -> a.column().name().equals("email")).singleElement()
          .satisfies(a -> assertThat(a.name().words()).isEqualTo("email_address"));
    });
  }

  @Test
  void ignoredTablesAndColumnsLeaveTheModelAndTheirReferencesWithThem() throws Exception {
    RelationModel model = readWith("""
        ignore:
          tables: [checkout_session]
          columns:
            - stripe.customer.metadata
            - charge.customer_id
        """);

    assertThat(model.entities()).extracting(e -> e.name().name()).doesNotContain("checkout_session");
    assertThat(model.entities()).filteredOn(e -> e.name().name().equals("customer")).singleElement()
        .satisfies(e -> assertThat(e.attributes()).extracting(a -> a.column().name()).containsExactly("id", "email"));
    assertThat(reference(model, "charge", "customer_id")).isEmpty();
    assertThat(reference(model, "checkout_session", "customer_id")).isEmpty();
  }

  @Test
  void entriesForSchemasOfTheDatabaseThatAreNotInspectedAreSkipped() throws Exception {
    RelationModel model = readWith("""
        ignore:
          tables: [billing.invoice, billing.ledger]
        relationships:
          drop: [billing.ledger.account_id]
        """);

    assertThat(model.entities()).extracting(e -> e.name().name()).contains("invoice");
  }

  @Test
  void anEntryForASchemaTheDatabaseDoesNotHaveIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> readWith("""
        ignore:
          tables:
            - stripe.customer
            - strpe.charge
        """))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG))
        .hasMessage("ferry.yaml line 4: no schema 'strpe' in the database (user schemas: billing, public, stripe)");
    assertThatThrownBy(() -> readWith("""
        relationships:
          rename:
            - column: Stripe.subscription.customer_id
              back: owned
        """))
        .hasMessage("ferry.yaml line 3: no schema 'Stripe' in the database (user schemas: billing, public, stripe)");
  }

  @Test
  void aTableOrColumnThatDoesNotExistIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> readWith("""
        ignore:
          tables:
            - stripe.customer
            - stripe.custmer
        """))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG))
        .hasMessage("ferry.yaml line 4: no table 'custmer' in schema stripe");
    assertThatThrownBy(() -> readWith("""
        relationships:
          add:
            - column: charge.on_behalf_of
              references: account
        """))
        .hasMessage("ferry.yaml line 3: table stripe.charge has no column 'on_behalf_of'");
  }

  @Test
  void renamingAColumnThatIsNoRelationshipIsAnError() {
    assertThatThrownBy(() -> readWith("""
        relationships:
          rename:
            - column: customer.email
              forward: mail
        """))
        .hasMessage("ferry.yaml line 3: stripe.customer.email is not a relationship, so it cannot be renamed");
  }

  @Test
  void aTypoInTheFileIsABadConfigErrorBeforeAnythingIsRead() {
    assertThatThrownBy(() -> readWith("""
        relationships:
          add:
            - column: charge.on_behalf_of_id
              refrences: account
        """))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG))
        .hasMessageStartingWith("ferry.yaml line 4: unknown key 'refrences'");
  }

  @Test
  void aNameThatIsNotLowerSnakeCaseIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> readWith("""
        relationships:
          rename:
            - column: subscription.customer_id
              back: Bad Name!
        """))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG))
        .hasMessageStartingWith("ferry.yaml line 3: back 'Bad Name!' is not lower snake_case words");
  }

  @Test
  void aChosenNameThatIsAlsoAColumnOfTheEntityIsAnErrorNotANumberedName() {
    assertThatThrownBy(() -> readWith("""
        relationships:
          rename:
            - column: subscription.customer_id
              forward: id
        """))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG))
        .hasMessage("ferry.yaml line 3: the name 'id' of the association on stripe.subscription.customer_id is already"
            + " the name of column id in stripe.subscription");
    assertThatThrownBy(() -> readWith("""
        names:
          columns:
            - column: customer.email
              name: metadata
        """))
        .hasMessage("ferry.yaml line 3: the name 'metadata' of column email is already the name of column metadata in stripe.customer");
  }

  @Test
  void twoChosenNamesForAssociationsOfOneEntityCollide() {
    assertThatThrownBy(() -> readWith("""
        relationships:
          rename:
            - column: payment_method.customer_id
              back: owned
            - column: subscription.customer_id
              back: owned
        """))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG))
        .hasMessage("ferry.yaml line 3: the name 'owned' of the association from stripe.payment_method.customer_id is already"
            + " the name of the association from stripe.subscription.customer_id in stripe.customer");
  }

  @Test
  void messagesAndNameSourcesNameTheFileGiven() throws Exception {
    RelationModel model = readWith("other.yaml", """
        relationships:
          rename:
            - column: subscription.default_payment_method_id
              forward: card_on_file
        names:
          tables:
            - table: customer
              singular: client
        """);
    assertThat(reference(model, "subscription", "default_payment_method_id")).get()
        .satisfies(r -> assertThat(r.forward().source()).isEqualTo("other.yaml line 3"));
    assertThat(model.entities()).filteredOn(e -> e.name().name().equals("customer")).singleElement()
        .satisfies(e -> assertThat(e.singular().source()).isEqualTo("other.yaml line 7"));
    assertThatThrownBy(() -> readWith("other.yaml", """
        relationships:
          rename:
            - column: customer.email
              forward: mail
        """))
        .hasMessage("other.yaml line 3: stripe.customer.email is not a relationship, so it cannot be renamed");
  }
}
