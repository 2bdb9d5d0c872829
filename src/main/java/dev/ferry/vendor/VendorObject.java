package dev.ferry.vendor;

import java.util.List;
import java.util.Optional;

/**
 * An object type of a vendor's API, named as the table a sync writes it to ({@code invoice_item},
 * {@code Product2}), with the other names tools give it ({@code invoiceitem}, {@code product}),
 * the prefixes its ids start with ({@code in_}, Salesforce key prefix {@code 001}), its
 * references to other object types, and the lists of other objects it nests ({@code invoice.lines}).
 */
public record VendorObject(String name, List<String> aliases, List<String> idPrefixes, List<VendorReference> references,
    List<NestedList> lists) {
  /**
   * A field holding a list of another object type, each of which points back at this one
   * ({@code invoice.payments}: the invoice_payment objects whose {@code invoice} is this invoice).
   */
  public record NestedList(String field, String target) {}

  public VendorObject {
    aliases = List.copyOf(aliases);
    idPrefixes = List.copyOf(idPrefixes);
    references = List.copyOf(references);
    lists = List.copyOf(lists);
  }

  public VendorObject(String name, List<String> aliases, List<String> idPrefixes, List<VendorReference> references) {
    this(name, aliases, idPrefixes, references, List.of());
  }

  /** An object with references written as {@link VendorReference#parseAll}. */
  public static VendorObject of(String name, String references) {
    return new VendorObject(name, List.of(), List.of(), VendorReference.parseAll(references));
  }

  public VendorObject aliases(String... names) {
    return new VendorObject(name, List.of(names), idPrefixes, references, lists);
  }

  public VendorObject idPrefixes(String... prefixes) {
    return new VendorObject(name, aliases, List.of(prefixes), references, lists);
  }

  public Optional<VendorReference> reference(String field) {
    return references.stream().filter(r -> r.field().equals(field)).findFirst();
  }

  /** The field listing the objects of type {@code object} nested in this one ({@code payments} for invoice_payment on invoice). */
  public Optional<NestedList> listOf(String object) {
    return lists.stream().filter(l -> l.target().equals(object)).findFirst();
  }
}
