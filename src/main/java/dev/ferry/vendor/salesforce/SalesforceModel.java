package dev.ferry.vendor.salesforce;

import dev.ferry.vendor.VendorModel;
import dev.ferry.vendor.VendorObject;
import dev.ferry.vendor.VendorReference;
import java.util.List;

/**
 * Salesforce standard objects and their lookup fields, each with its {@code referenceTo} as the
 * Object Reference for the Salesforce Platform lists it (a field pointing at several objects, such
 * as Task {@code WhoId} → Contact or Lead, is polymorphic), and each object's three-character key
 * prefix (Account {@code 001}). Every object also carries {@code CreatedById} and
 * {@code LastModifiedById} → User; {@code OwnerId} points at User or, for objects queues can own,
 * Group. Tools write these objects as {@code Account}, {@code account} or
 * {@code salesforce_account}, and {@code Product2} as {@code product_2} or {@code product}.
 */
public final class SalesforceModel implements VendorModel {
  /** Objects the read side recognizes in tables other tools synced, beyond those Ferry's sync describes. */
  private static final List<VendorObject> REFERENCE_ONLY = List.of(
      VendorObject.of("AccountContactRole", "AccountId>Account ContactId>Contact").idPrefixes("02Z"),
      VendorObject.of("Asset", "AccountId>Account ContactId>Contact AssetProvidedById>Account AssetServicedById>Account OwnerId>User"
          + " ParentId>Asset Product2Id>Product2 RootAssetId>Asset").idPrefixes("02i"),
      VendorObject.of("ObjectPermissions", "ParentId>PermissionSet").idPrefixes("110"),
      VendorObject.of("OrderItem", "OrderId>Order OriginalOrderItemId>OrderItem PricebookEntryId>PricebookEntry Product2Id>Product2")
          .idPrefixes("802"),
      VendorObject.of("PermissionSet", "").idPrefixes("0PS"),
      VendorObject.of("PermissionSetAssignment", "AssigneeId>User PermissionSetId>PermissionSet").idPrefixes("0Pa"));

  /** The objects the sync describes ({@link SalesforceObjects}, with their lookups' {@code referenceTo}), then the others, by name. */
  private static final List<VendorObject> OBJECTS = describedAndOthers();

  private static List<VendorObject> describedAndOthers() {
    List<VendorObject> all = new java.util.ArrayList<>(REFERENCE_ONLY);
    for (SObject object : SalesforceObjects.all()) {
      List<VendorReference> references = object.fields().stream()
          .filter(f -> f.isReference() && !f.name().equals("CreatedById") && !f.name().equals("LastModifiedById"))
          .map(f -> new VendorReference(f.name(), f.referenceTo(), null, false))
          .toList();
      VendorObject vendorObject = new VendorObject(object.name(), List.of(), List.of(object.keyPrefix()), references);
      if (object.name().endsWith("2")) {
        vendorObject = vendorObject.aliases(object.name().substring(0, object.name().length() - 1)); // Product2 is often written product
      }
      all.add(vendorObject);
    }
    all.sort(java.util.Comparator.comparing(VendorObject::name));
    return List.copyOf(all);
  }

  @Override
  public String system() {
    return "salesforce";
  }

  @Override
  public List<String> nameWords() {
    return List.of("salesforce", "sfdc");
  }

  @Override
  public List<String> markerFields() {
    return List.of("SystemModstamp");
  }

  @Override
  public String keyField() {
    return "Id";
  }

  @Override
  public List<VendorObject> objects() {
    return OBJECTS;
  }

  @Override
  public List<VendorReference> commonReferences() {
    return VendorReference.parseAll("CreatedById>User LastModifiedById>User");
  }
}
