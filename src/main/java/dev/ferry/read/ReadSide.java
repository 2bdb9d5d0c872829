package dev.ferry.read;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.pg.PgCatalogReader;
import dev.ferry.config.ProjectConfig;
import dev.ferry.naming.RelationNamer;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.inference.Cardinality;
import dev.ferry.relations.inference.ColumnRef;
import dev.ferry.relations.inference.ReferenceInference;
import dev.ferry.relations.inference.RowSampler;
import dev.ferry.relations.inference.Samples;
import dev.ferry.relations.inference.ValueSampler;
import java.sql.Connection;
import java.util.Map;

/**
 * The read side in one call, so every command sees the same model:
 *
 * <ol>
 *   <li>read the catalog ({@link PgCatalogReader});
 *   <li>load ferry.yaml ({@link ProjectConfig}) and drop the tables and columns it ignores;
 *   <li>with {@code --sample}, sample values of key and reference-like columns ({@link ValueSampler});
 *   <li>infer relationships ({@link ReferenceInference}), with ferry.yaml's added and dropped ones;
 *   <li>decide which back references are one row ({@link Cardinality}): ferry.yaml's has_one and
 *       has_many, then, with {@code --sample}, whether reference keys repeat in the rows;
 *   <li>set the names ferry.yaml chooses, then name everything else ({@link RelationNamer}), and
 *       check that no chosen name collides with a column or another association.
 * </ol>
 */
public final class ReadSide {
  private ReadSide() {}

  /** The pipeline with every catalog query on {@code connection}. */
  public static RelationModel load(Connection connection, ReadRequest request) {
    return load(connection, null, request);
  }

  /**
   * The pipeline on the database {@code connection} is to, the catalog's constraints and indexes
   * read on a second connection from {@code another} meanwhile ({@link PgCatalogReader#read(Connection,
   * PgCatalogReader.Connections, java.util.List, String)}).
   */
  public static RelationModel load(Connection connection, PgCatalogReader.Connections another, ReadRequest request) {
    Catalog catalog = new PgCatalogReader().read(connection, another, request.schemas(), request.tablePrefix());
    ProjectConfig config = ProjectConfig.load(request.configFile());
    return load(catalog, config, request.sample() ? RowSampler.of(connection) : RowSampler.NONE);
  }

  /** The same pipeline on a catalog already read; {@code sampler} samples the final catalog's rows. */
  public static RelationModel load(Catalog catalog, ProjectConfig config, RowSampler sampler) {
    ConfigApplier applier = new ConfigApplier(config, catalog);
    Catalog kept = applier.catalog();
    Samples samples = sampler.values(kept);
    RelationModel inferred = ReferenceInference.infer(kept, samples, applier.relationships());
    Map<ColumnRef, Cardinality.Declared> declared = applier.cardinalities();
    Map<ColumnRef, ValueSampler.KeySpread> spreads = samples.taken()
        ? sampler.keySpreads(kept, Cardinality.undecided(inferred, declared)) : Map.of();
    RelationModel named = RelationNamer.name(applier.withNames(Cardinality.decide(inferred, spreads, declared)));
    applier.checkNames(named);
    return named;
  }
}
