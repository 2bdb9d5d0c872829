package dev.ferry.relations;

/** What sampling column values ({@code --sample}) gave the inference of a model. */
public enum Sampling {
  /** Not asked for: relationships come from constraints, declarations, ferry.yaml and names. */
  OFF,
  /** Values were sampled (some columns may have had none). */
  TAKEN,
  /** Asked for, but the sampling query hit its time cap: inferred as without samples. */
  TIMED_OUT
}
