package dev.ferry.naming;

import dev.ferry.relations.Attribute;

/** An attribute with its identifier in the target language. */
public record NamedAttribute(Attribute attribute, Identifier name) {
  public String column() {
    return attribute.column().name();
  }
}
