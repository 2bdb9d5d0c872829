package dev.ferry.vendor;

import java.util.List;
import java.util.Optional;

/**
 * An object type of a vendor's API, named as the table a sync writes it to ({@code invoice_item},
 * {@code Product2}), with the other names tools give it ({@code invoiceitem}, {@code product}),
 * the prefixes its ids start with ({@code in_}, Salesforce key prefix {@code 001}), and its
 * references to other object types.
 */
public record VendorObject(String name, List<String> aliases, List<String> idPrefixes, List<VendorReference> references) {
  public VendorObject {
    aliases = List.copyOf(aliases);
    idPrefixes = List.copyOf(idPrefixes);
    references = List.copyOf(references);
  }

  /** An object with references written as {@link VendorReference#parseAll}. */
  public static VendorObject of(String name, String references) {
    return new VendorObject(name, List.of(), List.of(), VendorReference.parseAll(references));
  }

  public VendorObject aliases(String... names) {
    return new VendorObject(name, List.of(names), idPrefixes, references);
  }

  public VendorObject idPrefixes(String... prefixes) {
    return new VendorObject(name, aliases, List.of(prefixes), references);
  }

  public Optional<VendorReference> reference(String field) {
    return references.stream().filter(r -> r.field().equals(field)).findFirst();
  }
}
