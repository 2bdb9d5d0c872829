package dev.ferry.vendor.salesforce;

import java.util.List;

/**
 * One field of a Salesforce object as describe reports it ({@code GET /sobjects/<Object>/describe}):
 * the API name, the describe type ({@code id}, {@code reference}, {@code currency}, {@code address}...),
 * length, precision and scale, the objects a lookup may point at ({@code referenceTo}, several for
 * {@code WhoId}), its relationship name, the compound field it is a component of, picklist values,
 * and whether Salesforce computes it when read ({@code calculated}: a formula, whose text is
 * {@code calculatedFormula}, or a roll-up summary, which has none). A computed value can change
 * without the record's {@code SystemModstamp} moving (a formula over a parent's field).
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
    boolean custom,
    boolean calculated,
    String calculatedFormula) {
  public SObjectField {
    referenceTo = List.copyOf(referenceTo);
    picklistValues = List.copyOf(picklistValues);
  }

  /** A stored (not computed) field. */
  public SObjectField(String name, String type, int length, int precision, int scale, List<String> referenceTo,
      String relationshipName, String compoundFieldName, List<String> picklistValues, boolean custom) {
    this(name, type, length, precision, scale, referenceTo, relationshipName, compoundFieldName, picklistValues, custom, false, null);
  }

  /** This field as a formula field computing {@code formula}. */
  public SObjectField withFormula(String formula) {
    return new SObjectField(name, type, length, precision, scale, referenceTo, relationshipName, compoundFieldName, picklistValues, custom,
        true, formula);
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
