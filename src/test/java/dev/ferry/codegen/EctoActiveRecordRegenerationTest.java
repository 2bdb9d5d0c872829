package dev.ferry.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.codegen.activerecord.ActiveRecordTarget;
import dev.ferry.codegen.ecto.EctoTarget;
import dev.ferry.codegen.fixture.CatalogSnapshot;
import dev.ferry.codegen.fixture.EctoArFixture;
import dev.ferry.codegen.fixture.FixtureModels;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.TestPostgres;
import dev.ferry.testing.Toolchains;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regeneration keeps what the user wrote: Ecto schema modules and ActiveRecord models are shared
 * files whose generated region Ferry rewrites; the shared Ecto module and the migrations are
 * Ferry's alone; .formatter.exs is written once.
 */
class EctoActiveRecordRegenerationTest {
  private static final Instant STAMP = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir Path out;

  @Test
  void aNewColumnAndTableAppearWhileUserCodeOutsideTheRegionsSurvives() throws IOException {
    String url = EctoArFixture.database("regeneration", false);
    emit(generate(url, EctoArFixture.REFERENCES));
    Path customerEx = out.resolve("lib/my_app/stripe/customer.ex");
    Path customerRb = out.resolve("app/models/stripe_data/customer.rb");
    Path recordRb = out.resolve("app/models/stripe_data/record.rb");
    Path formatter = out.resolve(".formatter.exs");
    insertBefore(customerEx, "end\n", "\n  def display_name(customer), do: customer.email || customer.id\n");
    insertBefore(customerRb, "  end\nend\n", "\n    scope :delinquent, -> { where(delinquent: true) }\n");
    insertBefore(recordRb, "  end\nend\n", "\n    connects_to database: { writing: :stripe, reading: :stripe }\n");
    Files.writeString(formatter, Files.readString(formatter).replace("inputs:", "plugins: [],\n  inputs:"));

    TestPostgres.execute(url, "ALTER TABLE stripe.customer ADD COLUMN phone text;"
        + " CREATE TABLE stripe.tax_id (id text PRIMARY KEY, customer_id text, value text)");
    List<FixtureModels.Ref> refs = new ArrayList<>(EctoArFixture.REFERENCES);
    refs.add(new FixtureModels.Ref("stripe.tax_id", "customer_id", "stripe.customer", "customer", "tax_ids", false));
    List<FileEmitter.Outcome> second = emit(generate(url, refs));

    assertThat(Files.readString(customerEx))
        .contains("    field :phone, :string\n")
        .contains("    has_many :tax_ids, MyApp.Stripe.TaxId, foreign_key: :customer_id, references: :id\n")
        .contains("  def display_name(customer), do: customer.email || customer.id\n");
    assertThat(Files.readString(customerRb))
        .contains("has_many :tax_ids, class_name: \"StripeData::TaxId\", foreign_key: \"customer_id\"")
        .contains("    scope :delinquent, -> { where(delinquent: true) }\n");
    assertThat(Files.readString(recordRb)).contains("connects_to database: { writing: :stripe, reading: :stripe }");
    assertThat(Files.readString(formatter)).contains("plugins: [],");
    assertThat(Files.readString(out.resolve("db/ferry_migrate/20261125120001_create_stripe_tables.rb"))).contains("t.column \"phone\", \"text\"");
    assertThat(Files.readString(out.resolve("priv/repo/ferry_migrations/20261125120001_create_stripe_tables.exs"))).contains("add :phone, :text");
    assertThat(second).anyMatch(o -> o.path().equals("lib/my_app/stripe/tax_id.ex") && o.status() == FileEmitter.Status.CREATED);
    assertThat(second).anyMatch(o -> o.path().equals(".formatter.exs") && o.status() == FileEmitter.Status.KEPT);

    List<FileEmitter.Outcome> third = emit(generate(url, refs));
    assertThat(third).allMatch(o -> !o.status().stale());

    // the user's code, formatted as they would keep it, still passes mix format with the regions
    Toolchains.ensure("elixir");
    Toolchains.Result format = Toolchains.run(out, Map.of(), "mix", "format", "--check-formatted");
    assertThat(format.exitCode()).as(format.output()).isZero();
  }

  private List<GeneratedFile> generate(String url, List<FixtureModels.Ref> refs) {
    RelationModel model = FixtureModels.relations(CatalogSnapshot.read(url, EctoArFixture.SCHEMAS), refs, EctoArFixture.JOINS);
    GenerationRequest request = new GenerationRequest(model, Map.of(), STAMP);
    List<GeneratedFile> files = new ArrayList<>(new EctoTarget(m -> FixtureModels.name(m, "elixir")).generate(request));
    files.addAll(new ActiveRecordTarget(m -> FixtureModels.name(m, "ruby")).generate(request));
    return files;
  }

  private List<FileEmitter.Outcome> emit(List<GeneratedFile> files) {
    return new FileEmitter(out, false).emit(files, List.of());
  }

  /** Inserts {@code text} before the last occurrence of {@code anchor}: the user's own code below Ferry's region. */
  private static void insertBefore(Path file, String anchor, String text) throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    int at = content.lastIndexOf(anchor);
    assertThat(at).as(anchor + " in " + file).isPositive();
    Files.writeString(file, content.substring(0, at) + text + content.substring(at), StandardCharsets.UTF_8);
  }
}
