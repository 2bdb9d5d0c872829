package dev.ferry.read;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.pg.PgCatalogReader;
import dev.ferry.config.ProjectConfig;
import dev.ferry.naming.RelationNamer;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.inference.ReferenceInference;
import dev.ferry.relations.inference.Samples;
import dev.ferry.relations.inference.ValueSampler;
import java.sql.Connection;
import java.util.function.Function;

/**
 * The read side in one call, so every command sees the same model:
 *
 * <ol>
 *   <li>read the catalog ({@link PgCatalogReader});
 *   <li>load ferry.yaml ({@link ProjectConfig}) and drop the tables and columns it ignores;
 *   <li>with {@code --sample}, sample values of key and reference-like columns ({@link ValueSampler});
 *   <li>infer relationships ({@link ReferenceInference}), with ferry.yaml's added and dropped ones;
 *   <li>set the names ferry.yaml chooses, then name everything else ({@link RelationNamer}), and
 *       check that no chosen name collides with a column or another association.
 * </ol>
 */
public final class ReadSide {
  private ReadSide() {}

  public static RelationModel load(Connection connection, ReadRequest request) {
    Catalog catalog = new PgCatalogReader().read(connection, request.schemas(), request.tablePrefix());
    ProjectConfig config = ProjectConfig.load(request.configFile());
    return load(catalog, config, request.sample() ? c -> ValueSampler.sample(connection, c) : c -> Samples.none());
  }

  /** The same pipeline on a catalog already read; {@code sampler} gives the samples for the final catalog. */
  public static RelationModel load(Catalog catalog, ProjectConfig config, Function<Catalog, Samples> sampler) {
    ConfigApplier applier = new ConfigApplier(config, catalog);
    Catalog kept = applier.catalog();
    RelationModel inferred = ReferenceInference.infer(kept, sampler.apply(kept), applier.relationships());
    RelationModel named = RelationNamer.name(applier.withNames(inferred));
    applier.checkNames(named);
    return named;
  }
}
