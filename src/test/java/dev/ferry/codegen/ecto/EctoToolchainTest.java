package dev.ferry.codegen.ecto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.PgType;
import dev.ferry.catalog.RelationKind;
import dev.ferry.catalog.Table;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.ddl.DdlRenderer;
import dev.ferry.codegen.ddl.SqlNames;
import dev.ferry.codegen.fixture.Corpora;
import dev.ferry.codegen.fixture.EctoArFixture;
import dev.ferry.codegen.fixture.FixtureModels;
import dev.ferry.codegen.fixture.Outputs;
import dev.ferry.db.Database;
import dev.ferry.naming.Languages;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.Naming;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.Toolchains;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The parse/format/structure check of the Ecto output with Debian's Elixir (Ecto itself needs
 * Hex, which is not reachable): every file parses, {@code mix format --check-formatted} passes with
 * the generated .formatter.exs, and the parsed schemas declare exactly the database's tables,
 * columns, types, prefixes and the relationship model's associations.
 */
// cases run two at a time (src/test/resources/junit-platform.properties): each has its own databases and folder
@Execution(ExecutionMode.CONCURRENT)
class EctoToolchainTest {
  static final List<Corpora.Corpus> CORPORA = Corpora.ALL;

  @TempDir Path out;

  @Test
  void generatedFilesParseAreFormattedAndDeclareExactlyTheDatabase() {
    String url = EctoArFixture.database("ecto_structure", true);
    RelationModel model = EctoArFixture.model(url);

    check(url, model, FixtureModels.name(model, "elixir"));
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CORPORA")
  void everyCorpusSchemaParsesFormatsAndDeclaresExactlyTheDatabase(Corpora.Corpus corpus) {
    String url = Corpora.database(corpus);
    RelationModel model = Corpora.model(url, corpus);

    Declared declared = check(url, model, Naming.localize(model, Languages.ELIXIR));
    if (corpus.name().equals("demo")) {
      // issue 9's links of the pinned Stripe version, among the associations check.exs read from the schemas,
      // under the names the issue gives them (invoice.payments: Stripe's own name for the list)
      assertThat(declared.namedAssociations()).contains("belongs_to stripe.invoice.subscription -> stripe.subscription",
          "belongs_to stripe.invoice_line_item.price -> stripe.price", "belongs_to stripe.promotion_code.coupon -> stripe.coupon",
          "has_many stripe.invoice.payments -> stripe.invoice_payment", "belongs_to stripe.payout.original_payout -> stripe.payout");
      assertThat(expectedAssociations(model)).contains(
          "belongs_to stripe.invoice(subscription_id) -> stripe.subscription(id)",
          "belongs_to stripe.invoice_line_item(price_id) -> stripe.price(id)",
          "belongs_to stripe.promotion_code(coupon_id) -> stripe.coupon(id)",
          "has_many stripe.invoice(id) <- stripe.invoice_payment(invoice_id)",
          "belongs_to stripe.payout(original_payout_id) -> stripe.payout(id)");
    }
    if (corpus.name().equals("rails")) {
      // the polymorphic back sides the corpus's rows select, so the comparison above is not vacuous
      assertThat(expectedAssociations(model)).contains(
          "has_many public.posts(id) <- public.comments(commentable_id) where commentable_type=Post",
          "has_many public.photos(id) <- public.comments(commentable_id) where commentable_type=Photo",
          "has_many public.posts(id) <- public.taggings(taggable_id) where taggable_type=Post",
          "has_many public.users(id) <- public.taggings(tagger_id) where tagger_type=User",
          "has_many public.users(id) <- public.active_storage_attachments(record_id) where record_type=User");
    }
  }

  /** The schemas the HubSpot and Salesforce demos sync: their issues' relations, in Ecto's words. */
  @ParameterizedTest(name = "{0}")
  @FieldSource("dev.ferry.codegen.fixture.Corpora#SOURCES")
  void theSourceDemoSchemasDeclareTheirRelations(Corpora.Corpus corpus) throws IOException {
    String url = Corpora.database(corpus);
    RelationModel model = Corpora.model(url, corpus);

    check(url, model, Naming.localize(model, Languages.ELIXIR));

    if (corpus.name().equals("hubspot-demo")) {
      assertThat(Files.readString(out.resolve("lib/my_app/hubspot/deal.ex")))
          .contains("many_to_many :companies, MyApp.Hubspot.Company,", "join_through: MyApp.Hubspot.CompanyDeal",
              "belongs_to :stage, MyApp.Hubspot.PipelineStage");
      assertThat(Files.readString(out.resolve("lib/my_app/hubspot/company.ex")))
          .contains("many_to_many :contacts, MyApp.Hubspot.Contact,", "join_through: MyApp.Hubspot.CompanyContact");
      assertThat(Files.readString(out.resolve("lib/my_app/hubspot/contact.ex"))).contains("belongs_to :owner, MyApp.Hubspot.Owner");
    } else {
      assertThat(Files.readString(out.resolve("lib/my_app/salesforce/opportunity.ex"))).contains("belongs_to :account, MyApp.Salesforce.Account");
      assertThat(Files.readString(out.resolve("lib/my_app/salesforce/account.ex")))
          .contains("has_many :opportunities, MyApp.Salesforce.Opportunity", "belongs_to :owner, MyApp.Salesforce.User");
      assertThat(Files.readString(out.resolve("lib/my_app/salesforce/contact.ex"))).contains("belongs_to :account, MyApp.Salesforce.Account")
          .containsPattern("has_many :tasks, MyApp.Salesforce.Task_?, foreign_key: :who_id"); // Task is Elixir's own module
      // Task.WhoId has no type column (Ecto has no polymorphic belongs_to anyway): one association per target
      Path task = Stream.of("task.ex", "task_.ex").map(f -> out.resolve("lib/my_app/salesforce/" + f)).filter(Files::isRegularFile).findFirst().orElseThrow();
      assertThat(Files.readString(task))
          .contains("belongs_to :who_contact, MyApp.Salesforce.Contact,", "belongs_to :who_lead, MyApp.Salesforce.Lead,", "define_field: false");
      for (String reserved : List.of("order", "case", "group", "user")) {
        assertThat(out.resolve("lib/my_app/salesforce/" + reserved + ".ex")).as(reserved).isRegularFile();
      }
    }
  }

  @Test
  void theCheckRejectsUnknownOptionsAndDuplicateNames() throws Exception {
    Path compat = Toolchains.ensure("elixir");
    Files.writeString(out.resolve("broken.ex"), """
        defmodule MyApp.Stripe.Schema do
          defmacro __using__(_opts) do
            quote do
              use Ecto.Schema
              @schema_prefix "stripe"
            end
          end
        end

        defmodule MyApp.Stripe.Subscription do
          use MyApp.Stripe.Schema

          schema "subscription" do
            field :id, :string
            field :status, :string
            field :status, :string
            belongs_to :customer, MyApp.Stripe.Customer, foreign_key: :customer_id, refrences: :id
          end
        end
        """);

    Toolchains.Result check = Toolchains.run(compat, Map.of(), "elixir", "check.exs", out.toString());

    assertThat(check.exitCode()).as(check.output()).isNotZero();
    assertThat(check.output())
        .contains("error\tMyApp.Stripe.Subscription\tinvalid option :refrences for belongs_to :customer")
        .contains("error\tMyApp.Stripe.Subscription\tfield/association :status is defined 2 times")
        .contains("error\tMyApp.Stripe.Subscription\tfield/association :id is defined 2 times");
  }

  private Declared check(String url, RelationModel model, NamedModel named) {
    Path compat = Toolchains.ensure("elixir");
    List<GeneratedFile> files = new EctoTarget(m -> named)
        .generate(new GenerationRequest(model, Map.of(), Instant.parse("2026-11-25T12:00:00Z")));
    Outputs.write(out, files);

    Toolchains.Result format = Toolchains.run(out, Map.of(), "mix", "format", "--check-formatted");
    Toolchains.Result check = Toolchains.run(compat, Map.of(), "elixir", "check.exs", out.toString());

    assertThat(format.exitCode()).as(format.output()).isZero();
    assertThat(check.exitCode()).as(check.output()).isZero();
    // check.exs writes a tab or line break inside a value as \t, \n
    List<String[]> rows = check.output().lines()
        .map(l -> java.util.Arrays.stream(l.split("\t", -1)).map(v -> v.replace("\\t", "\t").replace("\\n", "\n")).toArray(String[]::new)).toList();
    assertThat(rows).noneMatch(r -> r[0].equals("error") || r[0].equals("unknown"));
    long elixirFiles = files.stream().filter(f -> f.path().endsWith(".ex") || f.path().endsWith(".exs")).count();
    assertThat(check.output()).contains("parsed\t" + elixirFiles + "\t" + elixirFiles);

    assertThat(rows.stream().filter(r -> r[0].equals("table") || r[0].equals("add")).map(r -> String.join(" ", r)).toList())
        .as("the migrations' tables and columns")
        .containsExactlyInAnyOrderElementsOf(expectedMigration(model));
    Declared declared = Declared.from(rows);
    assertThat(declared.columns).isEqualTo(expectedColumns(model));
    assertThat(declared.associations()).isEqualTo(expectedAssociations(model));
    assertJsonLoads(url, model, declared);
    return declared;
  }

  /**
   * Every JSON kind a json/jsonb column holds (jsonb_typeof of its values, or of its arrays'
   * elements) must be one its declared type loads: Ecto's {@code :map} loads objects only, a custom
   * type what check.exs saw its load/cast/dump accept.
   */
  private static void assertJsonLoads(String url, RelationModel model, Declared declared) {
    for (Table table : model.catalog().tables()) {
      for (Column column : table.columns()) {
        PgType type = column.type();
        PgType base = type.isArray() ? type.element() : type;
        if (!base.name().equals("json") && !base.name().equals("jsonb")) {
          continue;
        }
        String declaredType = declared.types.get(table.name().toString()).get(column.name());
        String inner = type.isArray() ? declaredType.replaceAll("^\\{:array, (.*)\\}$", "$1") : declaredType;
        Set<String> loads = inner.equals(":map") ? Set.of("object") : declared.customTypeLoads.getOrDefault(inner, Set.of());
        assertThat(loads).as(table.name() + "." + column.name() + " declared " + declaredType).containsAll(jsonKinds(url, table, column));
      }
    }
  }

  private static Set<String> jsonKinds(String url, Table table, Column column) {
    String values = column.type().isArray() ? "unnest(" + quote(column.name()) + ")" : quote(column.name());
    String sql = "SELECT DISTINCT jsonb_typeof(v::jsonb) FROM (SELECT " + values + " AS v FROM " + quote(table.name().schema()) + "."
        + quote(table.name().name()) + ") s WHERE jsonb_typeof(v::jsonb) <> 'null'";
    Set<String> kinds = new TreeSet<>();
    try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        kinds.add(result.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return kinds;
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** What the parsed modules declare, keyed by the table each module maps (prefix.source). */
  private record Declared(Map<String, Map<String, String>> columns, Map<String, Map<String, String>> types, Map<String, Set<String>> customTypeLoads,
      Map<String, String> tableOf, Map<String, Map<String, String>> fieldColumns, List<String[]> rows) {
    static Declared from(List<String[]> rows) {
      Map<String, String> customTypes = new HashMap<>();
      Map<String, Set<String>> customTypeLoads = new HashMap<>();
      for (String[] row : rows) {
        if (row[0].equals("ecto_type")) {
          customTypes.put(row[1], row[2]);
          customTypeLoads.put(row[1], new TreeSet<>(List.of(row[3].split(","))));
        }
      }
      Map<String, Map<String, String>> columns = new TreeMap<>();
      Map<String, Map<String, String>> types = new HashMap<>();
      Map<String, String> tableOf = new HashMap<>();
      Map<String, Map<String, String>> fieldColumns = new HashMap<>();
      for (String[] row : rows) {
        if (row[0].equals("schema")) {
          String table = row[2] + "." + row[3];
          tableOf.put(row[1], table);
          columns.put(table, new TreeMap<>());
          types.put(table, new HashMap<>());
          fieldColumns.put(row[1], new HashMap<>());
          if (row[4].equals("default")) {
            columns.get(table).put("id", ":string pk");
            fieldColumns.get(row[1]).put("id", "id");
          }
        }
      }
      for (String[] row : rows) {
        Map<String, String> tableColumns = tableOf.containsKey(row.length > 1 ? row[1] : "") ? columns.get(tableOf.get(row[1])) : null;
        switch (row[0]) {
          case "field" -> {
            types.get(tableOf.get(row[1])).put(row[3], row[4]);
            // a custom type is compared as the Ecto type it stores (its type/0)
            String stored = customTypes.entrySet().stream().reduce(row[4], (type, custom) -> type.replace(custom.getKey(), custom.getValue()), (a, b) -> a);
            String previous = tableColumns.put(row[3], stored + (row[5].equals("true") ? " pk" : "") + (row[6].isEmpty() ? "" : " " + row[6])
                + (row[7].equals("false") ? " unloaded" : ""));
            assertThat(previous).as("column declared twice: " + row[3]).isNull();
            fieldColumns.get(row[1]).put(row[2], row[3]);
          }
          case "belongs_to" -> {
            if (row[8].equals("true")) {
              String previous = tableColumns.put(row[5], row[7] + (row[9].equals("true") ? " pk" : ""));
              assertThat(previous).as("column declared twice: " + row[5]).isNull();
            }
            fieldColumns.get(row[1]).put(row[4], row[5]);
          }
          default -> { }
        }
      }
      return new Declared(columns, types, customTypeLoads, tableOf, fieldColumns, rows);
    }

    /** Each association as its kind, owner table, name and target table ({@code has_many stripe.invoice.payments -> stripe.invoice_payment}). */
    Set<String> namedAssociations() {
      Set<String> found = new TreeSet<>();
      rows.stream().filter(r -> Set.of("belongs_to", "has_many", "has_one", "many_to_many").contains(r[0]))
          .forEach(r -> found.add(r[0] + " " + tableOf.get(r[1]) + "." + r[2] + " -> " + tableOf.get(r[3])));
      return found;
    }

    /** Associations as table/column facts: the names are the naming package's business. */
    Set<String> associations() {
      Set<String> found = new TreeSet<>();
      for (String[] row : rows) {
        switch (row[0]) {
          case "belongs_to" -> found.add("belongs_to " + tableOf.get(row[1]) + "(" + row[5] + ") -> " + tableOf.get(row[3]) + "("
              + fieldColumns.get(row[3]).get(row[6]) + ")");
          case "has_many", "has_one" -> {
            // a where filter (a polymorphic pair's type value) as the owner's columns: type_column=Value
            String where = row[6].isEmpty() ? "" : " where " + String.join(",", java.util.Arrays.stream(row[6].split(","))
                .map(kv -> kv.split("=", 2)).map(kv -> fieldColumns.get(row[3]).get(kv[0]) + "=" + kv[1]).toList());
            found.add(row[0] + " " + tableOf.get(row[1]) + "(" + fieldColumns.get(row[1]).get(row[5]) + ") <- "
                + tableOf.get(row[3]) + "(" + fieldColumns.get(row[3]).get(row[4]) + ")" + where);
          }
          case "many_to_many" -> {
            String[] keys = row[5].split(",");
            Map<String, String> join = fieldColumns.get(row[4]);
            String[] mine = keys[0].split("=");
            String[] other = keys[1].split("=");
            found.add("many_to_many " + tableOf.get(row[1]) + "(" + fieldColumns.get(row[1]).get(mine[1]) + ") <- " + tableOf.get(row[4]) + "("
                + join.get(mine[0]) + ", " + join.get(other[0]) + ") -> " + tableOf.get(row[3]) + "(" + fieldColumns.get(row[3]).get(other[1]) + ")");
          }
          default -> { }
        }
      }
      return found;
    }
  }

  private static Map<String, Map<String, String>> expectedColumns(RelationModel model) {
    Map<String, Map<String, String>> expected = new TreeMap<>();
    for (Table table : model.catalog().tables()) {
      Map<String, String> columns = new TreeMap<>();
      List<String> key = table.primaryKey().map(pk -> pk.columns()).orElse(List.of());
      for (Column column : table.columns()) {
        if (column.name().equals("nil") || column.name().equals("false")) {
          continue; // Ecto.Schema reads source: nil/false as no source: no field can map the column
        }
        PgType type = column.type();
        PgType base = type.isArray() ? type.element() : type;
        String primitive = ectoType(base);
        // no Ecto primitive: declared :string and left out of queries (Postgrex returns a struct)
        String inner = primitive == null ? ":string" : primitive;
        String ecto = type.isArray() ? "{:array, " + inner + "}" : inner;
        columns.put(column.name(), ecto + (key.contains(column.name()) ? " pk" : "")
            + (labels(base).isEmpty() ? "" : " " + String.join(",", labels(base))) + (primitive == null ? " unloaded" : ""));
      }
      expected.put(table.name().toString(), columns);
    }
    return expected;
  }

  /**
   * Ecto's type for a Postgres type as format_type prints it, null when Ecto has none: the oracle,
   * independent of EctoTypes. json columns store as {@code :map}; whether the declared type loads
   * their values is {@link #assertJsonLoads}'s question.
   */
  /** An enum's labels, through domains. */
  private static List<String> labels(PgType type) {
    return type.kind() == PgType.Kind.DOMAIN ? labels(type.base()) : type.enumLabels();
  }

  private static String ectoType(PgType type) {
    if (type.kind() == PgType.Kind.ENUM) {
      return type.enumLabels().isEmpty() ? ":string" : "Ecto.Enum"; // Ecto.Enum requires values
    }
    if (type.kind() == PgType.Kind.DOMAIN) {
      return ectoType(type.base());
    }
    String sql = type.sql().replaceAll("^(character varying|character|numeric|timestamp|time)\\(\\d+(,\\d+)?\\)", "$1(n)");
    return switch (sql) {
      case "text", "character varying", "character varying(n)", "character(n)", "bpchar", "citext" -> ":string";
      case "numeric", "numeric(n)" -> ":decimal";
      case "smallint", "integer", "bigint" -> ":integer";
      case "real", "double precision" -> ":float";
      case "boolean" -> ":boolean";
      case "date" -> ":date";
      case "uuid" -> "Ecto.UUID";
      case "bytea" -> ":binary";
      case "json", "jsonb" -> ":map";
      case "time without time zone", "time(n) without time zone" -> precision(type) == 0 ? ":time" : ":time_usec";
      case "timestamp with time zone", "timestamp(n) with time zone" -> precision(type) == 0 ? ":utc_datetime" : ":utc_datetime_usec";
      case "timestamp without time zone", "timestamp(n) without time zone" -> precision(type) == 0 ? ":naive_datetime" : ":naive_datetime_usec";
      default -> null; // no Ecto primitive (interval, tsvector, ranges...): see docs/targets/ecto.md
    };
  }

  /** What the migrations must create: every table, and each column with its exact type, nullability, key and default. */
  private static List<String> expectedMigration(RelationModel model) {
    List<String> expected = new java.util.ArrayList<>();
    for (Table table : model.catalog().tables()) {
      if (table.kind() != RelationKind.TABLE && table.kind() != RelationKind.PARTITIONED_TABLE) {
        continue;
      }
      expected.add("table " + table.name());
      List<String> key = table.primaryKey().map(pk -> pk.columns()).orElse(List.of());
      for (Column column : table.columns()) {
        String type = DdlRenderer.typeSql(column.type());
        // literals rewritten to read the same under either standard_conforming_strings setting
        String defaultExpression = column.defaultExpression() == null ? "" : SqlNames.portable(column.defaultExpression());
        if (column.generatedExpression() != null) {
          type += " GENERATED ALWAYS AS (" + SqlNames.portable(column.generatedExpression()) + ") STORED";
          defaultExpression = "";
        } else if (column.identity() != Column.Identity.NONE) {
          type += column.identity() == Column.Identity.ALWAYS ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY";
          defaultExpression = "";
        }
        expected.add("add " + table.name() + " " + column.name() + " " + type + " " + column.nullable() + " " + key.contains(column.name())
            + " " + defaultExpression);
      }
    }
    return expected;
  }

  private static int precision(PgType type) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^time(stamp)?\\((\\d+)\\)").matcher(type.sql());
    return m.find() ? Integer.parseInt(m.group(2)) : 6;
  }

  private static Set<String> expectedAssociations(RelationModel model) {
    Set<String> expected = new TreeSet<>();
    for (Reference ref : model.references()) {
      if (ref.columns().size() != 1) {
        continue; // Ecto's associations take one column; the module says so in a comment
      }
      expected.add("belongs_to " + ref.from() + "(" + ref.columns().get(0) + ") -> " + ref.to() + "(" + ref.targetColumns().get(0) + ")");
      expected.add((ref.oneToOne() ? "has_one " : "has_many ") + ref.to() + "(" + ref.targetColumns().get(0) + ") <- " + ref.from() + "("
          + ref.columns().get(0) + ")");
    }
    // a type-column pair: each target has many owner rows by the id column, filtered on its type value;
    // a pair told apart by id prefix has no column to filter on: one plain association per target
    for (Polymorphic polymorphic : model.polymorphics()) {
      for (Polymorphic.Target target : polymorphic.targets()) {
        List<String> key = model.catalog().table(target.table()).flatMap(Table::primaryKey).map(pk -> pk.columns()).orElse(List.of());
        if (key.size() == 1 && polymorphic.typeColumn() == null) {
          expected.add("belongs_to " + polymorphic.table() + "(" + polymorphic.idColumn() + ") -> " + target.table() + "(" + key.get(0) + ")");
          expected.add("has_many " + target.table() + "(" + key.get(0) + ") <- " + polymorphic.table() + "(" + polymorphic.idColumn() + ")");
        } else if (key.size() == 1) {
          expected.add("has_many " + target.table() + "(" + key.get(0) + ") <- " + polymorphic.table() + "(" + polymorphic.idColumn() + ") where "
              + polymorphic.typeColumn() + "=" + target.selector());
        }
      }
    }
    for (ManyToMany join : model.manyToMany()) {
      if (join.left().columns().size() != 1 || join.right().columns().size() != 1) {
        continue;
      }
      for (Reference[] sides : new Reference[][] {{join.left(), join.right()}, {join.right(), join.left()}}) {
        expected.add("many_to_many " + sides[0].to() + "(" + sides[0].targetColumns().get(0) + ") <- " + join.joinTable() + "("
            + sides[0].columns().get(0) + ", " + sides[1].columns().get(0) + ") -> " + sides[1].to() + "(" + sides[1].targetColumns().get(0) + ")");
      }
    }
    return expected;
  }
}
