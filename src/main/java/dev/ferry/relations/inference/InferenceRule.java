package dev.ferry.relations.inference;

/** One step of {@link ReferenceInference}: decides some of the columns no earlier step decided. */
interface InferenceRule {
  void apply(InferenceContext context);
}
