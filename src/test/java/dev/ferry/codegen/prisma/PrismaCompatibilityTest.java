package dev.ferry.codegen.prisma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.fixture.Corpora;
import dev.ferry.codegen.fixture.DatabaseObjects;
import dev.ferry.db.Database;
import dev.ferry.naming.NamedModel;
import dev.ferry.read.ReadRequest;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.Cli;
import dev.ferry.testing.TestPostgres;
import dev.ferry.testing.Toolchains;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ferry generate prisma} output passes the real Prisma 7 toolchain: {@code prisma format}
 * (which validates), {@code prisma generate}, and Prisma Client 7 with {@code @prisma/adapter-pg} including every
 * relation of every model, checked row by row against SQL, on databases holding rows and no
 * foreign keys. Each case has its own database and project folder, so cases run two at a time
 * (src/test/resources/junit-platform.properties): most of their time is the Prisma CLI and Node
 * starting.
 */
@Execution(ExecutionMode.CONCURRENT)
class PrismaCompatibilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void stripe_shaped_schema_works_in_prisma_client_with_idiomatic_names() throws Exception {
    String url = database("stripe.sql");
    Checked checked = generateAndCheck(url, "stripe-idiomatic", List.of("stripe"), "");
    assertThat(checked.relations()).isGreaterThanOrEqualTo(14);
    assertThat(checked.schemaFile("stripe"))
        .contains("model Subscription {")
        .contains("@@map(\"subscription\")")
        .contains("customerId             String ")
        .contains("@map(\"customer_id\")")
        .contains("@@schema(\"stripe\")")
        .contains("enum SubscriptionStatus {")
        .contains("  n3d_secure @map(\"3d-secure\")")
        // relation names only where two relations join the same pair (customer <-> source)
        .contains("@relation(\"customer_default_source\", fields: [defaultSourceId], references: [id], onDelete: Restrict, onUpdate: Restrict)")
        .contains("  customer   Customer? @relation(fields: [customerId], references: [id], onDelete: Restrict, onUpdate: Restrict)")
        .contains("  @@id([subscriptionId, position])")
        .contains("  @@unique([customerId, taken], map: \"balance_snapshot_customer_taken\")")
        .contains("  @@index([customerId])")
        .contains("@db.Timestamptz(3)")
        .contains("Decimal?                 @db.Decimal(12, 2)")
        .contains("Unsupported(\"interval\")?")
        .contains("/// ids of TaxRate rows")
        .containsPattern("model EventLog \\{[^}]*@@ignore")
        .containsPattern("model CustomerTaxRate \\{[^}]*@@ignore")
        .doesNotContain("idTo");
    assertThat(seedQuery(checked, "seed-idiomatic.ts", url, "cus_A")).isEqualTo(expectedSeedRows(url, "cus_A"));
  }

  @Test
  void database_naming_runs_the_seed_style_query_verbatim() throws Exception {
    String url = database("stripe.sql");
    Checked checked = generateAndCheck(url, "stripe-database", List.of("stripe"), "", "--naming", "database");
    assertThat(checked.schemaFile("stripe")).contains("model charge {").contains("customer_id ");
    assertThat(seedQuery(checked, "seed-database.ts", url, "cus_A")).isEqualTo(expectedSeedRows(url, "cus_A"));
  }

  @Test
  void prefixed_tables_become_unprefixed_models_or_keep_a_model_prefix() throws Exception {
    String url = database("prefixed.sql");
    Checked plain = generateAndCheck(url, "prefixed", List.of("public"), "stripe_");
    assertThat(plain.schemaFile("stripe")).contains("model Customer {").contains("@@map(\"stripe_customer\")");
    assertThat(plain.relations()).isEqualTo(2);

    Checked prefixed = generateAndCheck(url, "prefixed-model-prefix", List.of("public"), "stripe_", "--model-prefix", "Stripe");
    assertThat(prefixed.schemaFile("stripe")).contains("model StripeCustomer {").contains("model StripeInvoice {");
    assertThat(prefixed.relations()).isEqualTo(2);
  }

  @Test
  void several_schemas_live_in_one_client() throws Exception {
    String url = database("multischema.sql");
    Checked checked = generateAndCheck(url, "multischema", List.of("stripe", "billing"), "");
    assertThat(Files.readString(checked.project().resolve("prisma/schema/schema.prisma"))).contains("schemas      = [\"billing\", \"stripe\"]");
    assertThat(checked.schemaFile("billing")).contains("@@schema(\"billing\")");
    assertThat(checked.relations()).isEqualTo(2);

    // the app's own models live in their own file and schema; regenerating leaves them alone
    TestPostgres.execute(url, "CREATE TABLE public.app_user (id serial PRIMARY KEY, stripe_customer_id text)");
    Path datasource = checked.project().resolve("prisma/schema/schema.prisma");
    Files.writeString(datasource, Files.readString(datasource).replace("[\"billing\", \"stripe\"]", "[\"billing\", \"stripe\", \"public\"]"));
    Path app = checked.project().resolve("prisma/schema/app.prisma");
    String appModels = "model AppUser {\n  id               Int     @id @default(autoincrement())\n"
        + "  stripeCustomerId String? @map(\"stripe_customer_id\")\n\n  @@map(\"app_user\")\n  @@schema(\"public\")\n}\n";
    Files.writeString(app, appModels);
    String datasourceText = Files.readString(datasource);
    Checked again = generateAndCheck(url, checked.project(), List.of("stripe", "billing"), "");
    assertThat(app).hasContent(appModels.strip());
    assertThat(datasource).hasContent(datasourceText.strip());
    assertThat(again.relations()).isEqualTo(2);
  }

  static Stream<Arguments> corpora() {
    return Corpora.ALL.stream().flatMap(c -> Stream.of(Arguments.of(c, "idiomatic"), Arguments.of(c, "database")));
  }

  @ParameterizedTest(name = "{0} with {1} naming")
  @MethodSource("corpora")
  void every_corpus_schema_passes_prisma_with_every_relation_included(Corpora.Corpus corpus, String naming) throws Exception {
    String url = Corpora.database(corpus);
    Checked checked = generateAndCheck(url, "corpus-" + corpus.name() + "-" + naming, corpus.schemas(), corpus.tablePrefix(), "--naming", naming);
    if (Corpora.FOUNDATION.contains(corpus)) {
      assertThat(checked.relations()).as("relations proved through Prisma Client").isPositive();
    }
    if (corpus.name().equals("demo") && naming.equals("idiomatic")) {
      assertLinksOfThePinnedVersionAreNavigable(checked);
    }
    if (corpus.name().equals("stripe")) {
      String customer = "cus_Ox1aB2cD3eF4gH";
      assertThat(seedQuery(checked, "seed-" + naming + ".ts", url, customer)).isEqualTo(expectedSeedRows(url, customer));
    }
    if (naming.equals("database")) { // the migration is the same in both namings
      assertMigrateDeployChangesNothingSyncedAndRecreatesEmpty(corpus, url, checked.project());
    }
  }

  /**
   * The real {@code prisma migrate deploy} of the generated migrations: on the database Ferry synced
   * (where deploy finds them not yet applied, or refuses to run) the catalog's objects stay as they
   * were, Prisma's own record {@code public._prisma_migrations} aside; on an empty database they recreate the corpus as
   * {@code ferry inspect} sees it (views are not recreated and a partitioned table comes back plain,
   * as docs/generate.md says).
   */
  private static void assertMigrateDeployChangesNothingSyncedAndRecreatesEmpty(Corpora.Corpus corpus, String synced, Path project) throws Exception {
    PrismaCheck check = new PrismaCheck(synced);
    List<String> objects = DatabaseObjects.list(synced);
    Toolchains.Result onSynced = check.migrateDeploy(project, synced);
    // where Prisma's own schema (public) holds synced tables, deploy refuses a schema that is not empty
    // and has no migration history (P3005): the migration never runs; elsewhere it applies the no-op
    boolean refused = onSynced.output().contains("Error: P3005");
    assertThat(onSynced.exitCode()).as("prisma migrate deploy on the synced database:\n%s", onSynced.output()).isEqualTo(refused ? 1 : 0);
    if (!refused) {
      assertThat(onSynced.output()).contains("All migrations have been successfully applied.");
    }
    assertThat(DatabaseObjects.list(synced).stream().filter(o -> !o.contains("_prisma_migrations")).toList()).isEqualTo(objects);

    String empty = TestPostgres.newDatabase("deploy_" + corpus.name());
    Toolchains.Result onEmpty = check.migrateDeploy(project, empty);
    assertThat(onEmpty.exitCode()).as("prisma migrate deploy on an empty database:\n%s", onEmpty.output()).isZero();
    assertThat(onEmpty.output()).contains("All migrations have been successfully applied.");
    TestPostgres.execute(empty, "DROP TABLE public._prisma_migrations");
    String source = Corpora.database(corpus);
    TestPostgres.execute(source, Corpora.DROP_VIEWS);
    assertThat(inspect(empty, corpus)).isEqualTo(Corpora.asRecreated(inspect(source, corpus)));
  }

  private static String inspect(String url, Corpora.Corpus corpus) {
    List<String> args = new ArrayList<>(List.of("inspect", "--format", "json", "--database-url", url));
    corpus.schemas().forEach(s -> args.addAll(List.of("--schema", s)));
    if (!corpus.tablePrefix().isEmpty()) {
      args.addAll(List.of("--table-prefix", corpus.tablePrefix()));
    }
    return Cli.run(args).expecting(0).out();
  }

  /**
   * The schemas the HubSpot and Salesforce demos sync: every relation included by Prisma Client and
   * compared with SQL, the issues' relations among them (many-to-many through the association model).
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.FieldSource("dev.ferry.codegen.fixture.Corpora#SOURCES")
  void source_demo_schemas_work_in_prisma_client(Corpora.Corpus corpus) throws Exception {
    String url = Corpora.database(corpus);
    Checked checked = generateAndCheck(url, "source-" + corpus.name(), corpus.schemas(), "");
    String schema = corpus.schemas().get(0);
    String file = checked.schemaFile(schema);
    if (schema.equals("hubspot")) {
      assertThat(checked.relations()).isGreaterThanOrEqualTo(40);
      assertThat(model(file, "Deal")).containsPattern("companyDeals +CompanyDeal\\[\\]").containsPattern("stage +PipelineStage\\?");
      assertThat(model(file, "CompanyDeal")).containsPattern("company +Company\\?").contains("@@unique([companyId, dealId], map: ");
      assertThat(model(file, "Company")).containsPattern("companyContacts +CompanyContact\\[\\]");
      assertThat(model(file, "CompanyContact")).containsPattern("contact +Contact\\?");
      assertThat(model(file, "Contact")).containsPattern("owner +Owner\\?");
    } else {
      assertThat(checked.relations()).isGreaterThanOrEqualTo(100);
      assertThat(model(file, "Opportunity")).containsPattern("account +Account\\?");
      assertThat(model(file, "Account")).containsPattern("opportunities +Opportunity\\[\\]").containsPattern("owner +User\\?");
      assertThat(model(file, "Contact")).containsPattern("account +Account\\?");
      // Task.WhoId (Contact or Lead by id prefix, no type column): Prisma has no polymorphic relations, so
      // one relation per target over who_id, included by Prisma Client (compared with SQL above) and reaching rows
      assertThat(model(file, "Task")).contains("/// polymorphic").containsPattern("whoContact +Contact\\?").containsPattern("whoLead +Lead\\?");
      @SuppressWarnings("unchecked")
      Map<String, Map<String, List<String>>> included = JSON.readValue(checked.project().resolve("result.json").toFile(), Map.class);
      for (String relation : List.of("task.whoContact", "task.whoLead")) {
        assertThat(included).as("relations Prisma Client included").containsKey(relation);
        assertThat(included.get(relation).values()).as("rows %s reaches", relation).anyMatch(rows -> !rows.isEmpty());
      }
      for (String reserved : List.of("Order", "Case", "Group", "User")) {
        assertThat(file).as(reserved).contains("model " + reserved + " {");
      }
    }
  }

  private static String model(String file, String name) {
    int start = file.indexOf("model " + name + " {");
    assertThat(start).as("model " + name).isNotNegative();
    return file.substring(start, file.indexOf("\n}", start));
  }

  @Test
  void hostile_names_become_valid_prisma_identifiers_mapped_to_the_database() throws Exception {
    String url = database("hostile.sql");
    for (String naming : List.of("idiomatic", "database")) {
      Checked checked = generateAndCheck(url, "hostile-" + naming, List.of("Hostile Names"), "", "--naming", naming);
      assertThat(checked.schemaFile("Hostile Names")).contains("@@schema(\"Hostile Names\")").contains("@map(\"1st place\")");
      assertThat(checked.relations()).isPositive();
    }
  }

  /**
   * Issue 9's links (nested in the pinned Stripe version, or expandable ids once kept as text) on the synced
   * demo: Prisma Client included each with the same rows as the SQL join (checked above), and reached rows.
   * {@code invoice.payments} (Stripe's own name for the invoice's list of invoice_payment objects) goes on to the payment intent. The demo
   * account holds one payout and no reversal, so {@code payout.originalPayout} is included but reaches none.
   */
  static void assertLinksOfThePinnedVersionAreNavigable(Checked checked) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Map<String, List<String>>> included = JSON.readValue(checked.project().resolve("result.json").toFile(), Map.class);
    assertThat(included).as("relations Prisma Client included").containsKey("payout.originalPayout");
    for (String relation : List.of("invoice.subscription", "invoiceLineItem.price", "promotionCode.coupon", "invoice.payments",
        "invoicePayment.paymentIntent")) {
      assertThat(included).as("relations Prisma Client included").containsKey(relation);
      assertThat(included.get(relation).values()).as("rows %s reaches", relation).anyMatch(rows -> !rows.isEmpty());
    }
  }

  /** What one generated project is, and how many relations Prisma Client proved. */
  record Checked(Path project, int relations) {
    /** Ferry's file of one schema, or in prefix mode of the prefix ({@code stripe} for {@code stripe_}). */
    String schemaFile(String name) throws Exception {
      return Files.readString(project.resolve("prisma/schema/" + name + ".prisma"));
    }
  }

  static String database(String fixture) throws Exception {
    String url = TestPostgres.newDatabase("prisma_" + fixture.replace(".sql", ""));
    TestPostgres.execute(url, resource(fixture));
    return url;
  }

  static String resource(String name) throws Exception {
    try (var in = PrismaCompatibilityTest.class.getResourceAsStream("/codegen/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Runs {@code ferry generate prisma} into a fresh project, then validate, generate and every include. */
  static Checked generateAndCheck(String url, String name, List<String> schemas, String prefix, String... options) throws Exception {
    return generateAndCheck(url, new PrismaCheck(url).workDir(name), schemas, prefix, options);
  }

  static Checked generateAndCheck(String url, Path project, List<String> schemas, String prefix, String... options) throws Exception {
    PrismaCheck check = new PrismaCheck(url);
    List<String> args = new ArrayList<>(List.of("generate", "prisma", "--database-url", url, "--out", project.toString()));
    schemas.forEach(s -> args.addAll(List.of("--schema", s)));
    if (!prefix.isEmpty()) {
      args.addAll(List.of("--table-prefix", prefix));
    }
    args.addAll(List.of(options));
    assertThat(Cli.run(args).expecting(0).out()).startsWith("prisma: ");

    check.validateAndGenerate(project);
    RelationModel model;
    try (Connection connection = Database.of(url).connect()) {
      model = ReadSide.load(connection, new ReadRequest(schemas, prefix, false, Optional.empty()));
    }
    Map<String, String> optionMap = new java.util.HashMap<>();
    for (int i = 0; i + 1 < options.length; i += 2) {
      optionMap.put(options[i].substring(2), options[i + 1]);
    }
    GenerationRequest request = new GenerationRequest(model, optionMap, Instant.EPOCH);
    NamedModel named = PrismaNaming.localize(request);
    int relations = check.checkEveryRelation(project, named, PrismaTarget.renderer(named, request));
    return new Checked(project, relations);
  }

  // [charge id, payment method id] of the customer's charges with a receipt, newest first, by SQL.
  static String expectedSeedRows(String url, String customer) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = Database.of(url).connect();
        Statement statement = connection.createStatement();
        ResultSet resultSet = statement.executeQuery(
            "SELECT c.id, p.id FROM stripe.charge c LEFT JOIN stripe.payment_method p ON p.id = c.payment_method_id"
                + " WHERE c.customer_id = '" + customer + "' AND c.receipt_url IS NOT NULL ORDER BY c.created DESC")) {
      while (resultSet.next()) {
        rows.add(java.util.Arrays.asList(resultSet.getString(1), resultSet.getString(2)));
      }
    }
    assertThat(rows).isNotEmpty();
    return JSON.writeValueAsString(rows);
  }

  /** Copies a seed script into the project, type-checks it against the generated client, runs it. */
  static String seedQuery(Checked checked, String script, String url, String customer) throws Exception {
    Path toolchain = Toolchains.ensure("prisma");
    Files.copy(toolchain.resolve(script), checked.project().resolve(script), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    PrismaCheck check = new PrismaCheck(url);
    Toolchains.Result types = Toolchains.run(checked.project(), Map.of(),
        toolchain.resolve("node_modules/.bin/tsc").toString(), "--noEmit", "--skipLibCheck", "--strict", "--target", "es2022",
        "--module", "esnext", "--moduleResolution", "bundler", "--allowImportingTsExtensions", "--types", "node", script);
    assertThat(types.exitCode()).as("tsc %s:\n%s", script, types.output()).isZero();
    Toolchains.Result run = check.tsxInProject(checked.project(), script, customer);
    assertThat(run.exitCode()).as("%s:\n%s", script, run.output()).isZero();
    return run.output().strip().lines().reduce((a, b) -> b).orElse("");
  }
}
