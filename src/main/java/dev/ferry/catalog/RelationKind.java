package dev.ferry.catalog;

/** What kind of relation a {@link Table} is; partitions are folded into their parent. */
public enum RelationKind {
  TABLE,
  PARTITIONED_TABLE,
  VIEW,
  MATERIALIZED_VIEW,
  FOREIGN_TABLE
}
