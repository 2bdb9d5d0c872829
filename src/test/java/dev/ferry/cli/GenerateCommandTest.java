package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.pg.PgCatalogReader;
import dev.ferry.db.Database;
import dev.ferry.errors.ExitCodes;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  static final String SCHEMA = """
      CREATE SCHEMA stripe;
      CREATE TABLE stripe.customer (id text PRIMARY KEY, email text, created timestamptz);
      CREATE TABLE stripe.subscription (id text PRIMARY KEY, customer_id text, status text, items text[]);
      CREATE INDEX subscription_customer_id_idx ON stripe.subscription (customer_id);
      """;

  @TempDir Path out;

  Run ferry(String url, String... args) {
    return ferryIn(out, url, args);
  }

  Run ferryIn(Path dir, String url, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--database-url", url, "--out", dir.toString(), "--schema", "stripe"));
    return Cli.run(all);
  }

  Map<String, String> files() throws Exception {
    return files(out);
  }

  static Map<String, String> files(Path dir) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(path).toString(), Files.readString(path));
      }
    }
    return files;
  }

  @Test
  void prisma_prints_one_summary_line_and_writes_where_prisma_keeps_things() throws Exception {
    String url = TestPostgres.newDatabase("generate_summary");
    TestPostgres.execute(url, SCHEMA);
    Run run = ferry(url, "generate", "prisma");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(
        "prisma: 2 models, 7 fields, 2 relations → prisma/schema/stripe.prisma, prisma/migrations/20000101000000_stripe/migration.sql (5 written)\n");
    assertThat(files()).containsOnlyKeys(
        "prisma.config.ts", "prisma/schema/schema.prisma", "prisma/schema/stripe.prisma",
        "prisma/migrations/migration_lock.toml", "prisma/migrations/20000101000000_stripe/migration.sql");
  }

  @Test
  void an_option_no_selected_target_reads_is_a_usage_error_not_silently_ignored() throws Exception {
    String url = TestPostgres.newDatabase("generate_options");
    TestPostgres.execute(url, SCHEMA);
    Run ecto = ferry(url, "generate", "ecto", "--naming", "database");
    assertThat(ecto.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(ecto.err()).isEqualTo("ferry: option 'naming' is not read by ecto (ecto takes app, namespace, timestamp)\n");
    assertThat(files()).isEmpty();
    Run typo = ferry(url, "generate", "all", "--option", "namspace=Billing");
    assertThat(typo.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(typo.err()).startsWith("ferry: option 'namspace' is not read by any target (activerecord takes namespace, timestamp;");
    assertThat(ferry(url, "generate", "all", "--naming", "database").exit()).as("prisma reads it").isZero();
  }

  @Test
  void regenerating_without_changes_writes_identical_bytes_and_check_passes() throws Exception {
    String url = TestPostgres.newDatabase("generate_twice");
    TestPostgres.execute(url, SCHEMA);
    assertThat(ferry(url, "generate", "all").exit()).isZero();
    Map<String, String> first = files();
    Run second = ferry(url, "generate", "all");
    assertThat(second.exit()).isZero();
    assertThat(second.out()).doesNotContain("written");
    assertThat(files()).isEqualTo(first);
    Run check = ferry(url, "generate", "all", "--check");
    assertThat(check.exit()).as(check.out()).isZero();
  }

  @Test
  void a_new_column_appears_on_regeneration_and_the_users_edits_survive() throws Exception {
    String url = TestPostgres.newDatabase("generate_regen");
    TestPostgres.execute(url, SCHEMA);
    assertThat(ferry(url, "generate", "prisma").exit()).isZero();
    Path datasource = out.resolve("prisma/schema/schema.prisma");
    String edited = Files.readString(datasource).replace("schemas      = [\"stripe\"]", "schemas      = [\"stripe\", \"public\"]");
    Files.writeString(datasource, edited);
    Path appModels = out.resolve("prisma/schema/app.prisma");
    Files.writeString(appModels, "model User {\n  id Int @id\n\n  @@schema(\"public\")\n}\n");

    TestPostgres.execute(url, "ALTER TABLE stripe.customer ADD COLUMN phone text");
    Run check = ferry(url, "generate", "prisma", "--check");
    assertThat(check.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(check.out()).contains("  stale: prisma/schema/stripe.prisma").contains("  stale: prisma/migrations/20000101000000_stripe/migration.sql");
    assertThat(Files.readString(out.resolve("prisma/schema/stripe.prisma"))).doesNotContain("phone");

    assertThat(ferry(url, "generate", "prisma").exit()).isZero();
    assertThat(Files.readString(out.resolve("prisma/schema/stripe.prisma"))).contains("  phone ");
    assertThat(Files.readString(out.resolve("prisma/migrations/20000101000000_stripe/migration.sql"))).contains("phone text");
    assertThat(datasource).hasContent(edited);
    assertThat(appModels).hasContent("model User {\n  id Int @id\n\n  @@schema(\"public\")\n}");
    assertThat(ferry(url, "generate", "prisma", "--check").exit()).isZero();
  }

  @Test
  void check_reports_missing_files_as_stale() throws Exception {
    String url = TestPostgres.newDatabase("generate_check_missing");
    TestPostgres.execute(url, SCHEMA);
    Run check = ferry(url, "generate", "sql", "--check");
    assertThat(check.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(check.out()).contains("sql: 2 tables → db/ferry/stripe.sql (1 stale)").contains("  stale: db/ferry/stripe.sql (missing)");
    assertThat(out).isEmptyDirectory();
  }

  @Test
  void the_sql_and_prisma_migrations_recreate_the_source_catalog_in_an_empty_database() throws Exception {
    String source = TestPostgres.newDatabase("generate_migration_source");
    TestPostgres.execute(source, SCHEMA + """
        CREATE TYPE stripe.status AS ENUM ('active', 'canceled');
        CREATE TABLE stripe.invoice (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id text NOT NULL,
          status stripe.status DEFAULT 'active', total numeric(12,2) NOT NULL DEFAULT 0, lines jsonb, UNIQUE (customer_id, id));
        COMMENT ON TABLE stripe.invoice IS 'invoices';
        """);
    assertThat(ferry(source, "generate", "sql").exit()).isZero();
    assertThat(ferry(source, "generate", "prisma").exit()).isZero();
    Catalog expected = read(source);
    for (String migration : List.of("db/ferry/stripe.sql", "prisma/migrations/20000101000000_stripe/migration.sql")) {
      String copy = TestPostgres.newDatabase("generate_migration_copy");
      TestPostgres.execute(copy, Files.readString(out.resolve(migration)));
      assertThat(read(copy).tables()).as(migration).isEqualTo(expected.tables());
      assertThat(read(copy).enumTypes()).as(migration).isEqualTo(expected.enumTypes());
    }
  }

  @Test
  void a_users_own_file_at_ferrys_path_is_an_error_and_nothing_is_written() throws Exception {
    String url = TestPostgres.newDatabase("generate_foreign_file");
    TestPostgres.execute(url, SCHEMA);
    Path own = Files.createDirectories(out.resolve("prisma/schema")).resolve("stripe.prisma");
    Files.writeString(own, "model User {\n  id Int @id\n}\n");

    Run run = ferry(url, "generate", "all");

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err().strip()).contains("prisma/schema/stripe.prisma exists and is not Ferry's").doesNotContain("\n");
    assertThat(files()).containsOnlyKeys("prisma/schema/stripe.prisma");
    assertThat(own).hasContent("model User {\n  id Int @id\n}");
  }

  @Test
  void prefix_mode_names_ferrys_prisma_file_after_the_prefix() throws Exception {
    String url = TestPostgres.newDatabase("generate_prefix_file");
    TestPostgres.execute(url, SCHEMA + "CREATE TABLE stripe.acme_invoice (id text PRIMARY KEY, total bigint);\n");
    Path own = Files.createDirectories(out.resolve("prisma/schema")).resolve("stripe.prisma");
    Files.writeString(own, "model User {\n  id Int @id\n}\n");

    Run run = ferry(url, "generate", "prisma", "--table-prefix", "acme_");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("→ prisma/schema/acme.prisma,");
    assertThat(Files.readString(out.resolve("prisma/schema/acme.prisma"))).contains("model Invoice {").contains("@@map(\"acme_invoice\")");
    assertThat(Files.readString(out.resolve("prisma/schema/schema.prisma"))).contains("(acme.prisma)");
    assertThat(own).hasContent("model User {\n  id Int @id\n}");
  }

  static final String REFUND = "CREATE TABLE stripe.refund (id text PRIMARY KEY, amount bigint, reason text);\n";

  static final List<String> REFUND_MODELS = List.of("app/models/stripe_data/refund.rb", "lib/my_app/stripe/refund.ex", "src/main/java/ferry/stripe/Refund.java", "stripe_data/refund.py",
      "stripe_app/models/refund.py");

  @Test
  void a_dropped_tables_models_are_reported_and_kept_and_everything_else_is_as_a_fresh_run_writes_it(@TempDir Path fresh) throws Exception {
    String url = TestPostgres.newDatabase("generate_dropped");
    TestPostgres.execute(url, SCHEMA + REFUND);
    assertThat(ferry(url, "generate", "all").exit()).isZero();
    addUserCode();

    TestPostgres.execute(url, "DROP TABLE stripe.refund");
    assertStaleModelsReportedAndKept(fresh, url);
  }

  @Test
  void a_table_ignored_in_ferry_yaml_goes_the_way_of_a_dropped_one(@TempDir Path fresh, @TempDir Path configDir) throws Exception {
    String url = TestPostgres.newDatabase("generate_ignored");
    TestPostgres.execute(url, SCHEMA + REFUND);
    assertThat(ferry(url, "generate", "all").exit()).isZero();
    addUserCode();

    Path config = Files.writeString(configDir.resolve("ferry.yaml"), "ignore:\n  tables:\n    - stripe.refund\n");
    assertStaleModelsReportedAndKept(fresh, url, "--config", config.toString());
  }

  /** The user's code in refund's models, and a file of theirs in the models folder. */
  private void addUserCode() throws Exception {
    Path refundRb = out.resolve(REFUND_MODELS.get(0));
    Files.writeString(refundRb, Files.readString(refundRb).replace("  end\nend\n", "\n    def refunded? = true\n  end\nend\n"));
    Path refundEx = out.resolve(REFUND_MODELS.get(1));
    Files.writeString(refundEx, Files.readString(refundEx).replaceFirst("end\n$", "\n  def refunded?, do: true\nend\n"));
    Files.writeString(out.resolve("app/models/stripe_data/concern.rb"), "module StripeData::Concern\nend\n");
  }

  private void assertStaleModelsReportedAndKept(Path fresh, String url, String... config) throws Exception {
    Map<String, String> before = files();
    Run check = ferry(url, args(List.of("generate", "all", "--check"), config));
    assertThat(check.exit()).as(check.out()).isEqualTo(ExitCodes.FAILURE);
    for (String model : REFUND_MODELS) {
      assertThat(check.out()).contains("  stale: " + model + ": its table is gone; delete it, or remove its ferry:generated:begin/ferry:generated:end lines to keep your code\n");
    }
    assertThat(files()).isEqualTo(before);

    Run run = ferry(url, args(List.of("generate", "all"), config));
    assertThat(run.exit()).as(run.err()).isZero();
    for (String model : REFUND_MODELS) {
      assertThat(run.out()).contains("  stale: " + model + ": its table is gone");
    }
    assertThat(ferryIn(fresh, url, args(List.of("generate", "all"), config)).exit()).isZero();
    Map<String, String> expected = new TreeMap<>(files(fresh));
    List<String> kept = new ArrayList<>(REFUND_MODELS);
    kept.add("app/models/stripe_data/concern.rb");
    for (String model : kept) {
      expected.put(model, before.get(model));
    }
    assertThat(files()).isEqualTo(expected);
    assertThat(before.get(REFUND_MODELS.get(0))).contains("def refunded? = true");
    assertThat(before.get(REFUND_MODELS.get(1))).contains("def refunded?, do: true");

    Map<String, String> after = files();
    Run again = ferry(url, args(List.of("generate", "all"), config));
    assertThat(again.out()).doesNotContain("written").doesNotContain("deleted");
    assertThat(files()).isEqualTo(after);
  }

  private static String[] args(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void ferry_owned_files_no_longer_generated_are_deleted_and_the_users_are_not(@TempDir Path fresh) throws Exception {
    String url = TestPostgres.newDatabase("generate_deleted");
    TestPostgres.execute(url, SCHEMA);
    assertThat(ferry(url, "generate", "all").exit()).isZero();
    Path own = out.resolve("db/migrate/20000101000000_create_stripe_tables_too.rb");
    Files.createDirectories(own.getParent());
    Files.writeString(own, "class CreateStripeTablesToo < ActiveRecord::Migration[6.1]\nend\n");
    List<String> old = List.of("db/ferry_migrate/20000101000000_create_stripe_tables.rb", "priv/repo/ferry_migrations/20000101000000_create_stripe_tables.exs",
        "prisma/migrations/20000101000000_stripe/migration.sql", "src/test/resources/db/ferry_migration/V20000101000000__create_stripe_tables.sql");

    Run check = ferry(url, "generate", "all", "--option", "timestamp=20240101000000", "--check");
    assertThat(check.exit()).isEqualTo(ExitCodes.FAILURE);
    old.forEach(path -> assertThat(check.out()).contains("  stale: " + path + " (no longer generated; ferry generate deletes it)\n"));
    old.forEach(path -> assertThat(out.resolve(path)).exists());

    Run run = ferry(url, "generate", "all", "--option", "timestamp=20240101000000");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("activerecord: 2 models, 7 fields, 2 relations → app/models/stripe_data/record.rb (+3 more) (3 unchanged, 1 written, 1 deleted)\n");
    old.forEach(path -> assertThat(run.out()).contains("  deleted: " + path + "\n"));
    assertThat(out.resolve("prisma/migrations/20000101000000_stripe")).doesNotExist();
    assertThat(ferryIn(fresh, url, "generate", "all", "--option", "timestamp=20240101000000").exit()).isZero();
    Map<String, String> expected = new TreeMap<>(files(fresh));
    expected.put("db/migrate/20000101000000_create_stripe_tables_too.rb", Files.readString(own));
    assertThat(files()).isEqualTo(expected);
    assertThat(ferry(url, "generate", "all", "--option", "timestamp=20240101000000", "--check").exit()).isZero();
  }

  @Test
  void an_unknown_target_is_a_usage_error_naming_the_known_ones() {
    String url = TestPostgres.newDatabase("generate_unknown");
    TestPostgres.execute(url, SCHEMA);
    Run run = ferry(url, "generate", "hibernate");
    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("unknown target 'hibernate'").contains("prisma").contains("sql");
  }

  private static Catalog read(String url) throws Exception {
    try (Connection connection = Database.of(url).connect()) {
      return new PgCatalogReader().read(connection, List.of("stripe"), "");
    }
  }
}
