package dev.ferry.relations;

import dev.ferry.vendor.VendorObject;

/**
 * The vendor object a table holds, as the vendor's model recognised it whatever tool synced the table
 * ({@code stripe} invoice for {@code stripe.invoice} or {@code stripe_invoices}): what evidence
 * {@code source:<system>} refers to. Naming uses it for the vendor's own names ({@code invoice.payments}).
 */
public record SourceObject(String system, VendorObject object) {}
