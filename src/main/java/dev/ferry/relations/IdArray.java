package dev.ferry.relations;

import dev.ferry.catalog.QualifiedName;

/**
 * An array column of ids of {@code target} ({@code default_tax_rates text[]} → tax_rate).
 *
 * @param name the attribute name on {@code table} ({@code invoice.default_tax_rates})
 * @param back the target's name for the rows whose array holds its id
 *     ({@code tax_rate.invoices_as_default_tax_rates}); null before naming
 */
public record IdArray(QualifiedName table, String column, QualifiedName target, Evidence evidence, String detail, Name name, Name back) {
  /** An id array found by inference, its back side not named yet. */
  public IdArray(QualifiedName table, String column, QualifiedName target, Evidence evidence, String detail, Name name) {
    this(table, column, target, evidence, detail, name, null);
  }
}
