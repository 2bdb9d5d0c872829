package dev.ferry.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.relations.Entity;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.Name;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.Sampling;
import dev.ferry.relations.inference.ReferenceInference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelationNamerTest {

  private static ModelBuilder stripe() {
    return new ModelBuilder("stripe")
        .table("customer", "id", "email", "invoice_settings")
        .table("payment_method", "id", "type", "customer_id")
        .table("invoice", "id", "customer_id", "subscription_id")
        .table("subscription", "id", "customer_id", "default_payment_method_id", "payment_method_id", "latest_invoice_id")
        .reference("subscription", "customer_id", "customer")
        .reference("subscription", "default_payment_method_id", "payment_method")
        .reference("subscription", "payment_method_id", "payment_method")
        .reference("subscription", "latest_invoice_id", "invoice")
        .reference("invoice", "customer_id", "customer")
        .reference("invoice", "subscription_id", "subscription")
        .reference("payment_method", "customer_id", "customer");
  }

  @Test
  void forwardNameIsTheColumnStemAndBackNameThePluralOfTheReferencingEntity() {
    RelationModel model = stripe().named();
    Reference customer = reference(model, "subscription", "customer_id");
    assertThat(customer.forward().words()).isEqualTo("customer");
    assertThat(customer.back().words()).isEqualTo("subscriptions");
    assertThat(customer.forward().reasons()).isEmpty();
    assertThat(reference(model, "subscription", "default_payment_method_id").forward().words()).isEqualTo("default_payment_method");
  }

  @Test
  void aRoleNamedReferenceGetsItsRoleInTheBackNameAndTheReferenceNamedAfterTheTargetKeepsThePlainPlural() {
    RelationModel model = stripe().named();
    assertThat(reference(model, "subscription", "payment_method_id").back().words()).isEqualTo("subscriptions");
    Name roleBack = reference(model, "subscription", "default_payment_method_id").back();
    assertThat(roleBack.words()).isEqualTo("subscriptions_as_default_payment_method");
    assertThat(roleBack.reasons()).singleElement().asString().contains("role 'default_payment_method'");
  }

  @Test
  void referencesInBothDirectionsBetweenTwoTablesReadApart() {
    RelationModel model = stripe().named();
    assertThat(reference(model, "invoice", "subscription_id").back().words()).isEqualTo("invoices");
    // subscription's only reference to invoice: the plain plural, as developers name it
    assertThat(reference(model, "subscription", "latest_invoice_id").back().words()).isEqualTo("subscriptions");
  }

  @Test
  void aTablesOnlyReferenceToATargetGetsThePlainPluralAndASecondOneItsRole() {
    RelationModel single = new ModelBuilder("stripe").table("account", "id").table("charge", "id", "on_behalf_of_id")
        .reference("charge", "on_behalf_of_id", "account").named();
    Reference onBehalfOf = reference(single, "charge", "on_behalf_of_id");
    assertThat(onBehalfOf.forward().words()).isEqualTo("on_behalf_of");
    assertThat(onBehalfOf.back().words()).isEqualTo("charges");
    assertThat(onBehalfOf.back().reasons()).isEmpty();

    RelationModel twice = new ModelBuilder("stripe").table("account", "id").table("charge", "id", "account_id", "on_behalf_of_id")
        .reference("charge", "account_id", "account").reference("charge", "on_behalf_of_id", "account").named();
    assertThat(reference(twice, "charge", "account_id").back().words()).isEqualTo("charges");
    assertThat(reference(twice, "charge", "on_behalf_of_id").back().words()).isEqualTo("charges_as_on_behalf_of");
  }

  @Test
  void roleColumnsWithoutIdAreNamedByTheirRolesNoun() {
    RelationModel model = new ModelBuilder("crm").table("users", "id")
        .table("tasks", "id", "user_id", "assigned_to", "completed_by", "created_by", "approved_by", "last_modified_by")
        .table("builds", "id", "created_by").table("versions", "id", "whodunnit").table("documents", "id", "owner")
        .reference("tasks", "user_id", "users").reference("tasks", "assigned_to", "users").reference("tasks", "completed_by", "users")
        .reference("tasks", "created_by", "users").reference("tasks", "approved_by", "users").reference("tasks", "last_modified_by", "users")
        .reference("builds", "created_by", "users").reference("versions", "whodunnit", "users").reference("documents", "owner", "users")
        .named();
    assertThat(reference(model, "tasks", "assigned_to").forward().words()).isEqualTo("assignee");
    assertThat(reference(model, "tasks", "assigned_to").forward().reasons()).singleElement().asString().contains("role's noun");
    assertThat(reference(model, "tasks", "completed_by").forward().words()).isEqualTo("completer");
    assertThat(reference(model, "tasks", "created_by").forward().words()).isEqualTo("creator");
    assertThat(reference(model, "tasks", "approved_by").forward().words()).isEqualTo("approver");
    assertThat(reference(model, "tasks", "last_modified_by").forward().words()).isEqualTo("last_modifier");
    // a one-word column that is its table's only reference to users: named after the target
    assertThat(reference(model, "versions", "whodunnit").forward().words()).isEqualTo("user");
    // a role noun the target's name would lose
    assertThat(reference(model, "documents", "owner").forward().words()).isEqualTo("owner_record");
    // several references from tasks to users: a participle role qualifies the collection
    assertThat(reference(model, "tasks", "user_id").back().words()).isEqualTo("tasks");
    assertThat(reference(model, "tasks", "assigned_to").back().words()).isEqualTo("assigned_tasks");
    assertThat(reference(model, "tasks", "last_modified_by").back().words()).isEqualTo("last_modified_tasks");
    assertThat(reference(model, "builds", "created_by").back().words()).isEqualTo("builds");
  }

  @Test
  void anEmployeeReportsToAManager() {
    RelationModel model = new ModelBuilder("hr").table("employees", "id", "reports_to").reference("employees", "reports_to", "employees").named();
    Reference reportsTo = reference(model, "employees", "reports_to");
    assertThat(reportsTo.forward().words()).isEqualTo("manager");
    assertThat(reportsTo.back().words()).isEqualTo("direct_reports");
  }

  @Test
  void aNamespaceBothTablesShareIsDroppedFromTheBackName() {
    RelationModel model = new ModelBuilder("app")
        .table("kubernetes_releases", "id").table("kubernetes_release_docs", "id", "kubernetes_release_id")
        .table("kubernetes_roles", "id").table("kubernetes_stage_roles", "id", "kubernetes_role_id", "stage_id").table("stages", "id")
        .table("orders", "id").table("order_items", "id", "order_id").table("order_notes", "id", "order_item_id")
        .table("outbound_webhooks", "id").table("outbound_webhook_stages", "id", "outbound_webhook_id")
        .reference("kubernetes_release_docs", "kubernetes_release_id", "kubernetes_releases")
        .reference("kubernetes_stage_roles", "kubernetes_role_id", "kubernetes_roles")
        .reference("kubernetes_stage_roles", "stage_id", "stages")
        .reference("order_items", "order_id", "orders").reference("order_notes", "order_item_id", "order_items")
        .reference("outbound_webhook_stages", "outbound_webhook_id", "outbound_webhooks")
        .named();
    Name docs = reference(model, "kubernetes_release_docs", "kubernetes_release_id").back();
    assertThat(docs.words()).isEqualTo("release_docs");
    assertThat(docs.reasons()).singleElement().asString().contains("namespace 'kubernetes'");
    assertThat(reference(model, "kubernetes_stage_roles", "kubernetes_role_id").back().words()).isEqualTo("stage_roles");
    // another namespace's target keeps the whole name
    assertThat(reference(model, "kubernetes_stage_roles", "stage_id").back().words()).isEqualTo("kubernetes_stage_roles");
    // a table's name is an owner, not a namespace
    assertThat(reference(model, "order_notes", "order_item_id").back().words()).isEqualTo("order_notes");
    // tables nested under one owner share no namespace
    assertThat(reference(model, "outbound_webhook_stages", "outbound_webhook_id").back().words()).isEqualTo("outbound_webhook_stages");
  }

  /**
   * Tables that hold Stripe objects (whatever tool synced them) take Stripe's own names for the lists an
   * object nests, from the pinned version's definition; the same tables without vendor knowledge keep the
   * plural of the referencing table, and a list stored as a column of the same name keeps it too.
   */
  @Test
  void stripesNestedListsGiveTheirBackNamesOnlyToStripesTables() {
    java.util.function.Function<String, RelationModel> inferred = schema -> RelationNamer.name(ReferenceInference.infer(
        new ModelBuilder(schema).table("invoice", "id", "customer_id").table("invoice_payment", "id", "invoice_id")
            .table("invoice_line_item", "id", "invoice_id", "subscription_id").table("subscription", "id", "status")
            .table("subscription_item", "id", "subscription_id").build().catalog()));

    RelationModel stripe = inferred.apply("stripe");
    Name payments = reference(stripe, "invoice_payment", "invoice_id").back();
    assertThat(payments.words()).isEqualTo("payments");
    assertThat(payments.reasons()).containsExactly("source:stripe: invoice.payments lists the invoice_payment objects; named as stripe names it");
    assertThat(reference(stripe, "invoice_line_item", "invoice_id").back().words()).isEqualTo("lines");
    assertThat(reference(stripe, "subscription_item", "subscription_id").back().words()).isEqualTo("items");
    // a line item's subscription is not what subscription.items lists
    assertThat(reference(stripe, "invoice_line_item", "subscription_id").back().words()).isEqualTo("invoice_line_items");

    RelationModel plain = inferred.apply("billing");
    Name invoicePayments = reference(plain, "invoice_payment", "invoice_id").back();
    assertThat(invoicePayments.words()).isEqualTo("invoice_payments");
    assertThat(invoicePayments.reasons()).isEmpty();
    assertThat(reference(plain, "invoice_line_item", "invoice_id").back().words()).isEqualTo("invoice_line_items");
    assertThat(reference(plain, "subscription_item", "subscription_id").back().words()).isEqualTo("subscription_items");

    // a sync that keeps the nested list as a column (steampipe's subscription.items jsonb): no target declares both
    RelationModel stored = RelationNamer.name(ReferenceInference.infer(new ModelBuilder("stripe")
        .table("subscription", "id", "items").table("subscription_item", "id", "subscription_id").build().catalog()));
    Name items = reference(stored, "subscription_item", "subscription_id").back();
    assertThat(items.words()).isEqualTo("subscription_items");
    assertThat(items.reasons()).containsExactly(
        "source:stripe: subscription.items lists the subscription_item objects, but 'items' is a column of stripe.subscription; not used");
  }

  @Test
  void labelsAreShortAndUniqueWithinThePair() {
    RelationModel model = stripe().named();
    assertThat(reference(model, "subscription", "default_payment_method_id").label().words()).isEqualTo("subscription_default_payment_method");
    assertThat(reference(model, "subscription", "payment_method_id").label().words()).isEqualTo("subscription_payment_method");
    assertThat(model.references()).allSatisfy(r -> assertThat(r.label().words()).doesNotContain("To").hasSizeLessThan(48));
  }

  @Test
  void selfReferenceThroughParentIsParentAndChildren() {
    RelationModel model = new ModelBuilder("app").table("category", "id", "parent_id", "replaced_by_id")
        .table("folder", "id", "parent_folder_id")
        .reference("category", "parent_id", "category")
        .reference("category", "replaced_by_id", "category")
        .reference("folder", "parent_folder_id", "folder")
        .named();
    assertThat(reference(model, "folder", "parent_folder_id").back().words()).isEqualTo("child_folders");
    Reference parent = reference(model, "category", "parent_id");
    assertThat(parent.forward().words()).isEqualTo("parent");
    assertThat(parent.back().words()).isEqualTo("children");
    Reference replaced = reference(model, "category", "replaced_by_id");
    assertThat(replaced.forward().words()).isEqualTo("replaced_by");
    assertThat(replaced.back().words()).isEqualTo("replaced_categories");
  }

  @Test
  void oneToOneHasASingularBackName() {
    RelationModel model = new ModelBuilder("app").table("user", "id").table("profile", "id", "user_id")
        .oneToOne("profile", "user_id", "user").named();
    assertThat(reference(model, "profile", "user_id").back().words()).isEqualTo("profile");
  }

  @Test
  void aBareColumnThatIsTheReferenceGivesTheAssociationARecordSuffix() {
    RelationModel model = new ModelBuilder("sync").table("customer", "id").table("charge", "id", "customer")
        .reference("charge", "customer", "customer").named();
    Name forward = reference(model, "charge", "customer").forward();
    assertThat(forward.words()).isEqualTo("customer_record");
    assertThat(forward.source()).isEqualTo("customer");
    assertThat(forward.reasons()).singleElement().asString().contains("is a column of sync.charge");
  }

  @Test
  void aBackNameThatIsAColumnOfTheTargetIsRenamed() {
    RelationModel model = new ModelBuilder("stripe").table("customer", "id", "subscriptions").table("subscription", "id", "customer_id")
        .reference("subscription", "customer_id", "customer").named();
    assertThat(reference(model, "subscription", "customer_id").back().words()).isEqualTo("subscription_records");
  }

  @Test
  void camelCaseColumnsAndPascalCaseTablesBecomeSnakeWords() {
    RelationModel model = new ModelBuilder("chinook").table("Customer", "CustomerId").table("InvoiceLine", "InvoiceLineId", "customerId")
        .reference("InvoiceLine", "customerId", "Customer").named();
    Entity line = entity(model, "InvoiceLine");
    assertThat(line.singular().words()).isEqualTo("invoice_line");
    assertThat(line.plural().words()).isEqualTo("invoice_lines");
    assertThat(line.attributes()).extracting(a -> a.name().words()).containsExactly("invoice_line_id", "customer_id");
    Reference customer = reference(model, "InvoiceLine", "customerId");
    assertThat(customer.forward().words()).isEqualTo("customer");
    assertThat(customer.back().words()).isEqualTo("invoice_lines");
  }

  @Test
  void tablePrefixIsRemovedFromEntityNames() {
    RelationModel model = new ModelBuilder("public").prefix("stripe_").table("stripe_customers", "id").named();
    Entity customer = entity(model, "stripe_customers");
    assertThat(customer.singular().words()).isEqualTo("customer");
    assertThat(customer.plural().words()).isEqualTo("customers");
  }

  @Test
  void sameTableNameInTwoSchemasIsQualifiedBySchema() {
    RelationModel model = new ModelBuilder("stripe").table("stripe.customer", "id").table("hubspot.customer", "id").table("stripe.charge", "id").named();
    assertThat(entity(model, "stripe.customer").singular().words()).isEqualTo("stripe_customer");
    assertThat(entity(model, "hubspot.customer").singular().words()).isEqualTo("hubspot_customer");
    assertThat(entity(model, "hubspot.customer").plural().words()).isEqualTo("hubspot_customers");
    assertThat(entity(model, "hubspot.customer").singular().reasons()).singleElement().asString().contains("several schemas");
    assertThat(entity(model, "stripe.charge").singular().words()).isEqualTo("charge");
  }

  @Test
  void singularAndPluralTablesInOneSchemaStayDistinct() {
    RelationModel model = new ModelBuilder("app").table("person", "id").table("people", "id").table("status", "id").table("statuses", "id").named();
    assertThat(entity(model, "person").singular().words()).isEqualTo("person");
    assertThat(entity(model, "people").singular().words()).isEqualTo("people");
    assertThat(entity(model, "statuses").singular().words()).isEqualTo("statuses");
    assertThat(entity(model, "people").singular().reasons()).singleElement().asString().contains("share the singular 'person'");
    assertDistinct(model.entities().stream().map(e -> e.singular().words()).toList());
    assertDistinct(model.entities().stream().map(e -> e.plural().words()).toList());
  }

  @Test
  void manyToManyIsNamedByTheJoinColumnsRoles() {
    RelationModel model = new ModelBuilder("pagila").table("film", "id").table("actor", "id").table("film_actor", "film_id", "actor_id")
        .table("user", "id").table("follow", "follower_id", "followee_id")
        .manyToMany("film_actor", "film_id", "film", "actor_id", "actor")
        .manyToMany("follow", "follower_id", "user", "followee_id", "user")
        .named();
    assertThat(model.manyToMany().get(0).leftName().words()).isEqualTo("actors");
    assertThat(model.manyToMany().get(0).rightName().words()).isEqualTo("films");
    assertThat(model.manyToMany().get(1).leftName().words()).isEqualTo("followees");
    assertThat(model.manyToMany().get(1).rightName().words()).isEqualTo("followers");
  }

  @Test
  void polymorphicNamesAndIdArrayNamesOfIdsColumnsAvoidTheirOwnColumnsWhileAPluralIdArrayColumnKeepsItsName() {
    RelationModel model = new ModelBuilder("app").table("comment", "id", "commentable_type", "commentable_id").table("post", "id")
        .table("invoice", "id", "default_tax_rates", "discount_ids").table("tax_rate", "id").table("discount", "id")
        .polymorphic("comment", "commentable_type", "commentable_id", "post")
        .idArray("invoice", "default_tax_rates", "tax_rate")
        .idArray("invoice", "discount_ids", "discount")
        .named();
    assertThat(model.polymorphics().get(0).name().words()).isEqualTo("commentable");
    assertThat(model.idArrays()).extracting(a -> a.name().words()).containsExactly("default_tax_rates", "discounts");
  }

  @Test
  void anIdArrayNamedAsItsTargetsPluralKeepsTheColumnNameNextToTheBackReferenceFromTheSameTarget() {
    // Stripe: subscription.discounts text[] lists discount ids, and discount.subscription_id points back
    RelationModel model = new ModelBuilder("stripe")
        .table("subscription", "id", "discounts")
        .table("discount", "id", "subscription_id")
        .reference("discount", "subscription_id", "subscription")
        .idArray("subscription", "discounts", "discount")
        .named();
    assertThat(model.idArrays()).singleElement().satisfies(a -> assertThat(a.name().words()).isEqualTo("discounts"));
    Name back = reference(model, "discount", "subscription_id").back();
    assertThat(back.words()).isEqualTo("discount_records");
    assertThat(back.reasons()).singleElement().asString().contains("'discounts' is a column of stripe.subscription");
  }

  @Test
  void anIdArrayBackNameIsTheReferencingPluralWithTheArraysRoleUnlessItNamesTheTarget() {
    RelationModel model = new ModelBuilder("stripe")
        .table("invoice", "id", "default_tax_rates", "discount_ids").table("tax_rate", "id").table("discount", "id")
        .idArray("invoice", "default_tax_rates", "tax_rate")
        .idArray("invoice", "discount_ids", "discount")
        .named();
    Name taxRates = idArray(model, "default_tax_rates").back();
    assertThat(taxRates.words()).isEqualTo("invoices_as_default_tax_rates");
    assertThat(taxRates.source()).isEqualTo("stripe.invoice.default_tax_rates");
    assertThat(taxRates.reasons()).singleElement().asString().contains("role 'default_tax_rates'");
    Name discounts = idArray(model, "discount_ids").back();
    assertThat(discounts.words()).isEqualTo("invoices");
    assertThat(discounts.reasons()).isEmpty();
  }

  @Test
  void anIdArrayBackNameTakenByAReferenceGetsTheArraysRole() {
    // a reference and an id array from invoice to tax_rate: the reference, claimed first, keeps invoices
    RelationModel model = new ModelBuilder("stripe")
        .table("invoice", "id", "tax_rate_id", "tax_rates").table("tax_rate", "id")
        .reference("invoice", "tax_rate_id", "tax_rate")
        .idArray("invoice", "tax_rates", "tax_rate")
        .named();
    assertThat(reference(model, "invoice", "tax_rate_id").back().words()).isEqualTo("invoices");
    Name back = idArray(model, "tax_rates").back();
    assertThat(back.words()).isEqualTo("invoices_as_tax_rates");
    assertThat(back.reasons()).singleElement().asString().contains("another association of stripe.tax_rate is named 'invoices'");
  }

  @Test
  void configuredIdArrayNamesAreKeptAndTheirBackNameIsClaimedFirst() {
    RelationModel built = new ModelBuilder("stripe")
        .table("invoice", "id", "tax_rate_id", "default_tax_rates").table("tax_rate", "id")
        .reference("invoice", "tax_rate_id", "tax_rate")
        .idArray("invoice", "default_tax_rates", "tax_rate")
        .build();
    IdArray array = built.idArrays().get(0);
    IdArray configured = new IdArray(array.table(), array.column(), array.target(), array.evidence(), array.detail(),
        array.name(), Name.configured("invoices", "ferry.yaml line 4"));
    RelationModel model = RelationNamer.name(new RelationModel(built.catalog(), built.entities(), built.references(),
        built.polymorphics(), List.of(configured), built.manyToMany(), built.unresolved(), built.sampling()));
    assertThat(idArray(model, "default_tax_rates").back()).isEqualTo(configured.back());
    assertThat(reference(model, "invoice", "tax_rate_id").back().words()).isEqualTo("invoices_as_tax_rate");
  }

  private static IdArray idArray(RelationModel model, String column) {
    return model.idArrays().stream().filter(a -> a.column().equals(column)).findFirst().orElseThrow();
  }

  @Test
  void namesSetInFerryYamlAreKept() {
    ModelBuilder builder = stripe();
    RelationModel input = builder.build();
    List<Reference> references = new ArrayList<>();
    for (Reference r : input.references()) {
      boolean target = r.columns().equals(List.of("default_payment_method_id"));
      references.add(target
          ? new Reference(r.from(), r.columns(), r.to(), r.targetColumns(), r.evidence(), r.detail(), r.oneToOne(),
              Name.configured("default_method", "ferry.yaml line 3"), Name.configured("defaulted_subscriptions", "ferry.yaml line 4"), r.label())
          : r);
    }
    RelationModel model = RelationNamer.name(new RelationModel(input.catalog(), input.entities(), references, List.of(), List.of(), List.of(), List.of(), Sampling.OFF));
    Reference configured = reference(model, "subscription", "default_payment_method_id");
    assertThat(configured.forward().words()).isEqualTo("default_method");
    assertThat(configured.back().words()).isEqualTo("defaulted_subscriptions");
  }

  @Test
  void noAssociationCollidesWithAColumnOrAnotherAssociationOfItsEntity() {
    RelationModel model = new ModelBuilder("x").table("a", "id", "b", "bs", "b_id", "other_b_id").table("b", "id", "as", "a_id")
        .reference("a", "b", "b").reference("a", "b_id", "b").reference("a", "other_b_id", "b").reference("b", "a_id", "a")
        .oneToOne("b", "as", "a")
        .named();
    for (Entity entity : model.entities()) {
      List<String> members = new ArrayList<>(entity.attributes().stream().map(a -> a.name().words()).toList());
      model.references().stream().filter(r -> r.from().equals(entity.name())).forEach(r -> members.add(r.forward().words()));
      model.references().stream().filter(r -> r.to().equals(entity.name())).forEach(r -> members.add(r.back().words()));
      assertDistinct(members);
    }
  }

  @Test
  void namingIsDeterministic() {
    RelationModel first = stripe().named();
    RelationModel second = stripe().named();
    assertThat(first.references()).isEqualTo(second.references());
    assertThat(first.entities()).extracting(e -> e.singular(), e -> e.plural(), e -> e.attributes())
        .isEqualTo(second.entities().stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.singular(), e.plural(), e.attributes())).toList());
  }

  static void assertDistinct(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      assertThat(seen.add(name)).as("duplicate name %s in %s", name, names).isTrue();
    }
  }

  static Reference reference(RelationModel model, String from, String column) {
    return model.references().stream()
        .filter(r -> (r.from().name().equals(from) || r.from().toString().equals(from)) && r.columns().equals(List.of(column)))
        .findFirst().orElseThrow();
  }

  static Entity entity(RelationModel model, String table) {
    return model.entities().stream()
        .filter(e -> e.name().name().equals(table) || e.name().toString().equals(table))
        .findFirst().orElseThrow();
  }

  static QualifiedName qn(String schema, String table) {
    return new QualifiedName(schema, table);
  }
}
