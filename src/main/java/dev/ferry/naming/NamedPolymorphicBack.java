package dev.ferry.naming;

import dev.ferry.relations.Polymorphic;

/**
 * One target's side of a type-column polymorphic pair ({@code comments} on posts for
 * comments.commentable_type = 'Post'): {@link Polymorphic.Target#back()} in the target language,
 * unique among the target entity's members.
 *
 * @param pair the owner's pair, named in the same language
 */
public record NamedPolymorphicBack(Identifier name, NamedPolymorphic pair, Polymorphic.Target target) {}
