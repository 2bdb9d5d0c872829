package dev.ferry.relations.inference;

import static dev.ferry.relations.inference.ModelFixture.read;
import static dev.ferry.relations.inference.ModelFixture.reference;
import static dev.ferry.relations.inference.ModelFixture.sampled;
import static dev.ferry.relations.inference.ModelFixture.table;
import static dev.ferry.relations.inference.ModelFixture.unresolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.catalog.pg.PgCatalogReader;
import dev.ferry.db.Database;
import dev.ferry.read.ReadRequest;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The name, suffix, key and type rules, each on a small schema in real Postgres. */
class ReferenceRulesTest {

  @Test
  void snakeCamelPascalAndUpperIdSpellingsAllNameTheirTable() {
    RelationModel model = read("""
        CREATE TABLE customer (id text PRIMARY KEY);
        CREATE TABLE account (id text PRIMARY KEY);
        CREATE TABLE invoice_line (id text PRIMARY KEY);
        CREATE TABLE note (id text PRIMARY KEY, customer_id text, "accountId" text, "InvoiceLineId" text);
        CREATE TABLE memo (id text PRIMARY KEY, "CustomerID" text);
        """);

    assertThat(reference(model, "note", "customer_id")).get().extracting(Reference::to).isEqualTo(table("customer"));
    assertThat(reference(model, "note", "accountId")).get().extracting(Reference::to).isEqualTo(table("account"));
    assertThat(reference(model, "note", "InvoiceLineId")).get().extracting(Reference::to).isEqualTo(table("invoice_line"));
    assertThat(reference(model, "memo", "CustomerID")).get().satisfies(r -> {
      assertThat(r.to()).isEqualTo(table("customer"));
      assertThat(r.evidence()).isEqualTo(Evidence.NAME);
      assertThat(r.targetColumns()).containsExactly("id");
    });
  }

  @Test
  void aStemFindsThePluralTableAndTheTargetsOwnKeyColumn() {
    RelationModel model = read("""
        CREATE TABLE people (person_id bigint PRIMARY KEY);
        CREATE TABLE visits (id bigint PRIMARY KEY, person_id integer);
        """);

    assertThat(reference(model, "visits", "person_id")).get().satisfies(r -> {
      assertThat(r.to()).isEqualTo(table("people"));
      assertThat(r.targetColumns()).containsExactly("person_id");
    });
    assertThat(reference(model, "people", "person_id")).as("a table's own key is not a reference").isEmpty();
  }

  @Test
  void theReferencingSchemaIsPreferredThenTheOtherInspectedSchemasInOrder() {
    RelationModel model = read("""
        CREATE SCHEMA billing; CREATE SCHEMA crm;
        CREATE TABLE crm.customer (id text PRIMARY KEY);
        CREATE TABLE billing.customer (id text PRIMARY KEY);
        CREATE TABLE billing.invoice (id text PRIMARY KEY, customer_id text, account_id text);
        CREATE TABLE crm.account (id text PRIMARY KEY);
        """, "billing", "crm");

    Reference customer = model.references().stream().filter(r -> r.columns().equals(List.of("customer_id"))).findFirst().orElseThrow();
    Reference account = model.references().stream().filter(r -> r.columns().equals(List.of("account_id"))).findFirst().orElseThrow();
    assertThat(customer.to()).isEqualTo(new QualifiedName("billing", "customer"));
    assertThat(account.to()).isEqualTo(new QualifiedName("crm", "account"));
  }

  @Test
  void twoEquallyGoodTargetsAreReportedAsAnAmbiguityNeverGuessed() {
    RelationModel model = read("""
        CREATE TABLE customer (id text PRIMARY KEY);
        CREATE TABLE customers (id text PRIMARY KEY);
        CREATE TABLE orders (id text PRIMARY KEY, customer_id text);
        """);

    assertThat(reference(model, "orders", "customer_id")).isEmpty();
    assertThat(unresolved(model, "orders", "customer_id")).get().satisfies(u -> {
      assertThat(u.reason()).contains("several tables");
      assertThat(u.candidates()).containsExactly(table("customer"), table("customers"));
    });
  }

  @Test
  void aTargetWithoutASingleColumnKeyOrOfAnotherTypeIsUnresolvedWithTheReason() {
    RelationModel model = read("""
        CREATE TABLE region (code text, country text, PRIMARY KEY (code, country));
        CREATE TABLE warehouse (id integer PRIMARY KEY);
        CREATE TABLE tenant (slug text NOT NULL UNIQUE, name text);
        CREATE TABLE shipment (id integer PRIMARY KEY, region_id text, warehouse_id text, tenant_id text);
        """);

    assertThat(unresolved(model, "shipment", "region_id")).get()
        .satisfies(u -> assertThat(u.reason()).contains("no single-column primary or unique key"));
    assertThat(unresolved(model, "shipment", "warehouse_id")).get()
        .satisfies(u -> assertThat(u.reason()).contains("type text cannot hold public.warehouse.id (integer)"));
    assertThat(reference(model, "shipment", "tenant_id")).as("a single-column unique key will do").get()
        .satisfies(r -> assertThat(r.targetColumns()).containsExactly("slug"));
  }

  @Test
  void parentIdPointsAtItsOwnTable() {
    RelationModel model = read("CREATE TABLE node (id integer PRIMARY KEY, parent_id integer);");

    assertThat(reference(model, "node", "parent_id")).get().satisfies(r -> {
      assertThat(r.to()).isEqualTo(table("node"));
      assertThat(r.evidence()).isEqualTo(Evidence.NAME);
    });
  }

  @Test
  void roleNamedReferencesTakeTheLongestTableNameAtTheirEnd() {
    RelationModel model = read("""
        CREATE TABLE method (id text PRIMARY KEY);
        CREATE TABLE payment_method (id text PRIMARY KEY);
        CREATE TABLE invoice (id text PRIMARY KEY);
        CREATE TABLE subscription (id text PRIMARY KEY, default_payment_method_id text, latest_invoice_id text, on_behalf_of_id text);
        """);

    assertThat(reference(model, "subscription", "default_payment_method_id")).get().satisfies(r -> {
      assertThat(r.to()).isEqualTo(table("payment_method"));
      assertThat(r.evidence()).isEqualTo(Evidence.SUFFIX);
    });
    assertThat(reference(model, "subscription", "latest_invoice_id")).get().extracting(Reference::to).isEqualTo(table("invoice"));
    assertThat(unresolved(model, "subscription", "on_behalf_of_id")).get()
        .satisfies(u -> assertThat(u.reason()).contains("no table is named 'on_behalf_of'"));
  }

  @Test
  void aTablePrefixIsLeftOutOfTableNamesAndTheReferencingTablesNamespaceIsTried() {
    String sql = """
        CREATE TABLE stripe_customer (id text PRIMARY KEY);
        CREATE TABLE stripe_subscription (id text PRIMARY KEY, customer_id text);
        """;
    RelationModel prefixed = read(sql, new ReadRequest(List.of("public"), "stripe_", false, Optional.empty()));
    RelationModel unprefixed = read(sql);

    assertThat(reference(prefixed, "stripe_subscription", "customer_id")).get().extracting(Reference::to).isEqualTo(table("stripe_customer"));
    assertThat(reference(unprefixed, "stripe_subscription", "customer_id")).get().extracting(Reference::to).isEqualTo(table("stripe_customer"));
  }

  @Test
  void aColumnNamedLikeATableNeedsSampledKeysNotJustItsName() {
    String sql = """
        CREATE TABLE customer (id text PRIMARY KEY);
        CREATE TABLE discount (id text PRIMARY KEY);
        CREATE TABLE plan (id text PRIMARY KEY);
        CREATE TABLE subscription (id text PRIMARY KEY, customer text, discount jsonb, plan text);
        INSERT INTO customer VALUES ('cus_1'), ('cus_2');
        INSERT INTO plan VALUES ('gold');
        INSERT INTO subscription VALUES ('sub_1', 'cus_1', '{"id": "di_1"}', 'gold'), ('sub_2', 'cus_2', NULL, 'silver');
        """;
    RelationModel byName = read(sql);
    RelationModel bySample = sampled(sql);

    assertThat(reference(byName, "subscription", "customer")).as("never on the name alone").isEmpty();
    assertThat(unresolved(byName, "subscription", "customer")).get().satisfies(u -> assertThat(u.reason()).contains("--sample"));
    assertThat(reference(bySample, "subscription", "customer")).get().satisfies(r -> {
      assertThat(r.to()).isEqualTo(table("customer"));
      assertThat(r.evidence()).isEqualTo(Evidence.SAMPLE);
    });
    assertThat(reference(bySample, "subscription", "plan")).as("'silver' is not a plan key").isEmpty();
    assertThat(reference(bySample, "subscription", "discount")).as("jsonb cannot hold a text key").isEmpty();
    assertThat(unresolved(bySample, "subscription", "discount")).isEmpty();
  }

  @Test
  void sampledIdPrefixesResolveRoleNamesAndSplitPolymorphicIds() {
    String sql = """
        CREATE TABLE account (id text PRIMARY KEY);
        CREATE TABLE charge (id text PRIMARY KEY, on_behalf_of_id text);
        CREATE TABLE refund (id text PRIMARY KEY);
        CREATE TABLE balance_transaction (id text PRIMARY KEY, source_id text);
        INSERT INTO account VALUES ('acct_1A'), ('acct_2B');
        INSERT INTO charge VALUES ('ch_1', 'acct_1A'), ('ch_2', NULL);
        INSERT INTO refund VALUES ('re_1');
        INSERT INTO balance_transaction VALUES ('txn_1', 'ch_1'), ('txn_2', 're_1'), ('txn_3', 'ch_2');
        """;
    RelationModel byName = read(sql);
    RelationModel bySample = sampled(sql);

    assertThat(reference(byName, "charge", "on_behalf_of_id")).isEmpty();
    assertThat(reference(bySample, "charge", "on_behalf_of_id")).get().satisfies(r -> {
      assertThat(r.to()).isEqualTo(table("account"));
      assertThat(r.evidence()).isEqualTo(Evidence.SAMPLE);
      assertThat(r.detail()).contains("acct_");
    });
    assertThat(bySample.polymorphics()).singleElement().satisfies(p -> {
      assertThat(p.idColumn()).isEqualTo("source_id");
      assertThat(p.typeColumn()).isNull();
      assertThat(p.evidence()).isEqualTo(Evidence.SAMPLE);
      assertThat(p.targets()).extracting(t -> t.selector() + " " + t.table().name()).containsExactly("ch_ charge", "re_ refund");
    });
    assertThat(bySample.references()).noneMatch(r -> r.columns().equals(List.of("source_id")));
  }

  @Test
  void aColumnWithNoValueTakesTheTargetItsNameHasInEverySampledTableOfTheSchema() {
    String sql = """
        CREATE TABLE account (id text PRIMARY KEY);
        CREATE TABLE customer (id text PRIMARY KEY);
        CREATE TABLE charge (id text PRIMARY KEY, on_behalf_of_id text, billed_party_id text);
        CREATE TABLE invoice (id text PRIMARY KEY, on_behalf_of_id text, billed_party_id text);
        CREATE TABLE setup_intent (id text PRIMARY KEY, on_behalf_of_id text, billed_party_id text);
        INSERT INTO account VALUES ('acct_1A');
        INSERT INTO customer VALUES ('cus_1');
        INSERT INTO charge VALUES ('ch_1', 'acct_1A', 'acct_1A');
        INSERT INTO invoice VALUES ('in_1', 'acct_1A', 'cus_1');
        INSERT INTO setup_intent VALUES ('seti_1', NULL, NULL);
        """;
    RelationModel model = sampled(sql);

    assertThat(reference(model, "setup_intent", "on_behalf_of_id")).get().satisfies(r -> {
      assertThat(r.to()).isEqualTo(table("account"));
      assertThat(r.evidence()).isEqualTo(Evidence.SAMPLE);
      assertThat(r.detail()).contains("no value to sample");
    });
    assertThat(reference(model, "setup_intent", "billed_party_id")).as("its siblings disagree").isEmpty();
    assertThat(unresolved(model, "setup_intent", "billed_party_id")).isPresent();
    assertThat(reference(read(sql), "setup_intent", "on_behalf_of_id")).as("never without sampling").isEmpty();
  }

  @Test
  void aDeclaredPolymorphicColumnIsSplitByPrefixOverTheDeclaredTablesThatAreInspected() {
    RelationModel model = read("""
        CREATE TABLE charge (id text PRIMARY KEY);
        CREATE TABLE refund (id text PRIMARY KEY);
        CREATE TABLE balance_transaction (id text PRIMARY KEY, source_id text);
        COMMENT ON COLUMN balance_transaction.source_id IS
          'ferry:polymorphic=ch_=public.charge.id re_=public.refund.id po_=public.payout.id';
        """);

    assertThat(model.polymorphics()).singleElement().satisfies(p -> {
      assertThat(p.idColumn()).isEqualTo("source_id");
      assertThat(p.typeColumn()).isNull();
      assertThat(p.name().words()).isEqualTo("source");
      assertThat(p.evidence()).isEqualTo(Evidence.DECLARED);
      assertThat(p.targets()).extracting(t -> t.selector() + " " + t.table().name()).containsExactly("ch_ charge", "re_ refund");
    });
    assertThat(reference(model, "balance_transaction", "source_id")).isEmpty();
    assertThat(unresolved(model, "balance_transaction", "source_id")).isEmpty();

    RelationModel broken = read("""
        CREATE TABLE balance_transaction (id text PRIMARY KEY, source_id text);
        COMMENT ON COLUMN balance_transaction.source_id IS 'ferry:polymorphic=ch_=public.charge.id';
        """);
    assertThat(unresolved(broken, "balance_transaction", "source_id")).get()
        .satisfies(u -> assertThat(u.reason()).contains("none of its tables is inspected"));
  }

  @Test
  void aPrefixSharedByTwoTablesIsNoEvidence() {
    RelationModel model = sampled("""
        CREATE TABLE plan (id text PRIMARY KEY);
        CREATE TABLE price (id text PRIMARY KEY);
        CREATE TABLE item (id text PRIMARY KEY, billing_thing_id text);
        INSERT INTO plan VALUES ('price_1');
        INSERT INTO price VALUES ('price_2');
        INSERT INTO item VALUES ('it_1', 'price_1');
        """);

    assertThat(reference(model, "item", "billing_thing_id")).isEmpty();
    assertThat(unresolved(model, "item", "billing_thing_id")).isPresent();
  }

  @Test
  void samplingReadsTablesOnlySoAnUnpopulatedMaterializedViewIsNoError() {
    RelationModel model = sampled("""
        CREATE TABLE account (id text PRIMARY KEY);
        CREATE TABLE charge (id text PRIMARY KEY, on_behalf_of_id text);
        CREATE MATERIALIZED VIEW charge_report AS SELECT id, on_behalf_of_id AS account_ref_id FROM charge WITH NO DATA;
        INSERT INTO account VALUES ('acct_1');
        INSERT INTO charge VALUES ('ch_1', 'acct_1');
        """);

    assertThat(reference(model, "charge", "on_behalf_of_id")).get().extracting(Reference::evidence).isEqualTo(Evidence.SAMPLE);
    assertThat(unresolved(model, "charge_report", "account_ref_id")).isPresent();
  }

  @Test
  void samplingNeverContradictsAConstraint() {
    RelationModel model = sampled("""
        CREATE TABLE account (id text PRIMARY KEY);
        CREATE TABLE customer (id text PRIMARY KEY);
        CREATE TABLE charge (id text PRIMARY KEY, customer_id text REFERENCES customer (id));
        INSERT INTO account VALUES ('acct_1');
        INSERT INTO customer VALUES ('acct_1');
        INSERT INTO charge VALUES ('ch_1', 'acct_1');
        """);

    assertThat(reference(model, "charge", "customer_id")).get().satisfies(r -> {
      assertThat(r.to()).isEqualTo(table("customer"));
      assertThat(r.evidence()).isEqualTo(Evidence.CONSTRAINT);
    });
  }

  @Test
  void aConstraintToATableOutsideTheInspectedSchemasIsUnresolved() {
    RelationModel model = read("""
        CREATE SCHEMA app;
        CREATE TABLE app.users (id integer PRIMARY KEY);
        CREATE TABLE post (id integer PRIMARY KEY, author_id integer REFERENCES app.users (id));
        """, "public");

    assertThat(model.references()).isEmpty();
    assertThat(unresolved(model, "post", "author_id")).get().satisfies(u -> {
      assertThat(u.reason()).contains("not among the inspected tables");
      assertThat(u.candidates()).containsExactly(new QualifiedName("app", "users"));
    });
  }

  @Test
  void aCompositeForeignKeyIsTakenAsItIs() {
    RelationModel model = read("""
        CREATE TABLE region (code text, country text, PRIMARY KEY (country, code));
        CREATE TABLE store (id integer PRIMARY KEY, country text, code text,
                            FOREIGN KEY (country, code) REFERENCES region (country, code));
        """);

    assertThat(model.references()).singleElement().satisfies(r -> {
      assertThat(r.columns()).containsExactly("country", "code");
      assertThat(r.targetColumns()).containsExactly("country", "code");
      assertThat(r.evidence()).isEqualTo(Evidence.CONSTRAINT);
    });
  }

  @Test
  void tablesGivenInAnyOrderGiveTheSameModel() throws Exception {
    String url = TestPostgres.newDatabase("order");
    TestPostgres.execute(url, InferenceAccuracyTest.corpusSql("selfref"));
    try (Connection connection = Database.of(url).connect()) {
      InferenceAccuracyTest.dropForeignKeys(connection, List.of("public"));
      Catalog catalog = new PgCatalogReader().read(connection, List.of("public"), "");
      List<Table> reversed = new ArrayList<>(catalog.tables());
      Collections.reverse(reversed);
      Catalog shuffled = new Catalog(catalog.schemas(), "", reversed, catalog.enumTypes());

      RelationModel first = ReferenceInference.infer(catalog);
      RelationModel second = ReferenceInference.infer(shuffled);

      assertThat(second.references()).isEqualTo(first.references()).isNotEmpty();
      assertThat(second.manyToMany()).isEqualTo(first.manyToMany());
      assertThat(second.entities()).isEqualTo(first.entities());
    }
  }

  @Test
  void theSameDatabaseAlwaysGivesTheSameModel() {
    String sql = """
        CREATE TABLE zeta (id text PRIMARY KEY, alpha_id text, beta_ids text[]);
        CREATE TABLE alpha (id text PRIMARY KEY, zeta_id text, parent_id text);
        CREATE TABLE beta (id text PRIMARY KEY, owner_type text, owner_id text);
        INSERT INTO alpha VALUES ('a_1', NULL, NULL);
        INSERT INTO beta VALUES ('b_1', 'Alpha', 'a_1'), ('b_2', 'Zeta', 'z_1');
        """;
    RelationModel first = sampled(sql);
    RelationModel second = sampled(sql);

    assertThat(second.references()).isEqualTo(first.references());
    assertThat(second.polymorphics()).isEqualTo(first.polymorphics());
    assertThat(second.idArrays()).isEqualTo(first.idArrays());
    assertThat(second.unresolved()).isEqualTo(first.unresolved());
    assertThat(first.references()).extracting(r -> r.from().name() + "." + r.columns().get(0))
        .containsExactly("alpha.parent_id", "alpha.zeta_id", "zeta.alpha_id");
  }
}
