package dev.ferry.accuracy;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.pg.PgCatalogReader;
import dev.ferry.config.ProjectConfig;
import dev.ferry.db.Database;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.inference.RowSampler;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One corpus measured: loaded into a scratch database (created, then dropped), read with names
 * only, then again after {@link SampleRows} put a few rows in every table and values are sampled.
 * No ferry.yaml is read: the figures are the same wherever the benchmark runs.
 */
public final class AccuracyRun {
  /**
   * The figures of one corpus; {@code silent*} are missed truth rows that the model does not show
   * either; {@code naming} scores the names-only model's relationship names (empty without names.tsv).
   */
  public record Result(
      Corpus corpus, Score naive, Score names, Score sampled, List<Finding> silentNames, List<Finding> silentSampled,
      int tables, int tablesWithRows, RelationModel namesModel, RelationModel sampledModel, NameScore naming) {}

  private AccuracyRun() {}

  /** {@code server} is any database of the server to use; the scratch database is created next to it. */
  public static Result run(Database server, Corpus corpus) {
    String scratch = "ferry_accuracy_" + corpus.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    try (Connection admin = server.connect(); Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS \"" + scratch + "\"");
      statement.execute("CREATE DATABASE \"" + scratch + "\"");
      try {
        return measure(new Database(server.url().withDatabase(scratch)), corpus);
      } finally {
        statement.execute("DROP DATABASE IF EXISTS \"" + scratch + "\"");
      }
    } catch (SQLException e) {
      throw server.translate(e);
    }
  }

  private static Result measure(Database database, Corpus corpus) throws SQLException {
    try (Connection loader = database.connect(); Statement statement = loader.createStatement()) {
      statement.execute(corpus.schemaSql()); // its own connection: pg_dump scripts empty the search_path
    }
    try (Connection connection = database.connect()) {
      Catalog catalog = new PgCatalogReader().read(connection, corpus.schemas(), "");
      RelationModel names = ReadSide.load(catalog, ProjectConfig.EMPTY, RowSampler.NONE);
      int withRows = SampleRows.load(connection, catalog, corpus.truth());
      RelationModel sampled = ReadSide.load(catalog, ProjectConfig.EMPTY, RowSampler.of(connection));
      Score namesScore = Score.of(corpus.truth(), Findings.of(names));
      Score sampledScore = Score.of(corpus.truth(), Findings.of(sampled));
      return new Result(corpus, Score.of(corpus.truth(), Findings.naive(catalog)), namesScore, sampledScore,
          Findings.silent(names, namesScore.missedRows()), Findings.silent(sampled, sampledScore.missedRows()),
          catalog.tables().size(), withRows, names, sampled, NameScore.of(corpus.names(), names));
    }
  }
}
