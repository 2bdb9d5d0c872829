package dev.ferry.accuracy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Found references scored against a truth list by the rules of the corpus's {@code score.py}: a
 * found row is right when it names a truth row's source and target (for a polymorphic truth row:
 * one of its tables); {@code wrong} counts truth rows whose source was reported with only wrong
 * targets, {@code missed} truth rows whose source was not reported, {@code extra} found rows whose
 * source is in no truth row. Precision is found rows matching a truth row over found rows.
 */
public record Score(int truth, int found, int correct, int wrong, int extra, int missed, int foundRight,
    List<Finding> missedRows, List<Finding> wrongRows, List<Finding> extraRows) {

  public static Score of(List<Finding> truth, List<Finding> found) {
    Set<Finding.Source> truthSources = new HashSet<>();
    truth.forEach(t -> truthSources.add(t.source()));
    Set<Finding.Source> foundSources = new HashSet<>();
    found.forEach(f -> foundSources.add(f.source()));
    int correct = 0;
    List<Finding> missed = new ArrayList<>();
    List<Finding> wrong = new ArrayList<>();
    for (Finding t : truth) {
      if (found.stream().anyMatch(f -> matches(t, f))) {
        correct++;
      } else if (foundSources.contains(t.source())) {
        wrong.add(t);
      } else {
        missed.add(t);
      }
    }
    int right = 0;
    List<Finding> extra = new ArrayList<>();
    for (Finding f : found) {
      if (truth.stream().anyMatch(t -> matches(t, f))) {
        right++;
      } else if (!truthSources.contains(f.source())) {
        extra.add(f);
      }
    }
    return new Score(truth.size(), found.size(), correct, wrong.size(), extra.size(), missed.size(), right, missed, wrong, extra);
  }

  static boolean matches(Finding t, Finding f) {
    if (!t.source().equals(f.source())) {
      return false;
    }
    if (t.isPolymorphic()) {
      if (f.isPolymorphic()) {
        return f.targetSchema().equals(t.targetSchema()) && f.polymorphicTargets().stream().anyMatch(t.polymorphicTargets()::contains);
      }
      return f.targetSchema().equals(t.targetSchema()) && t.polymorphicTargets().contains(f.targetTable());
    }
    return !f.isPolymorphic() && f.targetSchema().equals(t.targetSchema()) && f.targetTable().equals(t.targetTable())
        && pairs(f).equals(pairs(t));
  }

  private static Set<List<String>> pairs(Finding finding) {
    Set<List<String>> pairs = new HashSet<>();
    for (int i = 0; i < Math.min(finding.columns().size(), finding.targetColumns().size()); i++) {
      pairs.add(List.of(finding.columns().get(i), finding.targetColumns().get(i)));
    }
    return pairs;
  }

  public double precision() {
    return found == 0 ? 0.0 : (double) foundRight / found;
  }

  public double recall() {
    return truth == 0 ? 0.0 : (double) correct / truth;
  }

  /** Two scores added up, for the total line. */
  public Score plus(Score other) {
    List<Finding> m = new ArrayList<>(missedRows);
    m.addAll(other.missedRows);
    List<Finding> w = new ArrayList<>(wrongRows);
    w.addAll(other.wrongRows);
    List<Finding> e = new ArrayList<>(extraRows);
    e.addAll(other.extraRows);
    return new Score(truth + other.truth, found + other.found, correct + other.correct, wrong + other.wrong,
        extra + other.extra, missed + other.missed, foundRight + other.foundRight, m, w, e);
  }

  public static final Score ZERO = new Score(0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of());
}
