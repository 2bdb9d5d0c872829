package dev.ferry.naming;

import java.util.Set;

/**
 * The naming rules of one target language: how it cases type and member names, and which words
 * it reserves. Targets pick one of the languages defined in this package; they never case or
 * escape names themselves.
 *
 * @param id a short id ("ruby", "elixir", "prisma", ...)
 * @param typeCase casing of entity type names
 * @param memberCase casing of attribute and association names
 * @param reserved words that cannot be used as member or type names (compared case-sensitively
 *     unless the language is case-insensitive; implementations decide)
 */
public record Language(String id, Casing typeCase, Casing memberCase, Set<String> reserved) {
  public Language {
    reserved = Set.copyOf(reserved);
  }
}
