package dev.ferry.relations;

import dev.ferry.catalog.QualifiedName;
import java.util.List;

/**
 * A forward reference: {@code columns} of {@code from} hold keys of {@code to}.
 *
 * @param detail a human sentence for the evidence ({@code "constraint subscription_customer_fkey"},
 *     {@code "column stem 'customer' names table stripe.customer"})
 * @param oneToOne the referencing columns are unique, so the back reference is a single row
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
    Name forward,
    Name back,
    Name label) {
  public Reference {
    columns = List.copyOf(columns);
    targetColumns = List.copyOf(targetColumns);
  }
}
