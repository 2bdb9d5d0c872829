package dev.ferry.naming;

import dev.ferry.catalog.PgType;
import java.util.List;

/**
 * A Postgres enum type named in one target language: its type name (unique together with the
 * entities' type names, {@code SubscriptionStatus}) and one identifier per label, in declaration
 * order, whose {@code source} is the label itself ({@code past_due}).
 */
public record NamedEnum(PgType type, Identifier name, List<Identifier> values) {
  public NamedEnum {
    values = List.copyOf(values);
  }
}
