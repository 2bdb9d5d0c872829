package dev.ferry.vendor;

import java.util.List;
import java.util.Optional;

/**
 * What Ferry knows about one vendor's object model: its object types and how they reference each
 * other. The one definition the vendor's source, its sandbox and the read side share; the read side
 * uses it to find references in tables another tool synced. Found through
 * {@link java.util.ServiceLoader} ({@link Vendors}): a new vendor is a package plus a line in
 * {@code META-INF/services/dev.ferry.vendor.VendorModel}. This package imports nothing else from
 * Ferry, so every floor may use it.
 */
public interface VendorModel {
  /** The system's name, as in evidence {@code source:<system>} ({@code stripe}). */
  String system();

  /** Words that mark a schema or table as this system's when they are part of its name ({@code salesforce}, {@code sfdc}). */
  List<String> nameWords();

  /** Fields nearly every object of the system carries, which mark a table as its ({@code SystemModstamp}, {@code livemode}). */
  List<String> markerFields();

  /** The key field of every object ({@code id}, {@code Id}). */
  String keyField();

  List<VendorObject> objects();

  /** References any object of the system may carry ({@code CreatedById} → User on every Salesforce object). */
  List<VendorReference> commonReferences();

  default Optional<VendorObject> object(String name) {
    return objects().stream().filter(o -> o.name().equals(name)).findFirst();
  }
}
