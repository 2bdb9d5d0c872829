package dev.ferry.naming;

import dev.ferry.relations.Polymorphic;

/**
 * A polymorphic pair as its owner declares it ({@code commentable} on comments), named in the
 * target language; whether and how a target renders it is the target's business.
 */
public record NamedPolymorphic(Identifier name, Polymorphic polymorphic) {}
