package dev.ferry.relations;

import dev.ferry.catalog.QualifiedName;

/** An array column of ids of {@code target} ({@code default_tax_rates text[]} → tax_rate). */
public record IdArray(QualifiedName table, String column, QualifiedName target, Evidence evidence, String detail, Name name) {}
