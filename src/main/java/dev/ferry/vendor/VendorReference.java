package dev.ferry.vendor;

import java.util.Arrays;
import java.util.List;

/**
 * A field of a vendor object that holds the id of another object, named as the vendor's API names
 * it ({@code customer}, {@code OwnerId}, {@code associatedcompanyid}, or a nested
 * {@code transfer_data.destination}).
 *
 * @param targets the object types it may point at; several make it polymorphic (Salesforce
 *     {@code WhoId}: Contact or Lead), told apart by id prefix ({@link VendorObject#idPrefixes()})
 * @param targetField the target's field it holds, or null for the target's key
 * @param many the field holds a list of ids ({@code default_tax_rates})
 */
public record VendorReference(String field, List<String> targets, String targetField, boolean many) {
  public VendorReference {
    targets = List.copyOf(targets);
    if (field.isBlank() || targets.isEmpty()) {
      throw new IllegalArgumentException("a reference needs a field and a target: " + field);
    }
  }

  public boolean polymorphic() {
    return targets.size() > 1;
  }

  /**
   * One reference written compactly: {@code field>target}, {@code field>a|b} (polymorphic),
   * {@code field>target.field} (a target field other than its key), {@code field>>target} (a list
   * of ids).
   */
  public static VendorReference parse(String spec) {
    int arrow = spec.indexOf('>');
    if (arrow <= 0 || arrow == spec.length() - 1) {
      throw new IllegalArgumentException("not field>target: " + spec);
    }
    boolean many = spec.charAt(arrow + 1) == '>';
    String target = spec.substring(arrow + (many ? 2 : 1));
    String targetField = null;
    int dot = target.indexOf('.');
    if (dot > 0) {
      targetField = target.substring(dot + 1);
      target = target.substring(0, dot);
    }
    return new VendorReference(spec.substring(0, arrow), Arrays.asList(target.split("\\|")), targetField, many);
  }

  /** Several references, separated by white space. */
  public static List<VendorReference> parseAll(String specs) {
    return specs.isBlank() ? List.of() : Arrays.stream(specs.strip().split("\\s+")).map(VendorReference::parse).toList();
  }
}
