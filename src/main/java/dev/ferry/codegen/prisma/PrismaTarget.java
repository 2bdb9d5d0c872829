package dev.ferry.codegen.prisma;

import dev.ferry.catalog.Catalog;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GeneratedFile.Ownership;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.OutputLocation;
import dev.ferry.codegen.Summaries;
import dev.ferry.codegen.LocalizedTarget;
import dev.ferry.codegen.Templates;
import dev.ferry.codegen.ddl.DdlRenderer;
import dev.ferry.naming.Languages;
import dev.ferry.naming.NamedModel;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ferry generate prisma}: a Prisma 7 multi-file schema. Ferry owns {@code
 * prisma/schema/<schema>.prisma} (rewritten whole; in prefix mode named after the table prefix,
 * {@code stripe.prisma} for {@code stripe_}, so it stays clear of the app's own {@code public.prisma}) and the migration folders {@code
 * prisma/migrations/<timestamp>_<schema>/}; the generator/datasource file, {@code prisma.config.ts}
 * and {@code migration_lock.toml} are written once and then belong to the user. Options: {@code
 * naming} (idiomatic|database), {@code model-prefix}.
 */
public final class PrismaTarget extends LocalizedTarget {
  public PrismaTarget() {
    super(Languages.PRISMA);
  }

  @Override
  public java.util.Optional<String> projectFile() {
    return java.util.Optional.of("package.json");
  }

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);

  @Override
  public String id() {
    return "prisma";
  }

  @Override
  public String description() {
    return "Prisma 7 models (prisma/schema/<schema>.prisma) and migrations (prisma/migrations/)";
  }

  @Override
  public Set<String> options() {
    return Set.of("naming", "model-prefix");
  }

  /** Idiomatic names by default, database names with {@code naming=database}. */
  @Override
  protected NamedModel localize(GenerationRequest request) {
    return PrismaNaming.localize(request);
  }

  @Override
  protected List<GeneratedFile> render(GenerationRequest request, NamedModel named) {
    return files(named, request);
  }

  @Override
  public List<OutputLocation> locations(GenerationRequest request) {
    return DdlRenderer.schemasWithTables(request.model().catalog()).stream()
        .map(schema -> OutputLocation.stamped("prisma/migrations", migrationName(schema), "/migration.sql"))
        .toList();
  }

  private static String migrationName(String schema) {
    return schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }

  @Override
  protected String summary(GenerationRequest request, NamedModel named) {
    int[] counts = renderer(named, request).counts();
    return Summaries.count(counts[0], "model") + ", " + Summaries.count(counts[1], "field") + ", " + Summaries.count(counts[2], "relation");
  }

  static PrismaRenderer renderer(NamedModel model, GenerationRequest request) {
    return new PrismaRenderer(model, request.option("model-prefix", ""));
  }

  /** Every file for an already named model. */
  static List<GeneratedFile> files(NamedModel model, GenerationRequest request) {
    PrismaRenderer renderer = renderer(model, request);
    List<GeneratedFile> files = new ArrayList<>();
    List<String> schemas = renderer.schemas();
    Map<String, Object> context = new HashMap<>();
    context.put("schemas", schemas.stream().map(PrismaSyntax::string).collect(Collectors.joining(", ")));
    String prefix = model.model().catalog().tablePrefix().replaceAll("_+$", "");
    Function<String, String> fileName = schema -> (prefix.isEmpty() ? schema : schemas.size() == 1 ? prefix : prefix + "_" + schema) + ".prisma";
    context.put("files", schemas.stream().map(fileName).collect(Collectors.joining(", ")));
    files.add(new GeneratedFile("prisma.config.ts", Templates.render("prisma/prisma.config.ts.peb", Map.of()), Ownership.ONCE));
    files.add(new GeneratedFile("prisma/schema/schema.prisma", Templates.render("prisma/schema.peb", context), Ownership.ONCE));
    for (String schema : schemas) {
      files.add(new GeneratedFile("prisma/schema/" + fileName.apply(schema), renderer.renderSchema(schema), Ownership.FERRY));
    }
    Catalog catalog = model.model().catalog();
    files.add(new GeneratedFile("prisma/migrations/migration_lock.toml",
        "# Written once by ferry generate prisma; Prisma keeps the provider here.\nprovider = \"postgresql\"\n", Ownership.ONCE));
    String stamp = STAMP.format(request.timestamp());
    for (String schema : DdlRenderer.schemasWithTables(catalog)) {
      String folder = stamp + "_" + migrationName(schema);
      files.add(new GeneratedFile("prisma/migrations/" + folder + "/migration.sql", DdlRenderer.render(catalog, schema), Ownership.FERRY));
    }
    return files;
  }
}
