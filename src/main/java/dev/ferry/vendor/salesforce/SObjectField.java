package dev.ferry.vendor.salesforce;

import java.util.List;

/**
 * One field of a Salesforce object as describe reports it ({@code GET /sobjects/<Object>/describe}):
 * the API name, the describe type ({@code id}, {@code reference}, {@code currency}, {@code address}...),
 * length, precision and scale, the objects a lookup may point at ({@code referenceTo}, several for
 * {@code WhoId}), its relationship name, the compound field it is a component of, and picklist values.
 */
public record SObjectField(
    String name,
    String type,
    int length,
    int precision,
    int scale,
    List<String> referenceTo,
    String relationshipName,
    String compoundFieldName,
    List<String> picklistValues,
    boolean custom) {
  public SObjectField {
    referenceTo = List.copyOf(referenceTo);
    picklistValues = List.copyOf(picklistValues);
  }

  public boolean isReference() {
    return type.equals("reference");
  }

  /** A lookup with several possible targets ({@code WhoId}, {@code WhatId}, {@code OwnerId} of a queue-owned object). */
  public boolean isPolymorphic() {
    return isReference() && referenceTo.size() > 1;
  }

  /** An {@code address} or {@code location} field: its value is an object, its parts are fields of their own. */
  public boolean isCompound() {
    return type.equals("address") || type.equals("location");
  }

  /** The SOAP type describe reports with the field (what a client uses to parse it). */
  public String soapType() {
    return switch (type) {
      case "id", "reference" -> "tns:ID";
      case "boolean" -> "xsd:boolean";
      case "currency", "percent", "double" -> "xsd:double";
      case "int" -> "xsd:int";
      case "date" -> "xsd:date";
      case "datetime" -> "xsd:dateTime";
      case "address" -> "urn:address";
      case "location" -> "urn:location";
      default -> "xsd:string";
    };
  }
}
