package dev.ferry.relations.inference;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.Table;
import dev.ferry.relations.Evidence;
import java.util.List;
import java.util.Optional;

/**
 * A column named like another table's key column, when that key is named after something
 * ({@code territoryid} → salesterritory, whose key is territoryid; {@code customer_type_id} →
 * customer_demographics; {@code currencycode} → currency), or ending with it after role words
 * ({@code shiptoaddressid} → address, {@code fromcurrencycode} → currency; evidence SUFFIX), or made of
 * the name of a table keyed {@code <table>id}, a role and "id" ({@code productassemblyid} → product).
 *
 * <p>With {@code sharedOnly}, it runs before the name rules and takes only key names several
 * tables share, as tables that extend one another do (person, employee and vendor all keyed by
 * businessentityid): the owner whose name begins or ends the referencing table's name wins
 * ({@code personphone} → person, {@code productvendor} → vendor) over the table the name spells
 * (businessentity); else the one owner that also has another of the table's columns
 * ({@code salesterritoryhistory.territoryid}: salesperson); with none, the column is unresolved with
 * every owner as a candidate. A table's
 * own key shared with others is unresolved too: which table it extends is not in the names.
 */
final class KeyNameRule implements InferenceRule {
  private final boolean sharedOnly;

  KeyNameRule(boolean sharedOnly) {
    this.sharedOnly = sharedOnly;
  }

  @Override
  public void apply(InferenceContext context) {
    KeyNames keys = new KeyNames(context.catalog.tables());
    for (InferenceContext.Candidate candidate : context.open()) {
      Column column = candidate.column();
      if (column.type().isArray() || KeyTypes.family(column.type()) == null) {
        continue;
      }
      Table from = candidate.table();
      String name = TableIndex.compact(column.name());
      Evidence evidence = Evidence.NAME;
      List<Table> owners = keys.owners(name, from);
      if (owners.isEmpty() && !sharedOnly) {
        Optional<String> suffix = keys.suffixOf(name);
        if (suffix.isPresent()) {
          owners = keys.owners(suffix.get(), from);
          evidence = Evidence.SUFFIX;
        }
      }
      Optional<String> prefix = Optional.empty();
      if (owners.isEmpty() && !sharedOnly) {
        prefix = keys.prefixOf(name);
        if (prefix.isPresent()) {
          owners = keys.owners(prefix.get(), from);
          evidence = Evidence.SUFFIX;
        }
      }
      boolean ownKey = candidate.isOwnKey();
      boolean shared = owners.size() > 1 || (ownKey && !owners.isEmpty());
      if (owners.isEmpty() || (sharedOnly && !shared) || (ownKey && evidence == Evidence.SUFFIX)) {
        continue;
      }
      String keyName = KeyTypes.singleColumnKey(owners.get(0)).orElseThrow().name();
      // a table's own key names no direction: salesperson extends employee, not person, though its name ends with it
      Optional<Table> target = ownKey ? Optional.empty() : shared ? KeyNames.namesakeOf(from, owners) : Optional.of(owners.get(0));
      String why = ", the table of that key whose name begins or ends " + from.name().name();
      if (target.isEmpty() && shared && !ownKey) {
        target = KeyNames.sharingColumnsWith(from, owners, column.name());
        why = ", the one table of that key that also has a column of " + from.name().name();
      }
      if (target.isPresent()) {
        context.reference(from, column, target.get(), evidence,
            (evidence == Evidence.NAME ? "column named like the key " : prefix.isPresent() ? "column begins with the table name of the key "
                : "column ends with the key name ") + keyName + " of " + target.get().name() + (shared ? why : ""));
      } else if (ownKey) {
        context.unresolved(from, column, "the table's key is also the key of " + owners.size() + " other table"
            + (owners.size() == 1 ? "" : "s") + ": it may extend one of them", owners.stream().map(Table::name).toList());
      } else {
        context.unresolved(from, column, "column named like the key " + keyName + " of several tables, none named like "
            + from.name().name(), owners.stream().map(Table::name).toList());
      }
    }
  }
}
