package dev.ferry.relations.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.ForeignKey;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.db.Database;
import dev.ferry.read.ReadRequest;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Accuracy against real Postgres: each corpus schema under {@code src/test/resources/corpus/} has
 * FOREIGN KEY constraints. The test reads it as it is (every reference must come back as a
 * CONSTRAINT), drops every constraint, reads it again without and with {@code --sample}, and
 * compares the inferred references with the dropped constraints. It prints precision and recall
 * per schema and asserts precision = 1.0 and recall >= 0.95 everywhere, and recall = 1.0 on the
 * Stripe-shaped schema with sampling.
 */
class InferenceAccuracyTest {
  record Corpus(String name, List<String> schemas, String tablePrefix) {}

  static final List<Corpus> CORPORA = List.of(
      new Corpus("stripe", List.of("stripe"), ""),
      new Corpus("dvdrental", List.of("public"), ""),
      new Corpus("rails", List.of("public"), ""),
      new Corpus("prefixed", List.of("public"), "stripe_"),
      new Corpus("selfref", List.of("public"), ""),
      new Corpus("chinook", List.of("public"), ""));

  /** One reference as constraints and inference both state it. */
  record Link(QualifiedName from, List<String> columns, QualifiedName to) implements Comparable<Link> {
    @Override
    public int compareTo(Link other) {
      return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
      return from + "(" + String.join(",", columns) + ") -> " + to;
    }
  }

  record Score(String corpus, String mode, int expected, int inferred, int correct, Set<Link> missed, Set<Link> wrong) {
    double precision() {
      return inferred == 0 ? 1.0 : (double) correct / inferred;
    }

    double recall() {
      return expected == 0 ? 1.0 : (double) correct / expected;
    }
  }

  @Test
  void inferenceRecoversTheDroppedConstraintsOfEveryCorpusSchema() throws Exception {
    List<Score> scores = new ArrayList<>();
    SoftAssertions softly = new SoftAssertions();
    for (Corpus corpus : CORPORA) {
      String url = TestPostgres.newDatabase("accuracy_" + corpus.name());
      TestPostgres.execute(url, corpusSql(corpus.name()));
      ReadRequest request = new ReadRequest(corpus.schemas(), corpus.tablePrefix(), false, Optional.empty());
      try (Connection connection = Database.of(url).connect()) {
        RelationModel constrained = ReadSide.load(connection, request);
        Set<Link> expected = constraints(constrained);
        softly.assertThat(expected).as(corpus.name() + " has constraints").isNotEmpty();
        softly.assertThat(constrained.references()).as(corpus.name() + ": with constraints in place")
            .allSatisfy(r -> assertThat(r.evidence()).as(r.toString()).isEqualTo(Evidence.CONSTRAINT));
        softly.assertThat(links(constrained.references())).as(corpus.name() + ": with constraints in place").isEqualTo(expected);

        dropForeignKeys(connection, corpus.schemas());
        scores.add(score(corpus.name(), "names", expected, ReadSide.load(connection, request)));
        scores.add(score(corpus.name(), "names+sample", expected, ReadSide.load(connection, request.withSample(true))));
      }
    }
    System.out.println(table(scores));
    for (Score score : scores) {
      softly.assertThat(score.precision()).as(score.corpus() + " " + score.mode() + " precision, wrong: " + score.wrong()).isEqualTo(1.0);
      softly.assertThat(score.recall()).as(score.corpus() + " " + score.mode() + " recall, missed: " + score.missed()).isGreaterThanOrEqualTo(0.95);
      if (score.corpus().equals("stripe") && score.mode().equals("names+sample")) {
        softly.assertThat(score.recall()).as("stripe recall with sampling, missed: " + score.missed()).isEqualTo(1.0);
      }
    }
    softly.assertAll();
  }

  static Score score(String corpus, String mode, Set<Link> expected, RelationModel model) {
    Set<Link> inferred = links(model.references());
    Set<Link> correct = new TreeSet<>(inferred);
    correct.retainAll(expected);
    Set<Link> missed = new TreeSet<>(expected);
    missed.removeAll(inferred);
    Set<Link> wrong = new TreeSet<>(inferred);
    wrong.removeAll(expected);
    return new Score(corpus, mode, expected.size(), inferred.size(), correct.size(), missed, wrong);
  }

  static String table(List<Score> scores) {
    StringBuilder out = new StringBuilder("\nInference accuracy (references vs dropped FK constraints)\n");
    out.append(String.format("%-10s %-13s %8s %8s %8s %9s %7s%n", "schema", "evidence", "expected", "inferred", "correct", "precision", "recall"));
    for (Score s : scores) {
      out.append(String.format("%-10s %-13s %8d %8d %8d %9.3f %7.3f%n",
          s.corpus(), s.mode(), s.expected(), s.inferred(), s.correct(), s.precision(), s.recall()));
      s.missed().forEach(l -> out.append("    missed ").append(l).append('\n'));
      s.wrong().forEach(l -> out.append("    wrong  ").append(l).append('\n'));
    }
    return out.toString();
  }

  static Set<Link> constraints(RelationModel model) {
    Set<Link> links = new TreeSet<>();
    for (Table table : model.catalog().tables()) {
      for (ForeignKey fk : table.foreignKeys()) {
        links.add(new Link(table.name(), fk.columns(), fk.target()));
      }
    }
    return links;
  }

  static Set<Link> links(List<Reference> references) {
    return references.stream().map(r -> new Link(r.from(), r.columns(), r.to())).collect(Collectors.toCollection(TreeSet::new));
  }

  static void dropForeignKeys(Connection connection, List<String> schemas) throws SQLException {
    List<String> drops = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("""
            SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, c.relname, k.conname)
              FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE k.contype = 'f' AND n.nspname = ANY (?)
             ORDER BY 1""")) {
      statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          drops.add(rows.getString(1));
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String drop : drops) {
        statement.execute(drop);
      }
    }
  }

  static String corpusSql(String name) throws IOException {
    try (InputStream in = InferenceAccuracyTest.class.getResourceAsStream("/corpus/" + name + "/schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("missing corpus " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
