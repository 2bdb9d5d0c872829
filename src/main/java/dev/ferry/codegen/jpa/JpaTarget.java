package dev.ferry.codegen.jpa;

import dev.ferry.catalog.Catalog;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.LocalizedTarget;
import dev.ferry.codegen.GeneratedFile.Ownership;
import dev.ferry.codegen.GenerationException;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.OutputLocation;
import dev.ferry.codegen.ddl.DdlRenderer;
import dev.ferry.codegen.migration.SchemaRecreation;
import dev.ferry.naming.JavaNames;
import dev.ferry.naming.Languages;
import dev.ferry.naming.ModuleNames;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.Naming;
import dev.ferry.relations.RelationModel;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code ferry generate jpa}: one JPA entity per table for Hibernate 6/7, written with JavaPoet into
 * {@code src/main/java/<package>/}, a package per Postgres schema, read-only by default
 * ({@code @Immutable}); and a Flyway SQL migration per schema that recreates its tables for tests,
 * in {@code src/test/resources/db/ferry_migration/}. See docs/targets/jpa.md.
 */
public final class JpaTarget extends LocalizedTarget {
  /** Test-only Flyway migrations: the test configuration adds this location to the app's own. */
  public static final String MIGRATIONS = "src/test/resources/db/ferry_migration";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);

  public JpaTarget() {
    super(Languages.JAVA);
  }

  /** @param namer decides every Java name ({@code Naming.localize(model, Languages.JAVA)}) */
  public JpaTarget(Function<RelationModel, NamedModel> namer) {
    super(namer);
  }

  @Override
  public String id() {
    return "jpa";
  }

  @Override
  public String description() {
    return "JPA entities for Hibernate 6/7 (src/main/java/<package>/*.java) and a Flyway SQL test migration per schema";
  }

  @Override
  public Optional<String> projectFile() {
    return Optional.of("pom.xml");
  }

  @Override
  public Set<String> options() {
    return Set.of("package", "read-only");
  }

  @Override
  protected List<GeneratedFile> render(GenerationRequest request, NamedModel named) {
    Map<String, String> packages = packages(named.model().catalog(), request);
    EntityRenderer renderer = new EntityRenderer(named, packages, readOnly(request));
    // JavaPoet's writer is most of the time (two passes over every file: imports, then text); the files are
    // independent, so they are written on every core
    List<GeneratedFile> files = new ArrayList<>(named.entities().parallelStream()
        .filter(entity -> renderer.modeled(entity.entity().name()))
        .map(entity -> new GeneratedFile(directory(packages.get(entity.entity().name().schema())) + "/" + entity.typeName().value() + ".java",
            renderer.render(entity), Ownership.REGIONS))
        .toList());
    Catalog catalog = named.model().catalog();
    String stamp = STAMP.format(request.timestamp());
    for (String schema : SchemaRecreation.schemas(catalog)) {
      files.add(new GeneratedFile(MIGRATIONS + "/" + migrationFile(stamp, schema, catalog), DdlRenderer.render(catalog, schema), Ownership.FERRY));
    }
    return files;
  }

  @Override
  public List<OutputLocation> locations(GenerationRequest request) {
    Catalog catalog = request.model().catalog();
    Map<String, String> packages = packages(catalog, request);
    List<OutputLocation> locations = new ArrayList<>();
    packages.values().stream().distinct().forEach(p -> locations.add(OutputLocation.of(directory(p), "[^/]+\\.java")));
    for (String schema : SchemaRecreation.schemas(catalog)) {
      locations.add(OutputLocation.of(MIGRATIONS, "V\\d{14}__" + java.util.regex.Pattern.quote(migrationName(schema, catalog)) + "\\.sql"));
    }
    return locations;
  }

  /** {@code V20000101000000__create_stripe_tables.sql}: Flyway's versioned-migration file name. */
  static String migrationFile(String stamp, String schema, Catalog catalog) {
    return "V" + stamp + "__" + migrationName(schema, catalog) + ".sql";
  }

  private static String migrationName(String schema, Catalog catalog) {
    return ModuleNames.createTablesMigration(namespaceSource(schema, catalog));
  }

  /** The schema, or in prefix form the table prefix: what the package and migration are named after. */
  private static String namespaceSource(String schema, Catalog catalog) {
    String prefix = catalog.tablePrefix().replaceAll("_+$", "");
    return prefix.isEmpty() ? schema : prefix;
  }

  /** The package of each schema's entities: the {@code package} option (one schema), else {@code ferry.<schema>}. */
  static Map<String, String> packages(Catalog catalog, GenerationRequest request) {
    List<String> schemas = catalog.tables().stream().map(t -> t.name().schema()).distinct().toList();
    String option = request.options().get("package");
    if (option != null && schemas.size() > 1) {
      throw new GenerationException("option package names one schema's package; " + schemas.size() + " schemas were inspected");
    }
    if (option != null && !option.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
      throw new GenerationException("option package must be a Java package name such as com.example.stripe, not '" + option + "'");
    }
    Map<String, String> packages = new LinkedHashMap<>();
    for (String schema : schemas) {
      packages.put(schema, option != null ? option : "ferry." + JavaNames.packageSegment(namespaceSource(schema, catalog)));
    }
    return packages;
  }

  private static boolean readOnly(GenerationRequest request) {
    String value = request.option("read-only", "true");
    if (!value.equals("true") && !value.equals("false")) {
      throw new GenerationException("option read-only must be true or false, not '" + value + "'");
    }
    return value.equals("true");
  }

  private static String directory(String javaPackage) {
    return "src/main/java/" + javaPackage.replace('.', '/');
  }
}
