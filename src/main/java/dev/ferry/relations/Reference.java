package dev.ferry.relations;

import dev.ferry.catalog.QualifiedName;
import java.util.List;

/**
 * A forward reference: {@code columns} of {@code from} hold keys of {@code to}.
 *
 * @param detail a human sentence for the evidence ({@code "constraint subscription_customer_fkey"},
 *     {@code "column stem 'customer' names table stripe.customer"})
 * @param oneToOne the back reference is a single row: the referencing columns are unique, or ferry.yaml
 *     or sampled rows say so ({@code cardinality})
 * @param cardinality why the back reference is one row or many when a unique index does not say so
 *     ({@code "ferry.yaml line 7 declares has_one"}); empty otherwise
 * @param forward name of the attribute on {@code from} ({@code subscription.customer})
 * @param back name of the collection (or single row) on {@code to} ({@code customer.subscriptions})
 * @param label a short name for the relationship itself, unique within the pair of entities, for
 *     targets that must name relations ({@code Prisma @relation("...")})
 */
public record Reference(
    QualifiedName from,
    List<String> columns,
    QualifiedName to,
    List<String> targetColumns,
    Evidence evidence,
    String detail,
    boolean oneToOne,
    String cardinality,
    Name forward,
    Name back,
    Name label) {
  public Reference {
    columns = List.copyOf(columns);
    targetColumns = List.copyOf(targetColumns);
    cardinality = cardinality == null ? "" : cardinality;
  }

  /** A reference whose cardinality the schema decides: one-to-one when the referencing columns are unique. */
  public Reference(QualifiedName from, List<String> columns, QualifiedName to, List<String> targetColumns, Evidence evidence,
      String detail, boolean oneToOne, Name forward, Name back, Name label) {
    this(from, columns, to, targetColumns, evidence, detail, oneToOne, "", forward, back, label);
  }

  /** This reference with its back reference decided by something other than a unique index. */
  public Reference withCardinality(boolean one, String why) {
    return new Reference(from, columns, to, targetColumns, evidence, detail, one, why, forward, back, label);
  }
}
