package dev.ferry.relations.inference;

/**
 * How sure a rule is of a reference it found. {@link ReferenceInference#ACCEPTED} is the one place
 * that decides which are kept: a reference below it is reported as unresolved, with its reason and
 * its target as the candidate, so the user can confirm it in ferry.yaml.
 */
enum Confidence {
  /** A guess from a common convention with known exceptions: shown, never used on its own. */
  LOW,
  /** A convention that holds in the schemas measured ({@code assigned_to} → users, {@code charge.customer}). */
  MEDIUM,
  /** The name, the source system or the values say so plainly ({@code customer_id} → customer). */
  HIGH
}
