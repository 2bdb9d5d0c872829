package dev.ferry.relations.inference;

import dev.ferry.catalog.Catalog;
import dev.ferry.relations.inference.ValueSampler.KeySpread;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

/** What the read side may learn from rows ({@code --sample}): column values, then how often reference keys repeat. */
public interface RowSampler {
  /** Sampling off: names, constraints and ferry.yaml only. */
  RowSampler NONE = new RowSampler() {
    @Override
    public Samples values(Catalog catalog) {
      return Samples.none();
    }

    @Override
    public Map<ColumnRef, KeySpread> keySpreads(Catalog catalog, List<ColumnRef> columns) {
      return Map.of();
    }
  };

  Samples values(Catalog catalog);

  Map<ColumnRef, KeySpread> keySpreads(Catalog catalog, List<ColumnRef> columns);

  /** Samples the database: two bounded queries in all, whatever the number of tables. */
  static RowSampler of(Connection connection) {
    return new RowSampler() {
      @Override
      public Samples values(Catalog catalog) {
        return ValueSampler.sample(connection, catalog);
      }

      @Override
      public Map<ColumnRef, KeySpread> keySpreads(Catalog catalog, List<ColumnRef> columns) {
        return ValueSampler.keySpreads(connection, catalog, columns, Cardinality.ROWS_READ, ValueSampler.TIME_CAP);
      }
    };
  }
}
