package dev.ferry.read;

import dev.ferry.catalog.Catalog;
import dev.ferry.relations.RelationModel;
import java.sql.Connection;

/**
 * The read side in one call, so every command sees the same model:
 *
 * <ol>
 *   <li>read the catalog ({@code PgCatalogReader});
 *   <li>load ferry.yaml and drop the tables and columns it ignores;
 *   <li>with {@code --sample}, sample values of key and reference-like columns;
 *   <li>infer relationships ({@code dev.ferry.relations.inference.ReferenceInference});
 *   <li>name everything ({@code dev.ferry.naming.RelationNamer}), then apply ferry.yaml renames.
 * </ol>
 */
public final class ReadSide {
  private ReadSide() {}

  public static RelationModel load(Connection connection, ReadRequest request) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The same pipeline on a catalog already read, without sampling. */
  public static RelationModel load(Catalog catalog, ReadRequest request) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
