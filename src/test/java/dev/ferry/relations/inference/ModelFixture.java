package dev.ferry.relations.inference;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.db.Database;
import dev.ferry.read.ReadRequest;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.Unresolved;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/** Loads SQL into a fresh real database and reads it through {@link ReadSide}, as every command does. */
final class ModelFixture {
  private ModelFixture() {}

  static RelationModel read(String sql, String... schemas) {
    return read(sql, new ReadRequest(List.of(schemas.length == 0 ? new String[] {"public"} : schemas), "", false, Optional.empty()));
  }

  static RelationModel sampled(String sql, String... schemas) {
    return read(sql, new ReadRequest(List.of(schemas.length == 0 ? new String[] {"public"} : schemas), "", true, Optional.empty()));
  }

  static RelationModel withConfig(String sql, Path config) {
    return read(sql, new ReadRequest(List.of("public"), "", false, Optional.of(config)));
  }

  static RelationModel read(String sql, ReadRequest request) {
    String url = TestPostgres.newDatabase("inference");
    TestPostgres.execute(url, sql);
    try (Connection connection = Database.of(url).connect()) {
      return ReadSide.load(connection, request);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static QualifiedName table(String name) {
    return new QualifiedName("public", name);
  }

  static Optional<Reference> reference(RelationModel model, String table, String column) {
    return model.references().stream()
        .filter(r -> r.from().name().equals(table) && r.columns().equals(List.of(column)))
        .findFirst();
  }

  static Optional<Unresolved> unresolved(RelationModel model, String table, String column) {
    return model.unresolved().stream().filter(u -> u.table().name().equals(table) && u.column().equals(column)).findFirst();
  }
}
