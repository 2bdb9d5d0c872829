package dev.ferry.relations.inference;

import static dev.ferry.relations.inference.ModelFixture.read;
import static dev.ferry.relations.inference.ModelFixture.reference;
import static dev.ferry.relations.inference.ModelFixture.unresolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.relations.Evidence;
import dev.ferry.relations.RelationModel;
import org.junit.jupiter.api.Test;

/** The rules for schemas another tool or team wrote, each on a small schema in real Postgres. */
class ForeignSchemaRulesTest {
  @Test
  void salesforceObjectsSyncedByAnotherToolTakeTheirReferencesFromTheVendorModel() {
    RelationModel model = read("""
        CREATE TABLE "User" ("Id" text PRIMARY KEY, "SystemModstamp" timestamptz);
        CREATE TABLE "Contact" ("Id" text PRIMARY KEY, "OwnerId" text, "SystemModstamp" timestamptz);
        CREATE TABLE "Lead" ("Id" text PRIMARY KEY, "SystemModstamp" timestamptz);
        CREATE TABLE "Task" ("Id" text PRIMARY KEY, "WhoId" text, "CreatedById" text, "SystemModstamp" timestamptz);
        """);
    assertThat(reference(model, "Contact", "OwnerId")).hasValueSatisfying(r -> {
      assertThat(r.to().name()).isEqualTo("User");
      assertThat(r.evidence()).isEqualTo(Evidence.SOURCE);
      assertThat(r.detail()).startsWith("source:salesforce: ");
    });
    assertThat(reference(model, "Task", "CreatedById")).hasValueSatisfying(r -> assertThat(r.to().name()).isEqualTo("User"));
    assertThat(model.polymorphics()).singleElement().satisfies(p -> {
      assertThat(p.idColumn()).isEqualTo("WhoId");
      assertThat(p.targets()).extracting(t -> t.selector() + " " + t.table().name()).containsExactly("003 Contact", "00Q Lead");
    });
  }

  @Test
  void anApplicationTableNamedLikeAVendorObjectIsNotTakenForOne() {
    RelationModel model = read("""
        CREATE TABLE users (id integer PRIMARY KEY);
        CREATE TABLE contacts (id integer PRIMARY KEY, owner_id integer);
        """);
    assertThat(reference(model, "contacts", "owner_id")).hasValueSatisfying(r -> assertThat(r.evidence()).isEqualTo(Evidence.NAME));
    assertThat(model.references()).noneMatch(r -> r.evidence() == Evidence.SOURCE);
  }

  @Test
  void aRunTogetherNameMadeOfATableNameAndARoleFindsThatTable() {
    RelationModel model = read("""
        CREATE TABLE product (productid integer PRIMARY KEY);
        CREATE TABLE productmodel (productmodelid integer PRIMARY KEY);
        CREATE TABLE billofmaterials (id integer PRIMARY KEY, productassemblyid integer, productmodelid integer, productxid integer);
        """);
    assertThat(reference(model, "billofmaterials", "productassemblyid")).hasValueSatisfying(r -> {
      assertThat(r.to().name()).isEqualTo("product");
      assertThat(r.detail()).isEqualTo("column begins with the table name of the key productid of public.product");
      // named with its role, split where the key's table name ends
      assertThat(r.forward().words()).isEqualTo("product_assembly");
    });
    // the exact key name wins over a table name at the start; a role must be a word, not two characters
    assertThat(reference(model, "billofmaterials", "productmodelid")).hasValueSatisfying(r -> assertThat(r.to().name()).isEqualTo("productmodel"));
    assertThat(reference(model, "billofmaterials", "productxid")).isEmpty();
  }

  @Test
  void whatNamesFindInAnArchiveCopyOfATableIsUnresolvedWithItsTarget() {
    RelationModel model = read("""
        CREATE TABLE product (productid integer PRIMARY KEY);
        CREATE TABLE transactionhistory (transactionid integer PRIMARY KEY, productid integer, quantity integer);
        CREATE TABLE transactionhistoryarchive (transactionid integer PRIMARY KEY, productid integer, quantity integer);
        CREATE TABLE orders (id integer PRIMARY KEY, productid integer);
        CREATE TABLE orders_archive (id integer PRIMARY KEY, productid integer, archived_at timestamptz);
        CREATE TABLE notes_archive (id integer PRIMARY KEY, productid integer);
        """);
    assertThat(reference(model, "transactionhistory", "productid")).isPresent();
    assertThat(reference(model, "transactionhistoryarchive", "productid")).isEmpty();
    assertThat(unresolved(model, "transactionhistoryarchive", "productid")).hasValueSatisfying(u -> {
      assertThat(u.reason()).endsWith("but transactionhistoryarchive archives transactionhistory (same columns): its rows may outlive what they point at");
      assertThat(u.candidates()).extracting(c -> c.name()).containsExactly("product");
    });
    assertThat(unresolved(model, "orders_archive", "productid")).isPresent();
    // no table it copies: an ordinary table whose name ends with archive
    assertThat(reference(model, "notes_archive", "productid")).isPresent();
  }

  @Test
  void keyNamesRunTogetherNamesAndSharedKeysFindTheirTables() {
    RelationModel model = read("""
        CREATE TABLE salesterritory (territoryid integer PRIMARY KEY);
        CREATE TABLE address (addressid integer PRIMARY KEY);
        CREATE TABLE salesperson (businessentityid integer PRIMARY KEY, territoryid integer, modifieddate timestamp);
        CREATE TABLE person (businessentityid integer PRIMARY KEY, modifieddate timestamp);
        CREATE TABLE personphone (businessentityid integer, phone text);
        CREATE TABLE emailaddress (businessentityid integer, email text, modifieddate timestamp);
        CREATE TABLE salesterritoryhistory (businessentityid integer, territoryid integer, startdate date, modifieddate timestamp);
        CREATE TABLE salesorderheader (id integer PRIMARY KEY, territoryid integer, shiptoaddressid integer, salespersonid integer);
        """);
    // of the tables keyed by businessentityid, only salesperson also has territoryid (modifieddate, which both have, says nothing)
    assertThat(reference(model, "salesterritoryhistory", "businessentityid")).hasValueSatisfying(r -> {
      assertThat(r.to().name()).isEqualTo("salesperson");
      assertThat(r.detail()).endsWith("the one table of that key that also has a column of salesterritoryhistory");
    });
    assertThat(reference(model, "salesorderheader", "territoryid")).hasValueSatisfying(r -> assertThat(r.to().name()).isEqualTo("salesterritory"));
    assertThat(reference(model, "salesorderheader", "shiptoaddressid")).hasValueSatisfying(r -> {
      assertThat(r.to().name()).isEqualTo("address");
      assertThat(r.evidence()).isEqualTo(Evidence.SUFFIX);
      assertThat(r.forward().words()).isEqualTo("shipto_address");
    });
    assertThat(reference(model, "salesorderheader", "salespersonid")).hasValueSatisfying(r -> assertThat(r.to().name()).isEqualTo("salesperson"));
    assertThat(reference(model, "personphone", "businessentityid")).hasValueSatisfying(r -> assertThat(r.to().name()).isEqualTo("person"));
    assertThat(unresolved(model, "emailaddress", "businessentityid")).hasValueSatisfying(u ->
        assertThat(u.candidates()).extracting(c -> c.name()).containsExactly("person", "salesperson"));
    assertThat(unresolved(model, "person", "businessentityid")).isPresent();
  }

  @Test
  void anAssociationsPairKeyIsOneCompositeReference() {
    RelationModel model = read("""
        CREATE TABLE specialoffer (specialofferid integer PRIMARY KEY);
        CREATE TABLE product (productid integer PRIMARY KEY);
        CREATE TABLE specialofferproduct (specialofferid integer, productid integer, PRIMARY KEY (specialofferid, productid));
        CREATE TABLE salesorderdetail (id integer PRIMARY KEY, specialofferid integer, productid integer);
        """);
    assertThat(model.references()).filteredOn(r -> r.from().name().equals("salesorderdetail")).singleElement().satisfies(r -> {
      assertThat(r.columns()).containsExactly("specialofferid", "productid");
      assertThat(r.to().name()).isEqualTo("specialofferproduct");
    });
  }

  @Test
  void personRolesPointAtThePeopleAndReportsToIsOnlyACandidate() {
    RelationModel model = read("""
        CREATE TABLE users (id integer PRIMARY KEY);
        CREATE TABLE shippers (shipper_id integer PRIMARY KEY);
        CREATE TABLE tasks (id integer PRIMARY KEY, assigned_to integer, author_id integer, reports_to integer, ship_via integer);
        """);
    assertThat(reference(model, "tasks", "assigned_to")).hasValueSatisfying(r -> assertThat(r.to().name()).isEqualTo("users"));
    assertThat(reference(model, "tasks", "author_id")).hasValueSatisfying(r -> assertThat(r.to().name()).isEqualTo("users"));
    assertThat(reference(model, "tasks", "ship_via")).hasValueSatisfying(r -> assertThat(r.to().name()).isEqualTo("shippers"));
    assertThat(unresolved(model, "tasks", "reports_to")).hasValueSatisfying(u -> {
      assertThat(u.reason()).contains("confidence low");
      assertThat(u.candidates()).extracting(c -> c.name()).containsExactly("users");
    });
  }

  @Test
  void theSpecificTableWinsOverTheGenericOneAndNoNameLeadsBackToItsOwnTable() {
    RelationModel model = read("""
        CREATE TABLE card (id text PRIMARY KEY);
        CREATE TABLE issuing_card (id text PRIMARY KEY);
        CREATE TABLE issuing_authorization (id text PRIMARY KEY, card_id text);
        CREATE TABLE jenkins_jobs (id integer PRIMARY KEY, jenkins_job_id integer);
        CREATE TABLE keyless (id text, name text);
        CREATE TABLE notes (id integer PRIMARY KEY, keyless_id text);
        """);
    assertThat(reference(model, "issuing_authorization", "card_id")).hasValueSatisfying(r -> assertThat(r.to().name()).isEqualTo("issuing_card"));
    assertThat(unresolved(model, "jenkins_jobs", "jenkins_job_id")).hasValueSatisfying(u -> assertThat(u.reason()).contains("its own table"));
    assertThat(reference(model, "notes", "keyless_id")).hasValueSatisfying(r -> assertThat(r.targetColumns()).containsExactly("id"));
  }
}
