package dev.ferry.relations.inference;

import static dev.ferry.relations.inference.ModelFixture.read;
import static dev.ferry.relations.inference.ModelFixture.reference;
import static dev.ferry.relations.inference.ModelFixture.unresolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.db.Database;
import dev.ferry.read.ReadRequest;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Polymorphic pairs, id arrays, join tables and sync-engine declarations, on the corpus schemas
 * with their constraints dropped (as synced tables are) and on small schemas.
 */
class StructureDetectionTest {

  static RelationModel corpus(String name, String schema, boolean sample) throws Exception {
    String url = TestPostgres.newDatabase("detect_" + name);
    TestPostgres.execute(url, InferenceAccuracyTest.corpusSql(name));
    try (Connection connection = Database.of(url).connect()) {
      InferenceAccuracyTest.dropForeignKeys(connection, List.of(schema));
      return ReadSide.load(connection, new ReadRequest(List.of(schema), "", sample, Optional.empty()));
    }
  }

  static String describe(Polymorphic p) {
    return p.table().name() + "." + p.typeColumn() + "+" + p.idColumn();
  }

  @Test
  void railsTypeAndIdPairsArePolymorphicWithTargetsFromSampledTypeValues() throws Exception {
    RelationModel byName = corpus("rails", "public", false);
    RelationModel bySample = corpus("rails", "public", true);

    assertThat(byName.polymorphics()).extracting(StructureDetectionTest::describe).containsExactly(
        "active_storage_attachments.record_type+record_id",
        "comments.commentable_type+commentable_id",
        "taggings.taggable_type+taggable_id",
        "taggings.tagger_type+tagger_id");
    assertThat(byName.polymorphics()).allSatisfy(p -> assertThat(p.targets()).isEmpty());
    assertThat(bySample.polymorphics()).filteredOn(p -> p.idColumn().equals("commentable_id")).singleElement()
        .satisfies(p -> assertThat(p.targets()).extracting(t -> t.selector() + " " + t.table().name())
            .containsExactly("Photo photos", "Post posts"));
    assertThat(byName.references()).noneMatch(r -> r.columns().get(0).endsWith("able_id") || r.columns().get(0).equals("record_id"));
  }

  @Test
  void railsHabtmAndEngineTablesAreRecognised() throws Exception {
    RelationModel model = corpus("rails", "public", false);

    assertThat(model.manyToMany()).extracting(m -> m.joinTable().name()).containsExactly("categories_posts");
    assertThat(reference(model, "active_storage_attachments", "blob_id")).get()
        .satisfies(r -> assertThat(r.to().name()).isEqualTo("active_storage_blobs"));
    assertThat(reference(model, "profiles", "user_id")).get().satisfies(r -> assertThat(r.oneToOne()).isTrue());
    assertThat(reference(model, "posts", "user_id")).get().satisfies(r -> assertThat(r.oneToOne()).isFalse());
  }

  @Test
  void stripeIdListsAreIdArraysAndSourceIdSplitsByPrefixWhenSampled() throws Exception {
    RelationModel byName = corpus("stripe", "stripe", false);
    RelationModel bySample = corpus("stripe", "stripe", true);

    assertThat(byName.idArrays()).extracting(a -> a.table().name() + "." + a.column() + " -> " + a.target().name() + " " + a.evidence())
        .containsExactly(
            "invoice.default_tax_rates -> tax_rate SUFFIX",
            "invoice.discounts -> discount NAME",
            "invoice_item.tax_rates -> tax_rate NAME",
            "subscription.default_tax_rates -> tax_rate SUFFIX",
            "subscription_item.tax_rates -> tax_rate NAME");
    assertThat(byName.idArrays()).extracting(IdArray::column).doesNotContain("payment_method_types", "preferred_locales", "images");
    // names alone: Stripe's object model says balance_transaction.source is a charge, refund, payout... told apart by prefix
    assertThat(byName.polymorphics()).singleElement().satisfies(p -> {
      assertThat(describe(p)).isEqualTo("balance_transaction.null+source_id");
      assertThat(p.evidence()).isEqualTo(Evidence.SOURCE);
      assertThat(p.targets()).extracting(t -> t.selector() + " " + t.table().name()).contains("ch_ charge", "po_ payout", "re_ refund");
    });
    assertThat(unresolved(byName, "balance_transaction", "source_id")).isEmpty();
    assertThat(bySample.polymorphics()).singleElement().satisfies(p -> {
      assertThat(describe(p)).isEqualTo("balance_transaction.null+source_id");
      // the source's model lists every target with a table (dispute too), whatever the sampled rows hold
      assertThat(p.targets()).extracting(t -> t.selector() + " " + t.table().name())
          .containsExactlyInAnyOrder("ch_ charge", "po_ payout", "re_ refund", "dp_ dispute");
    });
  }

  @Test
  void aTypeColumnBesideAReferenceToARealTableIsAKindNotAPolymorphicPair() {
    String sql = """
        CREATE TABLE payment_method (id text PRIMARY KEY);
        CREATE TABLE charge (id text PRIMARY KEY, payment_method_type text, payment_method_id text);
        INSERT INTO payment_method VALUES ('pm_1');
        INSERT INTO charge VALUES ('ch_1', 'card', 'pm_1');
        """;

    for (RelationModel model : List.of(read(sql), ModelFixture.sampled(sql))) {
      assertThat(model.polymorphics()).isEmpty();
      assertThat(reference(model, "charge", "payment_method_id")).get()
          .satisfies(r -> assertThat(r.to().name()).isEqualTo("payment_method"));
    }
  }

  @Test
  void joinTablesBecomeManyToManyIncludingSelfJoins() throws Exception {
    RelationModel selfref = corpus("selfref", "public", false);
    RelationModel dvd = corpus("dvdrental", "public", false);

    assertThat(selfref.manyToMany()).extracting(m -> m.joinTable().name() + ": " + m.left().to().name() + " / " + m.right().to().name())
        .containsExactly("message_tag: message / tag", "user_follow: users / users");
    assertThat(dvd.manyToMany()).extracting(m -> m.joinTable().name() + ": " + m.left().to().name() + " / " + m.right().to().name())
        .containsExactly("film_actor: actor / film", "film_category: film / category");
    assertThat(dvd.manyToMany()).extracting(ManyToMany::leftName).extracting(n -> n.words()).containsExactly("films", "categories");
  }

  @Test
  void aTableWithPayloadBesideItsTwoReferencesIsNotAJoinTable() {
    RelationModel model = read("""
        CREATE TABLE student (id integer PRIMARY KEY);
        CREATE TABLE course (id integer PRIMARY KEY);
        CREATE TABLE enrollment (student_id integer, course_id integer, grade text, PRIMARY KEY (student_id, course_id));
        CREATE TABLE membership (id serial PRIMARY KEY, student_id integer NOT NULL, course_id integer NOT NULL,
                                 created_at timestamptz, UNIQUE (student_id, course_id));
        """);

    assertThat(model.manyToMany()).extracting(m -> m.joinTable().name()).containsExactly("membership");
    assertThat(model.references()).hasSize(4);
  }

  /**
   * HubSpot's association tables as the sync writes them: a surrogate id, the two declared ends unique
   * together, the association's labels and the sync's bookkeeping. The same shape with undeclared ends,
   * or with declared ends that are not unique together, stays two plain references.
   */
  @Test
  void aSyncedAssociationWithLabelsBesideItsDeclaredUniqueEndsIsAJoinTable() {
    String association = """
        CREATE TABLE hubspot.%1$s (id text PRIMARY KEY, company_id text, contact_id text, labels text[], type_ids text[],
                                   _ferry_changed_at timestamptz, _ferry_synced_at timestamptz NOT NULL DEFAULT now());
        """;
    String declared = """
        COMMENT ON COLUMN hubspot.%1$s.company_id IS 'ferry:references=hubspot.company.id';
        COMMENT ON COLUMN hubspot.%1$s.contact_id IS 'ferry:references=hubspot.contact.id';
        """;
    RelationModel model = read("CREATE SCHEMA hubspot;"
        + " CREATE TABLE hubspot.company (id text PRIMARY KEY); CREATE TABLE hubspot.contact (id text PRIMARY KEY);\n"
        + association.formatted("company_contact") + declared.formatted("company_contact")
        + "CREATE UNIQUE INDEX ON hubspot.company_contact (company_id, contact_id);\n"
        + association.formatted("not_unique") + declared.formatted("not_unique")
        + association.formatted("named_only") + "CREATE UNIQUE INDEX ON hubspot.named_only (company_id, contact_id);\n", "hubspot");

    assertThat(model.manyToMany()).singleElement().satisfies(m -> {
      assertThat(m.joinTable().name()).isEqualTo("company_contact");
      assertThat(m.leftName().words() + " / " + m.rightName().words()).isEqualTo("contacts / companies");
    });
    assertThat(model.references()).filteredOn(r -> r.from().name().equals("not_unique")).hasSize(2);
  }

  @Test
  void idArraysByIdsSuffixOrPluralNameAndUnknownIdsArraysAreReported() {
    RelationModel model = read("""
        CREATE TABLE tax_rate (id text PRIMARY KEY);
        CREATE TABLE tag (id integer PRIMARY KEY);
        CREATE TABLE item (id text PRIMARY KEY, tax_rate_ids text[], default_tax_rates text[], tags text[],
                           payment_method_types text[], widget_ids text[]);
        """);

    assertThat(model.idArrays()).extracting(a -> a.column() + " -> " + a.target().name() + " " + a.evidence())
        .containsExactly("default_tax_rates -> tax_rate SUFFIX", "tax_rate_ids -> tax_rate NAME");
    assertThat(unresolved(model, "item", "widget_ids")).get().satisfies(u -> assertThat(u.reason()).contains("'widget'"));
    assertThat(unresolved(model, "item", "tags")).as("text[] cannot hold integer tag ids; a plural name alone is weak").isEmpty();
  }

  @Test
  void syncEngineCommentsDeclareReferencesAndIdArrays() {
    RelationModel model = read("""
        CREATE SCHEMA stripe;
        CREATE TABLE stripe.account (id text PRIMARY KEY);
        CREATE TABLE stripe.tax_rate (id text PRIMARY KEY);
        CREATE TABLE stripe.charge (id text PRIMARY KEY, on_behalf_of_id text, tax_rates text[], destination_id text, foo_id text);
        COMMENT ON COLUMN stripe.charge.on_behalf_of_id IS 'The account the charge is made for.
        ferry:references=stripe.account.id';
        COMMENT ON COLUMN stripe.charge.tax_rates IS 'ferry:references=stripe.tax_rate.id';
        COMMENT ON COLUMN stripe.charge.destination_id IS 'ferry:references=stripe.bank_account.id';
        COMMENT ON COLUMN stripe.charge.foo_id IS 'ferry:references=stripe.account.email';
        """, "stripe");

    assertThat(model.references()).singleElement().satisfies(r -> {
      assertThat(r.columns()).containsExactly("on_behalf_of_id");
      assertThat(r.to()).isEqualTo(new QualifiedName("stripe", "account"));
      assertThat(r.evidence()).isEqualTo(Evidence.DECLARED);
    });
    assertThat(model.idArrays()).singleElement().satisfies(a -> assertThat(a.evidence()).isEqualTo(Evidence.DECLARED));
    assertThat(unresolved(model, "charge", "destination_id")).get()
        .satisfies(u -> assertThat(u.reason()).contains("stripe.bank_account is not among the inspected tables"));
    assertThat(unresolved(model, "charge", "foo_id")).get()
        .satisfies(u -> assertThat(u.reason()).contains("email is not the single-column key"));
  }
}
