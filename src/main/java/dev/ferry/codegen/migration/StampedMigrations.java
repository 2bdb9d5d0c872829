package dev.ferry.codegen.migration;

import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GeneratedFile.Ownership;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.OutputLocation;
import dev.ferry.naming.ModuleNames;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-schema test migrations Rails and Ecto name alike, {@code <yyyyMMddHHmmss>_create_<schema>_tables<extension>},
 * kept in a test-only {@code folder}. {@code formerFolder} is where earlier versions wrote them and the
 * framework's own migrate task ran them on the synced database: a file left there is deleted as stale.
 */
public record StampedMigrations(String folder, String formerFolder, String extension) {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /** Renders the migration's text from the schema and the migration's module (class) name. */
  @FunctionalInterface
  public interface Body {
    String render(String schema, String moduleName);
  }

  /** One file per schema, a second apart in schema order, so the framework runs them in that order. */
  public List<GeneratedFile> files(GenerationRequest request, List<String> schemas, Body body) {
    List<GeneratedFile> files = new ArrayList<>();
    int step = 0;
    for (String schema : schemas) {
      String stamp = STAMP.format(request.timestamp().plusSeconds(step++));
      String name = ModuleNames.createTablesMigration(schema);
      files.add(new GeneratedFile(folder + "/" + stamp + "_" + name + extension,
          body.render(schema, ModuleNames.camelize(name)), Ownership.FERRY));
    }
    return files;
  }

  /** Where the schema's migration may be, whatever its timestamp: the test-only folder and the former one. */
  public List<OutputLocation> locations(String schema) {
    String name = ModuleNames.createTablesMigration(schema);
    return List.of(OutputLocation.stamped(folder, name, extension), OutputLocation.stamped(formerFolder, name, extension));
  }
}
