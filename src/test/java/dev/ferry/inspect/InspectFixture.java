package dev.ferry.inspect;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.PgType;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.catalog.pg.PgCatalogReader;
import dev.ferry.db.Database;
import dev.ferry.relations.AbstractType;
import dev.ferry.relations.Attribute;
import dev.ferry.relations.Entity;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.Sampling;
import dev.ferry.relations.Unresolved;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A relation model for renderer tests: the catalog is read from real Postgres, the relationships
 * are written by hand (so these tests do not depend on inference) in a list deliberately out of
 * order, to prove the reports sort them.
 */
final class InspectFixture {
  static final String DDL =
      """
      CREATE SCHEMA stripe;
      CREATE TYPE stripe.status AS ENUM ('active', 'past_due', 'canceled');
      CREATE TABLE stripe.customer (id text PRIMARY KEY, email text, created timestamptz(3) NOT NULL DEFAULT now());
      COMMENT ON TABLE stripe.customer IS 'A buyer';
      COMMENT ON COLUMN stripe.customer.email IS 'Where receipts go';
      CREATE TABLE stripe.payment_method (
        id text PRIMARY KEY,
        customer_id text CONSTRAINT payment_method_customer_fkey REFERENCES stripe.customer (id));
      CREATE TABLE stripe.tax_rate (id text PRIMARY KEY, percentage numeric(7,4) NOT NULL, legacy_rate numeric);
      COMMENT ON COLUMN stripe.tax_rate.legacy_rate IS E'The rate before.\nferry:deprecated=not in stripe API version 2026-08-26.dahlia; kept with the values synced before';
      CREATE TABLE stripe.subscription (
        id text PRIMARY KEY,
        customer_id text NOT NULL,
        default_payment_method_id text,
        default_tax_rates text[],
        status stripe.status NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        "Odd Name" text);
      CREATE INDEX subscription_customer_idx ON stripe.subscription (customer_id) WHERE status <> 'canceled';
      CREATE TABLE stripe.charge (id text PRIMARY KEY, source_type text, source_id text, invoice_id text,
        CONSTRAINT charge_source_key UNIQUE (source_type, source_id));
      CREATE TABLE stripe.film (id int PRIMARY KEY);
      CREATE TABLE stripe.actor (id int PRIMARY KEY);
      CREATE TABLE stripe.film_actor (film_id int, actor_id int, PRIMARY KEY (film_id, actor_id));
      """;

  private InspectFixture() {}

  static RelationModel model() {
    String url = TestPostgres.newDatabase("inspect_fixture");
    TestPostgres.execute(url, DDL);
    Catalog catalog;
    try (Connection connection = Database.of(url).connect()) {
      catalog = new PgCatalogReader().read(connection, List.of("stripe"), "");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    List<Entity> entities = catalog.tables().stream().map(InspectFixture::entity).toList();
    Reference customer =
        reference(catalog, "subscription", "customer_id", "customer", Evidence.NAME, "customer", "subscriptions");
    Reference defaultPaymentMethod =
        reference(catalog, "subscription", "default_payment_method_id", "payment_method", Evidence.SUFFIX,
            "default_payment_method", "subscriptions_as_default_payment_method");
    Reference paymentMethodCustomer =
        reference(catalog, "payment_method", "customer_id", "customer", Evidence.CONSTRAINT, "customer", "payment_methods");
    Reference film = reference(catalog, "film_actor", "film_id", "film", Evidence.NAME, "film", "film_actors");
    Reference actor = reference(catalog, "film_actor", "actor_id", "actor", Evidence.NAME, "actor", "film_actors");
    Polymorphic source =
        new Polymorphic(
            stripe("charge"), "source_type", "source_id", Name.of("source", "source_id"),
            List.of(new Polymorphic.Target("Customer", stripe("customer"), Name.of("charges", "stripe.charge.source_id")),
                new Polymorphic.Target("PaymentMethod", stripe("payment_method"))),
            Evidence.NAME, "source_type + source_id pair");
    IdArray taxRates =
        new IdArray(stripe("subscription"), "default_tax_rates", stripe("tax_rate"), Evidence.NAME,
            "array named after the plural of tax_rate", Name.of("default_tax_rates", "default_tax_rates"),
            Name.of("subscriptions", "stripe.subscription.default_tax_rates")
                .because("the column names the role 'default_tax_rates', not the target; role added",
                    "subscriptions_as_default_tax_rates"));
    ManyToMany filmsActors =
        new ManyToMany(stripe("film_actor"), film, actor, Name.of("actors", "actor"), Name.of("films", "film"));
    Unresolved invoice =
        new Unresolved(stripe("charge"), "invoice_id", "no table named invoice or invoices",
            List.of(new QualifiedName("billing", "invoices"), new QualifiedName("archive", "invoice")));
    return new RelationModel(
        catalog,
        entities,
        List.of(defaultPaymentMethod, customer, actor, paymentMethodCustomer, film),
        List.of(source),
        List.of(taxRates),
        List.of(filmsActors),
        List.of(invoice),
        Sampling.OFF);
  }

  static QualifiedName stripe(String table) {
    return new QualifiedName("stripe", table);
  }

  private static Reference reference(
      Catalog catalog, String from, String column, String to, Evidence evidence, String forward, String back) {
    Table target = catalog.table(stripe(to)).orElseThrow();
    return new Reference(
        stripe(from), List.of(column), stripe(to), target.primaryKey().orElseThrow().columns(), evidence,
        evidence.name().toLowerCase() + " evidence for " + from + "." + column, false,
        Name.of(forward, column), Name.of(back, from), Name.of(from + "_" + forward, column));
  }

  private static Entity entity(Table table) {
    List<String> primaryKey = table.primaryKey().map(pk -> pk.columns()).orElse(List.of());
    List<Attribute> attributes =
        table.columns().stream()
            .map(column -> new Attribute(column, attributeName(column), abstractType(column.type()),
                primaryKey.contains(column.name())))
            .toList();
    String name = table.name().name();
    return new Entity(table, Name.of(name, name), Name.of(name + "s", name), attributes, primaryKey);
  }

  private static Name attributeName(Column column) {
    String words = column.name().toLowerCase().replace(' ', '_');
    Name name = Name.of(column.name(), column.name());
    return words.equals(column.name()) ? name : name.because("snake_case", words);
  }

  private static AbstractType abstractType(PgType type) {
    return switch (type.kind()) {
      case ARRAY -> new AbstractType(AbstractType.Kind.ARRAY, abstractType(type.element()), type);
      case ENUM -> new AbstractType(AbstractType.Kind.ENUM, null, type);
      default ->
          switch (type.name()) {
            case "int4" -> new AbstractType(AbstractType.Kind.INT32, null, type);
            case "int8" -> new AbstractType(AbstractType.Kind.INT64, null, type);
            case "numeric" -> new AbstractType(AbstractType.Kind.DECIMAL, null, type);
            case "timestamptz" -> new AbstractType(AbstractType.Kind.TIMESTAMPTZ, null, type);
            default -> new AbstractType(AbstractType.Kind.STRING, null, type);
          };
    };
  }
}
