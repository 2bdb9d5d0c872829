package dev.ferry.relations.inference;

import dev.ferry.catalog.PgType;
import dev.ferry.catalog.Table;
import dev.ferry.words.Words;
import dev.ferry.relations.Evidence;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Role names that stand for a person, with or without an id suffix ({@code assigned_to},
 * {@code completed_by}, {@code author_id}, {@code buddy_id}, {@code reports_to}, paper_trail's
 * {@code whodunnit}): they reference the schema's table of people, the first of users, employees,
 * people, staff or members that exists. {@code <verb>_via} names the table of the agent
 * ({@code ship_via} → shippers). Medium confidence: a convention, not a statement of the schema;
 * {@code reports_to} low (a contact may report to a contact), so it is shown as unresolved with the
 * candidate, even when its sampled values are all keys of the people's table (small integers are
 * in most tables' keys); medium in the table of people itself, where the two candidates are one
 * (an employee reports to an employee). Sampled values that are not all among the people's keys
 * make any role column unresolved.
 */
final class RoleRule implements InferenceRule {
  static final Set<String> PERSON_ROLES = Set.of(
      "assigned_to", "assignee", "author", "buddy", "canceller", "canceler", "creator", "updater", "completed_by", "created_by",
      "updated_by", "modified_by", "deleted_by", "approved_by", "reviewed_by", "closed_by", "reporter",
      "approver", "reviewer", "requester", "requestor", "whodunnit", "owner", "resource_owner", "sales_rep", "account_manager");
  /** Roles that hold a person, but not always one of the table of people: a contact reports to a contact or to a user. */
  static final Set<String> WEAK_ROLES = Set.of("reports_to");
  private static final List<String> PEOPLE = List.of("user", "employee", "person", "staff", "member");

  @Override
  public void apply(InferenceContext context) {
    for (InferenceContext.Candidate candidate : context.open()) {
      if (candidate.column().type().isArray() || candidate.isOwnKey()) {
        continue;
      }
      String role = role(candidate.words(), candidate.column().type());
      Table table = candidate.table();
      if (PERSON_ROLES.contains(role) || WEAK_ROLES.contains(role)) {
        peopleTable(context.index, table).ifPresent(people -> {
          String detail = "'" + role + "' names a person, and " + people.name() + " holds the people";
          Optional<Boolean> contained = context.samples.foundInTarget(candidate.ref());
          if (contained.isPresent() && !contained.get()) {
            context.unresolved(table, candidate.column(), detail + ", but its sampled values are not all keys of it", List.of(people.name()));
          } else {
            resolve(context, candidate, people, detail + (contained.isPresent() ? ", and every sampled value is one of its keys" : ""),
                WEAK_ROLES.contains(role) && !people.name().equals(table.name()) ? Confidence.LOW : Confidence.MEDIUM);
          }
        });
      } else if (role.endsWith("_via") && role.indexOf('_') == role.length() - 4) {
        String verb = role.substring(0, role.length() - 4);
        for (String agent : List.of(verb + "er", verb + verb.charAt(verb.length() - 1) + "er")) {
          TableIndex.Match match = context.index.find(agent, table);
          if (match.unique()) {
            resolve(context, candidate, match.table(), "'" + role + "' names the " + agent + " that does it", Confidence.MEDIUM);
            break;
          }
        }
      }
    }
  }

  /** The role a column names: its words without a trailing id ({@code author_id} → author, {@code assigned_to}). */
  static String role(List<String> words, PgType type) {
    List<String> stem = NameLookup.idStem(words, type);
    return Words.join(stem.isEmpty() ? words : stem);
  }

  static boolean isPersonRole(String role) {
    return PERSON_ROLES.contains(role) || WEAK_ROLES.contains(role);
  }

  /** The schema's table of people as seen from {@code from}: the first of users, employees, people, staff, members. */
  static Optional<Table> peopleTable(TableIndex index, Table from) {
    for (String people : PEOPLE) {
      TableIndex.Match match = index.find(people, from);
      if (match.unique()) {
        return Optional.of(match.table());
      }
    }
    return Optional.empty();
  }

  // paper_trail keeps the user's id as text in whodunnit: the one role stored in another type than the key
  private static void resolve(InferenceContext context, InferenceContext.Candidate candidate, Table target, String detail,
      Confidence confidence) {
    boolean textHoldingIds = candidate.column().name().equals("whodunnit");
    KeyTypes.singleColumnKey(target).ifPresentOrElse(
        key -> context.reference(candidate.table(), candidate.column(), target, key, Evidence.NAME, detail, confidence, textHoldingIds),
        () -> context.unresolved(candidate.table(), candidate.column(), detail + ", but it has no single-column key", List.of(target.name())));
  }
}
