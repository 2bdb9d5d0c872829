package dev.ferry.naming;

import dev.ferry.relations.Polymorphic;
import java.util.List;
import java.util.Optional;

/**
 * A polymorphic pair as its owner declares it ({@code commentable} on comments), named in the
 * target language; whether and how a target renders it is the target's business.
 *
 * @param forwards for a type-column pair, the owner's association to each target it can join
 *     alone ({@code commentable_post}: {@link Polymorphic.Target#forward()}), unique among the
 *     owner's members
 */
public record NamedPolymorphic(Identifier name, Polymorphic polymorphic, List<Forward> forwards) {
  public NamedPolymorphic {
    forwards = List.copyOf(forwards);
  }

  /** The owner's association to one target of a type-column pair. */
  public record Forward(Identifier name, Polymorphic.Target target) {}

  /** The association to {@code target}, when the pair can join it alone. */
  public Optional<Forward> forward(Polymorphic.Target target) {
    return forwards.stream().filter(f -> f.target().equals(target)).findFirst();
  }
}
