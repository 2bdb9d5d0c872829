package dev.ferry.codegen.prisma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.codegen.ddl.SqlNames;
import dev.ferry.db.Database;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.relations.Reference;
import dev.ferry.testing.Toolchains;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs the real Prisma 7 toolchain (compat/prisma) over generated files: {@code prisma format}
 * (which validates), {@code prisma generate}, then Prisma Client 7 with {@code @prisma/adapter-pg} includes every
 * relation of every model; the rows it returns must equal what SQL joins return.
 */
final class PrismaCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path toolchain;
  private final String databaseUrl;
  private PrismaRenderer renderer;

  PrismaCheck(String databaseUrl) {
    this.toolchain = Toolchains.ensure("prisma");
    this.databaseUrl = databaseUrl;
  }

  /** A fresh folder inside compat/prisma (so the generated client resolves its node_modules). */
  Path workDir(String name) throws Exception {
    Path dir = toolchain.resolve("work").resolve(name);
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return Files.createDirectories(dir);
  }

  Toolchains.Result prisma(Path project, String... args) {
    List<String> command = new ArrayList<>(List.of(toolchain.resolve("node_modules/.bin/prisma").toString()));
    command.addAll(List.of(args));
    return Toolchains.run(project, env(), command);
  }

  Toolchains.Result tsx(Path project, String script, String... args) {
    List<String> command = new ArrayList<>(List.of(toolchain.resolve("node_modules/.bin/tsx").toString(), toolchain.resolve(script).toString()));
    command.addAll(List.of(args));
    return Toolchains.run(project, env(), command);
  }

  /** Runs a script that sits in the generated project (it imports ./generated/prisma/client.ts). */
  Toolchains.Result tsxInProject(Path project, String script, String... args) {
    List<String> command = new ArrayList<>(List.of(toolchain.resolve("node_modules/.bin/tsx").toString(), script));
    command.addAll(List.of(args));
    return Toolchains.run(project, env(), command);
  }

  /**
   * The real {@code prisma migrate deploy} of the project's prisma/migrations on {@code databaseUrl}:
   * Prisma 6's CLI on its bundled Wasm schema engine through the pg driver adapter (compat/prisma/deploy;
   * Prisma 7's migrate needs a native engine it downloads at run time, which this network cannot reach).
   */
  Toolchains.Result migrateDeploy(Path project, String databaseUrl) {
    Path deploy = toolchain.resolve("deploy");
    Map<String, String> env = new java.util.HashMap<>(env());
    env.put("DATABASE_URL", databaseUrl);
    env.put("FERRY_PRISMA_MIGRATIONS", project.resolve("prisma/migrations").toAbsolutePath().toString());
    env.put("PRISMA_QUERY_ENGINE_LIBRARY", "/bin/false"); // Prisma 6 checks for it at start; deploy never loads it
    env.put("NODE_OPTIONS", "--require " + deploy.resolve("exit-when-done.cjs").toAbsolutePath()); // 10 s less per deploy
    return Toolchains.run(deploy, env, List.of(deploy.resolve("node_modules/.bin/prisma").toString(), "migrate", "deploy"));
  }

  // The CLI would otherwise download the schema engine, which this network cannot reach; validate
  // and generate run on the bundled wasm (see compat/prisma/README.md).
  private Map<String, String> env() {
    return Map.of(
        "PRISMA_SCHEMA_ENGINE_BINARY", "/bin/false",
        "PRISMA_HIDE_UPDATE_MESSAGE", "1",
        "CHECKPOINT_DISABLE", "1",
        "DATABASE_URL", databaseUrl);
  }

  /**
   * {@code prisma format} runs the same schema validation as {@code prisma validate} and fails on any
   * error it reports (Prisma's docs: "It validates, formats, and persists the schema"; tried with an
   * unknown type, a relation over a missing field and a duplicate model: P1012 from both), so a
   * separate {@code validate} would only start the CLI once more.
   */
  void validateAndGenerate(Path project) throws Exception {
    Map<Path, String> generated = schemaFiles(project);
    Toolchains.Result format = prisma(project, "format");
    assertThat(format.exitCode()).as("prisma format (which validates):\n%s", format.output()).isZero();
    assertThat(schemaFiles(project)).as("Ferry's output is already formatted as prisma format formats it").isEqualTo(generated);
    Toolchains.Result generate = prisma(project, "generate");
    assertThat(generate.exitCode()).as("prisma generate:\n%s", generate.output()).isZero();
  }

  private static Map<Path, String> schemaFiles(Path project) throws Exception {
    Map<Path, String> files = new TreeMap<>();
    try (var paths = Files.list(project.resolve("prisma/schema"))) {
      for (Path path : paths.toList()) {
        files.put(path, Files.readString(path));
      }
    }
    return files;
  }

  /**
   * References Prisma gets no relation for, each with its reason; every other reference of a
   * fixture's relationship model must be included both ways through Prisma Client.
   */
  static final Map<String, String> NOT_RENDERED = Map.of(
      "stripe.customer_tax_rate(customer_id) -> stripe.customer", "keyless join table with nullable columns: @@ignore",
      "stripe.customer_tax_rate(tax_rate_id) -> stripe.tax_rate", "keyless join table with nullable columns: @@ignore",
      "kinds.account_total(account_id) -> kinds.account", "a materialized view has no key: @@ignore",
      "kinds.big_payment(account_id) -> kinds.account", "a view has no key: @@ignore",
      "quotes.it's(a_b_id) -> quotes.a\"b", "Prisma Client cannot query a table named with a double quote: @@ignore",
      "keys.visit(city_country_code) -> keys.country", "a table without a key: @@ignore");

  /**
   * Includes every relation through Prisma Client and compares with SQL; returns how many relations
   * were checked. The relations checked, plus the references of {@link #NOT_RENDERED} the model has,
   * must be every reference of the relationship model (both sides): nothing is skipped silently.
   */
  int checkEveryRelation(Path project, NamedModel model, PrismaRenderer rendered) throws Exception {
    this.renderer = rendered;
    List<Map<String, Object>> checks = new ArrayList<>();
    Map<String, Map<String, List<String>>> expected = new TreeMap<>();
    Set<String> unchecked = new TreeSet<>();
    try (Connection connection = Database.of(databaseUrl).connect()) {
      for (NamedEntity entity : model.entities()) {
        List<NamedAssociation> fields = renderer.relationFields(entity);
        entity.associations().stream()
            .filter(a -> a.kind() != NamedAssociation.Kind.MANY_TO_MANY && fields.stream().noneMatch(f -> f == a))
            .forEach(a -> unchecked.add(describe(a.reference())));
        for (NamedAssociation association : fields) {
          NamedEntity target = model.entity(association.target()).orElseThrow();
          String client = clientName(renderer.typeName(entity.entity().name()));
          Map<String, Object> check = new LinkedHashMap<>();
          check.put("model", client);
          check.put("relation", association.name().value());
          check.put("key", fields(entity));
          check.put("targetKey", fields(target));
          checks.add(check);
          expected.put(client + "." + association.name().value(), expectedRows(connection, entity, target, association));
        }
      }
    }
    Set<String> allowed = new TreeSet<>(NOT_RENDERED.keySet());
    allowed.retainAll(model.model().references().stream().map(PrismaCheck::describe).toList());
    assertThat(unchecked).as("references without a checked Prisma relation (allow-list: PrismaCheck.NOT_RENDERED)").isEqualTo(allowed);
    Path spec = project.resolve("spec.json");
    Path result = project.resolve("result.json");
    JSON.writeValue(spec.toFile(), Map.of("checks", checks));
    Toolchains.Result run = tsx(project, "check-relations.ts", project.resolve("generated/prisma").toString(), spec.toString(), result.toString());
    assertThat(run.exitCode()).as("check-relations.ts:\n%s", run.output()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, List<String>>> actual = JSON.readValue(result.toFile(), TreeMap.class);
    assertThat(actual).as("relations included by Prisma Client vs SQL joins").isEqualTo(expected);
    return checks.size();
  }

  /** {@code stripe.charge(customer_id) -> stripe.customer}: a reference, whatever the naming. */
  static String describe(Reference reference) {
    return reference.from() + "(" + String.join(", ", reference.columns()) + ") -> " + reference.to();
  }

  static String clientName(String typeName) {
    return Character.toLowerCase(typeName.charAt(0)) + typeName.substring(1);
  }

  private List<String> keyColumns(NamedEntity entity) {
    return renderer.uniqueCriterion(entity).orElseThrow();
  }

  private List<String> fields(NamedEntity entity) {
    return keyColumns(entity).stream().map(c -> entity.attribute(c).orElseThrow().name().value()).toList();
  }

  // Row key -> sorted keys of the related rows, by a LEFT JOIN on the association's columns.
  private Map<String, List<String>> expectedRows(Connection connection, NamedEntity entity, NamedEntity target, NamedAssociation association) throws Exception {
    List<String> thisColumns;
    List<String> targetColumns;
    if (association.kind() == NamedAssociation.Kind.BELONGS_TO) {
      thisColumns = association.columns();
      targetColumns = association.targetColumns();
    } else {
      thisColumns = association.targetColumns();
      targetColumns = association.columns();
    }
    List<String> on = new ArrayList<>();
    for (int i = 0; i < thisColumns.size(); i++) {
      on.add("t." + SqlNames.ident(targetColumns.get(i)) + "::text = m." + SqlNames.ident(thisColumns.get(i)) + "::text");
    }
    String sql = "SELECT " + key("m", entity, keyColumns(entity)) + " AS k, " + key("t", target, keyColumns(target)) + " AS r FROM "
        + table(entity.entity().name()) + " m LEFT JOIN " + table(target.entity().name()) + " t ON " + String.join(" AND ", on);
    Map<String, List<String>> rows = new TreeMap<>();
    try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
      while (resultSet.next()) {
        List<String> related = rows.computeIfAbsent(resultSet.getString("k"), k -> new ArrayList<>());
        if (resultSet.getString("r") != null) {
          related.add(resultSet.getString("r"));
        }
      }
    }
    rows.values().forEach(java.util.Collections::sort);
    return rows;
  }

  // NULL when any key column is NULL (no joined row), else the values joined with '|' as JS String() prints them.
  private static String key(String alias, NamedEntity entity, List<String> columns) {
    List<String> parts = columns.stream().map(c -> asText(alias + "." + SqlNames.ident(c), entity.attribute(c).orElseThrow())).toList();
    return parts.size() == 1 ? parts.get(0) : "CASE WHEN " + String.join(" IS NULL OR ", parts) + " IS NULL THEN NULL ELSE concat_ws('|', " + String.join(", ", parts) + ") END";
  }

  // JS Date.toISOString() of what Prisma returns: dates at midnight UTC, timestamps in UTC with milliseconds
  private static String asText(String column, dev.ferry.naming.NamedAttribute attribute) {
    return switch (attribute.attribute().type().kind()) {
      case DATE -> "to_char(" + column + ", 'YYYY-MM-DD\"T00:00:00.000Z\"')";
      case TIMESTAMP -> "to_char(" + column + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
      case TIMESTAMPTZ -> "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
      default -> column + "::text";
    };
  }

  private static String table(QualifiedName name) {
    return SqlNames.qualified(name);
  }
}
