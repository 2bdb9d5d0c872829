package dev.ferry.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.naming.NamedAssociation.Kind;
import dev.ferry.relations.RelationModel;
import org.junit.jupiter.api.Test;

class NamingTest {

  private static RelationModel stripe() {
    return new ModelBuilder("stripe")
        .table("customer", "id", "email")
        .table("payment_method", "id", "type", "customer_id")
        .table("subscription", "id", "customer_id", "default_payment_method_id", "payment_method_id")
        .table("charge", "id", "customer_id", "receipt_url", "payment_method_id")
        .reference("subscription", "customer_id", "customer")
        .reference("subscription", "default_payment_method_id", "payment_method")
        .reference("subscription", "payment_method_id", "payment_method")
        .reference("charge", "customer_id", "customer")
        .reference("charge", "payment_method_id", "payment_method")
        .reference("payment_method", "customer_id", "customer")
        .named();
  }

  @Test
  void prismaCasesModelsPascalAndFieldsCamel() {
    NamedModel model = Naming.localize(stripe(), Languages.PRISMA);
    NamedEntity subscription = entity(model, "subscription");
    assertThat(subscription.typeName().value()).isEqualTo("Subscription");
    assertThat(subscription.collectionName().value()).isEqualTo("subscriptions");
    assertThat(entity(model, "payment_method").typeName().value()).isEqualTo("PaymentMethod");
    assertThat(entity(model, "charge").attribute("receipt_url").orElseThrow().name().value()).isEqualTo("receiptUrl");
    assertThat(entity(model, "charge").attribute("receipt_url").orElseThrow().name().source()).isEqualTo("receipt_url");
    assertThat(association(subscription, "defaultPaymentMethod").kind()).isEqualTo(Kind.BELONGS_TO);
    assertThat(association(subscription, "defaultPaymentMethod").label().value()).isEqualTo("subscription_default_payment_method");
  }

  @Test
  void everyReferenceIsABelongsToOnOneSideAndAHasManyWithItsInverseOnTheOther() {
    NamedModel model = Naming.localize(stripe(), Languages.RUBY);
    NamedAssociation customer = association(entity(model, "subscription"), "customer");
    assertThat(customer.kind()).isEqualTo(Kind.BELONGS_TO);
    assertThat(customer.columns()).containsExactly("customer_id");
    assertThat(customer.inverse().value()).isEqualTo("subscriptions");
    NamedAssociation subscriptions = association(entity(model, "customer"), "subscriptions");
    assertThat(subscriptions.kind()).isEqualTo(Kind.HAS_MANY);
    assertThat(subscriptions.inverse().value()).isEqualTo("customer");
    assertThat(subscriptions.target().name()).isEqualTo("subscription");
    NamedAssociation roleBack = association(entity(model, "payment_method"), "subscriptions_as_default_payment_method");
    assertThat(roleBack.inverse().value()).isEqualTo("default_payment_method");
    assertThat(roleBack.columns()).containsExactly("default_payment_method_id");
  }

  @Test
  void manyToManyAppearsOnBothSidesOfTheJoinTable() {
    RelationModel model = new ModelBuilder("pagila").table("film", "id").table("actor", "id").table("film_actor", "film_id", "actor_id")
        .manyToMany("film_actor", "film_id", "film", "actor_id", "actor").named();
    NamedModel named = Naming.localize(model, Languages.ELIXIR);
    NamedAssociation actors = association(entity(named, "film"), "actors");
    assertThat(actors.kind()).isEqualTo(Kind.MANY_TO_MANY);
    assertThat(actors.inverse().value()).isEqualTo("films");
    assertThat(actors.through().joinTable().name()).isEqualTo("film_actor");
    assertThat(association(entity(named, "actor"), "films").inverse().value()).isEqualTo("actors");
  }

  /**
   * Salesforce's {@code Task.WhoId} (Contact or Lead by id prefix, no type column): no ORM can declare it
   * polymorphic, so every language gets one association per target, named for it, with its reason.
   */
  @Test
  void anIdPrefixPairBecomesOneAssociationPerTargetNamedForIt() {
    RelationModel model = new ModelBuilder("salesforce")
        .table("task", "id", "who_id", "account_id").table("contact", "id").table("lead", "id").table("account", "id")
        .reference("task", "account_id", "account")
        .polymorphic("task", null, "who_id", "contact", "lead")
        .named();
    for (var language : java.util.List.of(Languages.RUBY, Languages.ELIXIR, Languages.PRISMA)) {
      NamedModel named = Naming.localize(model, language);
      NamedEntity task = entity(named, "task");
      String whoContact = language == Languages.PRISMA ? "whoContact" : "who_contact";
      NamedAssociation contact = association(task, whoContact);
      assertThat(contact.kind()).isEqualTo(Kind.BELONGS_TO);
      assertThat(contact.columns()).containsExactly("who_id");
      assertThat(contact.target().name()).isEqualTo("contact");
      assertThat(contact.name().reasons()).anyMatch(r -> r.contains("one association per target"));
      assertThat(association(task, language == Languages.PRISMA ? "whoLead" : "who_lead").target().name()).isEqualTo("lead");
      NamedAssociation tasks = association(entity(named, "contact"), "tasks");
      assertThat(tasks.kind()).isEqualTo(Kind.HAS_MANY);
      assertThat(tasks.inverse().value()).isEqualTo(whoContact);
      assertThat(entity(named, "lead").polymorphicBacks()).isEmpty();
      assertThat(task.polymorphics()).singleElement().satisfies(p -> assertThat(p.name().value()).isEqualTo("who"));
    }
  }

  /**
   * A type-column pair (Rails' commentable) keeps its one name and its targets' back names, and also
   * gets the owner's association to each target alone, named like an id-prefix pair's, for ORMs that
   * join one target at a time; a column already holding that name pushes only the new name aside.
   */
  @Test
  void aTypeColumnPairGetsTheOwnersAssociationPerTypeValueNamedForTheTarget() {
    RelationModel model = new ModelBuilder("app")
        .table("comment", "id", "commentable_type", "commentable_id", "commentable_photo").table("post", "id").table("photo", "id")
        .polymorphic("comment", "commentable_type", "commentable_id", "post", "photo")
        .named();
    for (var language : java.util.List.of(Languages.PYTHON, Languages.JAVA)) {
      NamedModel named = Naming.localize(model, language);
      NamedPolymorphic pair = entity(named, "comment").polymorphics().get(0);
      assertThat(pair.name().value()).isEqualTo("commentable");
      assertThat(pair.forwards()).extracting(f -> f.target().table().name()).containsExactly("post", "photo");
      assertThat(pair.forwards().get(0).name().value()).isEqualTo(language == Languages.JAVA ? "commentablePost" : "commentable_post");
      assertThat(pair.forwards().get(1).name().value()).isNotIn("commentable_photo", "commentablePhoto"); // the column's
      assertThat(pair.forwards().get(0).name().reasons()).anyMatch(r -> r.contains("one association per type value"));
      NamedPolymorphicBack comments = entity(named, "post").polymorphicBacks().get(0);
      assertThat(comments.name().value()).isEqualTo("comments");
      assertThat(comments.pair()).isEqualTo(pair);
      assertThat(pair.forward(comments.target())).contains(pair.forwards().get(0));
    }
  }

  @Test
  void reservedWordsGetATrailingUnderscoreWithTheReason() {
    RelationModel model = new ModelBuilder("app").table("class", "id", "end", "save", "object_id", "type").named();
    NamedModel ruby = Naming.localize(model, Languages.RUBY);
    NamedEntity klass = entity(ruby, "class");
    assertThat(klass.typeName().value()).isEqualTo("Class_");
    assertThat(klass.attributes()).extracting(a -> a.name().value()).containsExactly("id", "end_", "save_", "object_id_", "type");
    assertThat(klass.attribute("save").orElseThrow().name().reasons()).singleElement().asString().contains("reserved in ruby");
    NamedModel prisma = Naming.localize(model, Languages.PRISMA);
    assertThat(entity(prisma, "class").typeName().value()).isEqualTo("Class");
    assertThat(entity(prisma, "class").attribute("end").orElseThrow().name().value()).isEqualTo("end");
  }

  @Test
  void namesThatCollideAfterCasingAreNumberedInColumnOrder() {
    RelationModel model = new ModelBuilder("app").table("thing", "id", "fooBar", "foo_bar").named();
    NamedEntity prisma = entity(Naming.localize(model, Languages.PRISMA), "thing");
    // Prisma checks field names and @map names as one namespace: foo_bar may not be named fooBar
    // while a column is named fooBar ("Field fooBar is already defined")
    assertThat(prisma.attribute("foo_bar").orElseThrow().name().value()).isEqualTo("fooBar_2");
    assertThat(prisma.attribute("fooBar").orElseThrow().name().value()).isEqualTo("fooBar2");
    NamedEntity keep = entity(Naming.localize(model, Languages.databaseNaming(Languages.PRISMA)), "thing");
    assertThat(keep.attribute("fooBar").orElseThrow().name().value()).isEqualTo("fooBar");
    assertThat(keep.attribute("foo_bar").orElseThrow().name().value()).isEqualTo("foo_bar");
  }

  @Test
  void databaseNamingKeepsValidNamesAndRepairsInvalidOnes() {
    RelationModel model = new ModelBuilder("public").table("stripe_charge", "id", "receipt_url", "Receipt Total", "3d_secure", "café").named();
    NamedEntity charge = entity(Naming.localize(model, Languages.databaseNaming(Languages.PRISMA)), "stripe_charge");
    assertThat(charge.typeName().value()).isEqualTo("stripe_charge");
    assertThat(charge.attributes()).extracting(a -> a.name().value()).containsExactly("id", "receipt_url", "receipt_total", "n3d_secure", "cafe");
    assertThat(charge.attribute("Receipt Total").orElseThrow().name().changed()).isTrue();
    assertThat(charge.attribute("receipt_url").orElseThrow().name().changed()).isFalse();
  }

  @Test
  void nonAsciiLettersBecomeCodePointsAndLeadingDigitsAPrefix() {
    RelationModel model = new ModelBuilder("app").table("顧客", "id", "名前", "2fa").named();
    NamedEntity entity = entity(Naming.localize(model, Languages.JAVA), "顧客");
    assertThat(entity.typeName().value()).isEqualTo("U9867U5ba2");
    assertThat(entity.attribute("名前").orElseThrow().name().value()).isEqualTo("u540dU524d");
    assertThat(entity.attribute("2fa").orElseThrow().name().value()).isEqualTo("n2fa");
  }

  @Test
  void sqlKeepsNamesAndQuotesWherePostgresNeedsIt() {
    RelationModel model = new ModelBuilder("Sales").table("order", "id", "select", "CustomerName", "say \"hi\"", "plain").named();
    NamedEntity order = entity(Naming.localize(model, Languages.SQL), "order");
    assertThat(order.typeName().value()).isEqualTo("\"Sales\".\"order\"");
    assertThat(order.attributes()).extracting(a -> a.name().value())
        .containsExactly("id", "\"select\"", "\"CustomerName\"", "\"say \"\"hi\"\"\"", "plain");
  }

  @Test
  void typeNamesAreUniqueAcrossTheModel() {
    RelationModel model = new ModelBuilder("app").table("user_account", "id").table("UserAccount", "id").named();
    NamedModel named = Naming.localize(model, Languages.TYPESCRIPT);
    assertThat(named.entities()).extracting(e -> e.typeName().value()).containsExactly("UserAccount2", "UserAccount");
    assertThat(named.entities().get(0).typeName().reasons()).singleElement().asString().contains("numbered");
  }

  @Test
  void enumsShareTheTypeNamespaceAndKeepTheirLabelsWhereValid() {
    RelationModel model = new ModelBuilder("stripe").table("status", "id").table("subscription", "id")
        .enumType("subscription_status", "active", "past_due", "Incomplete Expired", "3ds")
        .enumType("status", "open", "closed")
        .named();
    NamedModel prisma = Naming.localize(model, Languages.PRISMA);
    assertThat(prisma.enums()).extracting(e -> e.name().value()).containsExactly("StatusEnum", "SubscriptionStatus");
    assertThat(prisma.enums().get(1).values()).extracting(Identifier::value).containsExactly("active", "past_due", "incomplete_expired", "n3ds");
    assertThat(prisma.enums().get(1).values().get(2).source()).isEqualTo("Incomplete Expired");
    assertThat(prisma.enumType(model.catalog().enumTypes().get(0))).isPresent();
    NamedModel sql = Naming.localize(model, Languages.SQL);
    assertThat(sql.enums().get(1).values()).extracting(Identifier::value).contains("Incomplete Expired");
  }

  @Test
  void prismaModelsThatDifferOnlyInTheirFirstLetterAreNumberedSinceTheClientLowerCasesIt() {
    RelationModel model = new ModelBuilder("app").table("order", "id").table("Order", "id").named();
    NamedModel keep = Naming.localize(model, Languages.databaseNaming(Languages.PRISMA));
    assertThat(entity(keep, "order").typeName().value()).isEqualTo("order");
    assertThat(entity(keep, "Order").typeName().value()).isEqualTo("Order_2");
  }

  static NamedEntity entity(NamedModel model, String table) {
    return model.entities().stream().filter(e -> e.entity().name().name().equals(table)).findFirst().orElseThrow();
  }

  static NamedAssociation association(NamedEntity entity, String name) {
    return entity.associations().stream().filter(a -> a.name().value().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no association " + name + " in " + entity.associations().stream().map(a -> a.name().value()).toList()));
  }
}
