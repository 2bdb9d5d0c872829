package dev.ferry.vendor.salesforce;

import java.util.List;
import java.util.Optional;

/**
 * A Salesforce object as describe reports it: API name, label and plural label, the 3-character
 * {@code keyPrefix} every id of the object starts with, and its fields in describe order.
 */
public record SObject(String name, String label, String labelPlural, String keyPrefix, boolean custom, List<SObjectField> fields) {
  public SObject {
    fields = List.copyOf(fields);
  }

  public Optional<SObjectField> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equalsIgnoreCase(fieldName)).findFirst();
  }

  /** The fields Salesforce computes when read (formulas, roll-up summaries): their changes leave {@code SystemModstamp} alone. */
  public List<SObjectField> calculatedFields() {
    return fields.stream().filter(SObjectField::calculated).toList();
  }

  /** Whether soft deletes are visible ({@code IsDeleted}): User and Group have none. */
  public boolean hasIsDeleted() {
    return field("IsDeleted").isPresent();
  }
}
