package dev.ferry.codegen.ddl;

import dev.ferry.catalog.Catalog;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.Summaries;
import dev.ferry.codegen.Target;
import java.util.List;

/** {@code ferry generate sql}: plain SQL that recreates each schema's tables, {@code db/ferry/<schema>.sql}. */
public final class SqlTarget implements Target {
  @Override
  public String id() {
    return "sql";
  }

  @Override
  public String description() {
    return "plain SQL recreating the synced tables for test databases (db/ferry/<schema>.sql)";
  }

  @Override
  public List<GeneratedFile> generate(GenerationRequest request) {
    Catalog catalog = request.model().catalog();
    return DdlRenderer.schemasWithTables(catalog).stream()
        .map(schema -> new GeneratedFile("db/ferry/" + schema + ".sql", DdlRenderer.render(catalog, schema), GeneratedFile.Ownership.FERRY))
        .toList();
  }

  @Override
  public String summary(GenerationRequest request, List<GeneratedFile> files) {
    Catalog catalog = request.model().catalog();
    int tables = DdlRenderer.schemasWithTables(catalog).stream().mapToInt(s -> DdlRenderer.createdTables(catalog, s).size()).sum();
    return Summaries.count(tables, "table");
  }
}
