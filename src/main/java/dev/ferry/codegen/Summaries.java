package dev.ferry.codegen;

import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;

/** The counts every model target reports, worded the same way for all of them. */
public final class Summaries {
  private Summaries() {}

  /** {@code "23 models, 412 fields, 58 relations"}: entities, attributes, and associations (each side counted). */
  public static String models(NamedModel model) {
    int fields = 0;
    int relations = 0;
    for (NamedEntity entity : model.entities()) {
      fields += entity.attributes().size();
      relations += entity.associations().size();
    }
    return count(model.entities().size(), "model") + ", " + count(fields, "field") + ", " + count(relations, "relation");
  }

  public static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
