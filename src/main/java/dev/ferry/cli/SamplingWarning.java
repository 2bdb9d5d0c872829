package dev.ferry.cli;

import dev.ferry.relations.RelationModel;
import dev.ferry.relations.Sampling;
import java.io.PrintWriter;

/**
 * The one stderr line a command prints when {@code --sample} gave nothing because the sampling
 * query hit its time cap: inference then went on as without {@code --sample}, which the user
 * should know (the unresolved columns' reasons say it too).
 */
final class SamplingWarning {
  private SamplingWarning() {}

  static void printIfTimedOut(RelationModel model, PrintWriter err) {
    if (model.sampling() == Sampling.TIMED_OUT) {
      err.println("ferry: warning: sampling values stopped at its time cap; relationships were inferred without samples");
      err.flush();
    }
  }
}
