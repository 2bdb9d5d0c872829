package dev.ferry.sync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.db.Database;
import dev.ferry.sync.engine.SyncEngine;
import dev.ferry.sync.engine.SyncListener;
import dev.ferry.sync.engine.TableLayout;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every source must do, checked through the engine against real Postgres and the source's
 * local test server (Airbyte's standard source tests, Ferry's words). A new source extends this
 * class and supplies its server's hooks.
 */
public abstract class SourceConformanceTest {
  /** A source over the test server; {@code maxAttempts} bounds its retries of one request. */
  protected abstract Source newSource(double rate, int maxAttempts);

  /** Makes {@code n} changes on the server: creates, updates and deletes (some of objects created since the last read). */
  protected abstract void change(int n);

  /** Asserts that the synced tables equal the server's current state object for object. */
  protected abstract void assertDatabaseMatches(String url, String schema) throws SQLException;

  /** From now on the server answers 429 above {@code rate} requests/s and fails {@code errorFraction} of requests with 5xx. */
  protected abstract void degrade(double rate, double errorFraction);

  /** The next {@code n} requests are answered normally, the following {@code failing} ones get their connection dropped. */
  protected abstract void dropConnectionsAfter(int n, int failing);

  /** Removes every fault and limit. */
  protected abstract void heal();

  /** How many 429 and 5xx responses the server has sent so far. */
  protected abstract long refusedRequests();

  /** The span the vendor counts its rate limit over (Stripe: one second; HubSpot: a rolling ten seconds). */
  protected int limitWindowSeconds() {
    return 1;
  }

  /** The most requests the server received in any one limit window so far. */
  protected abstract long peakRequestsInLimitWindow();

  private SyncEngine engine(String url, Source source) {
    return new SyncEngine(Database.of(url), source, TableLayout.ownSchema(source.name()), SyncListener.SILENT);
  }

  @Test
  void describeGivesEveryObjectTypeFieldsAndReferencesThatNameKnownTypes() {
    try (Source source = newSource(1000, 3)) {
      Set<String> names = new HashSet<>();
      source.objectTypes().forEach(t -> names.add(t.name()));
      assertThat(source.objectTypes()).isNotEmpty().allSatisfy(type -> {
        assertThat(type.fields()).isNotEmpty();
        assertThat(type.fields()).noneMatch(f -> f.name().equals("id"));
        // a reference to a type the source does not sync keeps its declared target (a table name), never a blank
        type.fields().stream().filter(f -> f.target() != null && f.type() != FieldType.POLYMORPHIC)
            .forEach(f -> assertThat(f.target()).matches("[a-z][a-z0-9_]*"));
        type.fields().stream().filter(f -> f.type() == FieldType.POLYMORPHIC)
            .forEach(f -> assertThat(f.polymorphicTargets()).isNotEmpty());
        if (type.isChild()) {
          assertThat(names).contains(type.parentType());
          assertThat(type.field(type.parentField())).isPresent();
        }
      });
      assertThat(names).containsAll(source.defaultObjectTypes());
    }
  }

  @Test
  void backfillCopiesEveryObject() throws SQLException {
    String url = TestPostgres.newDatabase("conformance_backfill");
    try (Source source = newSource(1000, 3)) {
      SyncEngine.Summary summary = engine(url, source).run(SyncEngine.Options.once());
      assertThat(summary.backfilled()).isPositive();
    }
    assertDatabaseMatches(url, sourceName());
  }

  @Test
  void incrementalAppliesCreatesUpdatesAndDeletesIncludingDeletesOfObjectsNeverSeen() throws SQLException {
    String url = TestPostgres.newDatabase("conformance_incremental");
    try (Source source = newSource(1000, 3)) {
      SyncEngine engine = engine(url, source);
      engine.run(SyncEngine.Options.once());
      change(300);
      SyncEngine.Summary summary = engine.run(SyncEngine.Options.once());
      assertThat(summary.backfilled()).isZero();
      assertThat(summary.changes()).isPositive();
    }
    assertDatabaseMatches(url, sourceName());
  }

  @Test
  void deletesOfObjectsNeverSeenAreAppliedHarmlessly() throws SQLException {
    String url = TestPostgres.newDatabase("conformance_deletes");
    try (Source source = newSource(1000, 3)) {
      SyncEngine engine = engine(url, source);
      engine.run(SyncEngine.Options.once());
      Set<String> known = ids(url, sourceName());
      String cursor = cursor(url);
      change(300);
      List<Change> changes = source.changes(cursor, Set.copyOf(source.defaultObjectTypes()), 10_000).changes();
      assertThat(changes)
          .as("the changes include a delete of an object the database never held")
          .anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(Change.Kind.DELETE);
            assertThat(known).doesNotContain(c.id());
          });
      engine.run(SyncEngine.Options.once());
    }
    assertDatabaseMatches(url, sourceName());
  }

  @Test
  void rateLimitStormsAndServerErrorsAreRetriedAndTheConfiguredRateIsNeverExceeded() throws SQLException {
    String url = TestPostgres.newDatabase("conformance_429");
    double rate = 60;
    degrade(40, 0.15);
    try (Source source = newSource(rate, 12)) {
      engine(url, source).run(SyncEngine.Options.once());
      change(200);
      engine(url, source).run(SyncEngine.Options.once());
    } finally {
      heal();
    }
    assertThat(refusedRequests()).as("429 and 5xx responses the sync rode out").isPositive();
    assertThat(peakRequestsInLimitWindow()).as("requests in the busiest %d s", limitWindowSeconds())
        .isLessThanOrEqualTo((long) (rate * limitWindowSeconds()) + 1);
    assertDatabaseMatches(url, sourceName());
  }

  @Test
  void aRunThatStopsMidBatchLeavesCursorsWithTheirRowsAndResumesWithoutLossOrDuplicates() throws SQLException {
    String url = TestPostgres.newDatabase("conformance_resume");
    dropConnectionsAfter(25, 400);
    try (Source source = newSource(1000, 2)) {
      assertThatThrownBy(() -> engine(url, source).run(SyncEngine.Options.once()))
          .isInstanceOf(SourceException.class).hasMessageContaining("still failing after 2 attempts");
    } finally {
      heal();
    }
    assertThat(TableManagerQueries.single(url, "SELECT status FROM ferry.runs ORDER BY id DESC LIMIT 1")).isEqualTo("failed");
    try (Source source = newSource(1000, 3)) {
      engine(url, source).run(SyncEngine.Options.once());
    }
    assertDatabaseMatches(url, sourceName());
  }

  private String sourceName() {
    try (Source source = newSource(1000, 1)) {
      return source.name();
    }
  }

  private static String cursor(String url) throws SQLException {
    return TableManagerQueries.single(url, "SELECT cursor FROM ferry.cursors WHERE stream = 'changes'");
  }

  private static Set<String> ids(String url, String schema) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement();
        ResultSet tables = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'")) {
      List<String> names = new java.util.ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString(1));
      }
      for (String table : names) {
        try (Statement query = connection.createStatement();
            ResultSet rows = query.executeQuery("SELECT id FROM \"" + schema + "\".\"" + table + "\"")) {
          while (rows.next()) {
            ids.add(rows.getString(1));
          }
        }
      }
    }
    return ids;
  }

  /** Small SQL helpers for the suite. */
  static final class TableManagerQueries {
    private TableManagerQueries() {}

    static String single(String url, String sql) throws SQLException {
      try (Connection connection = Database.of(url).connect(); Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql)) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }
}
