package dev.ferry.naming;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The noun a developer uses for a role column that has no {@code _id} and so cannot be its own
 * association's name: the one who acted ({@code created_by} → creator, {@code approved_by} →
 * approver) and the one acted on ({@code assigned_to} → assignee), as Rails applications name
 * them ({@code belongs_to :creator, foreign_key: :created_by}). Also the participle that qualifies
 * a collection when a table points at one target in several roles ({@code assigned_to} →
 * assigned_opportunities). Only phrases of the form {@code <participle>_by} and
 * {@code <participle>_to}, and {@code reports_to} (→ manager): any other role column has no noun
 * that can be derived safely.
 */
final class RoleNouns {
  /** Participles whose agent noun no spelling rule gives. */
  private static final Map<String, String> IRREGULAR_AGENTS = Map.ofEntries(
      Map.entry("updated", "updater"), Map.entry("edited", "editor"), Map.entry("audited", "auditor"),
      Map.entry("visited", "visitor"), Map.entry("invited", "inviter"), Map.entry("sent", "sender"),
      Map.entry("written", "writer"), Map.entry("paid", "payer"), Map.entry("made", "maker"),
      Map.entry("held", "holder"), Map.entry("sold", "seller"), Map.entry("bought", "buyer"),
      Map.entry("done", "doer"), Map.entry("given", "giver"), Map.entry("taken", "taker"),
      Map.entry("led", "leader"), Map.entry("owned", "owner"));

  /** Participles whose patient noun no spelling rule gives. */
  private static final Map<String, String> IRREGULAR_PATIENTS = Map.of("sent", "recipient", "given", "recipient", "paid", "payee");

  /** Role phrases whose noun no participle gives ({@code reports_to}: the one reported to). */
  private static final Map<String, String> PHRASES = Map.of("reports_to", "manager");

  /** The other side of such a phrase on a self reference: an employee's manager, a manager's direct reports. */
  private static final Map<String, String> SELF_COLLECTIONS = Map.of("reports_to", "direct_reports");

  private RoleNouns() {}

  /**
   * {@code created_by} → creator, {@code completed_by} → completer, {@code assigned_to} → assignee,
   * {@code last_modified_by} → last_modifier; empty when the words are not such a phrase.
   */
  static Optional<String> noun(String roleWords) {
    if (PHRASES.containsKey(roleWords)) {
      return Optional.of(PHRASES.get(roleWords));
    }
    List<String> words = List.of(roleWords.split("_"));
    if (words.size() < 2) {
      return Optional.empty();
    }
    String preposition = words.get(words.size() - 1);
    String participle = words.get(words.size() - 2);
    String noun;
    if (preposition.equals("by")) {
      noun = IRREGULAR_AGENTS.getOrDefault(participle, regular(participle, "er"));
    } else if (preposition.equals("to")) {
      noun = IRREGULAR_PATIENTS.getOrDefault(participle, regular(participle, "ee"));
    } else {
      return Optional.empty();
    }
    if (noun == null) {
      return Optional.empty();
    }
    List<String> before = words.subList(0, words.size() - 2);
    return Optional.of(before.isEmpty() ? noun : String.join("_", before) + "_" + noun);
  }

  /** {@code reports_to} → direct_reports, for a self reference; empty for any other role. */
  static Optional<String> selfCollection(String roleWords) {
    return Optional.ofNullable(SELF_COLLECTIONS.get(roleWords));
  }

  /**
   * The words before {@code _by} / {@code _to} when they end in a participle ({@code assigned_to} →
   * assigned); empty otherwise.
   */
  static Optional<String> participle(String roleWords) {
    List<String> words = List.of(roleWords.split("_"));
    if (words.size() < 2 || !List.of("by", "to").contains(words.get(words.size() - 1))) {
      return Optional.empty();
    }
    String participle = words.get(words.size() - 2);
    if (!participle.endsWith("ed") && !IRREGULAR_AGENTS.containsKey(participle)) {
      return Optional.empty();
    }
    return Optional.of(String.join("_", words.subList(0, words.size() - 1)));
  }

  /**
   * The regular spelling: {@code created} → creator (Latin {@code -ate} verbs take {@code -or}),
   * {@code approved} → approver, {@code modified} → modifier, {@code cancelled} → canceller;
   * {@code assigned} → assignee, {@code transferred} → transferee. Null when the word is no
   * {@code -ed} participle.
   */
  private static String regular(String participle, String suffix) {
    if (!participle.endsWith("ed") || participle.length() < 5) {
      return null;
    }
    String stem = participle.substring(0, participle.length() - 2);
    if (suffix.equals("er")) {
      if (stem.endsWith("at")) {
        return stem + "or";
      }
      return stem.endsWith("e") ? stem + "r" : stem + "er";
    }
    if (stem.length() > 2 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2) && !stem.endsWith("ss")) {
      stem = stem.substring(0, stem.length() - 1); // transferred → transfer
    }
    if (stem.endsWith("e")) {
      stem = stem.substring(0, stem.length() - 1);
    }
    return stem + "ee";
  }
}
