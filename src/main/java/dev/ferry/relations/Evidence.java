package dev.ferry.relations;

/** Why Ferry believes a relationship exists, strongest first. */
public enum Evidence {
  /** A FOREIGN KEY constraint in the database. */
  CONSTRAINT,
  /** Declared by the sync engine in a column comment (see docs/catalog-comments.md). */
  DECLARED,
  /** Added or renamed in ferry.yaml. */
  CONFIG,
  /**
   * A vendor's object model says so ({@code dev.ferry.vendor}): the table holds a Stripe, HubSpot or
   * Salesforce object, whatever tool synced it; the detail starts with {@code source:<system>}.
   */
  SOURCE,
  /** The column is named after the target table ({@code customer_id} → customer). */
  NAME,
  /** The column ends with a table's name ({@code default_payment_method_id} → payment_method). */
  SUFFIX,
  /** Sampled values carry the id prefix of the target's keys ({@code acct_...}). */
  SAMPLE
}
