package dev.ferry.relations.inference;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.words.Words;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.Unresolved;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the rules share: the catalog and its lookups, the samples, the user's configured
 * relationships, and the findings so far. A column belongs to the first rule that decides it
 * (a reference, a polymorphic pair, an id array, or an unresolved report); later rules skip it.
 */
final class InferenceContext {
  final Catalog catalog;
  final TableIndex index;
  final Samples samples;
  final ConfiguredRelationships configured;
  final PlaceholderNames names;
  final VendorTables vendors;

  final List<Reference> references = new ArrayList<>();
  final List<Polymorphic> polymorphics = new ArrayList<>();
  final List<IdArray> idArrays = new ArrayList<>();
  final List<ManyToMany> manyToMany = new ArrayList<>();
  final List<Unresolved> unresolved = new ArrayList<>();
  // by table identity, then column name: ColumnRef hashes of similar names collide too often
  private final Map<Table, Set<String>> decided = new IdentityHashMap<>();
  private final List<Candidate> columns = new ArrayList<>();

  InferenceContext(Catalog catalog, Samples samples, ConfiguredRelationships configured) {
    this.catalog = catalog;
    this.index = new TableIndex(catalog);
    this.samples = samples;
    this.configured = configured;
    this.names = new PlaceholderNames(index);
    this.vendors = new VendorTables(catalog, index);
    for (Table table : catalog.tables()) {
      for (Column column : table.columns()) {
        columns.add(new Candidate(table, column, Words.split(column.name())));
      }
    }
  }

  boolean decided(Table table, Column column) {
    Set<String> columns = decided.get(table);
    return columns != null && columns.contains(column.name());
  }

  void decide(Table table, Column column) {
    decided.computeIfAbsent(table, t -> new HashSet<>()).add(column.name());
  }

  /** Every column no rule has decided yet, tables by name, columns by position. */
  List<Candidate> open() {
    List<Candidate> open = new ArrayList<>();
    Table table = null;
    Set<String> decidedInTable = Set.of();
    for (Candidate candidate : columns) {
      if (candidate.table() != table) { // candidates come table by table: one lookup per table
        table = candidate.table();
        decidedInTable = decided.getOrDefault(table, Set.of());
      }
      if (!decidedInTable.contains(candidate.column().name())) {
        open.add(candidate);
      }
    }
    return open;
  }

  /**
   * Records that {@code column} references {@code target} when the target has a single-column key
   * of a compatible type; otherwise records it as unresolved with the reason. Decides the column.
   */
  void reference(Table from, Column column, Table target, Evidence evidence, String detail) {
    reference(from, column, target, evidence, detail, Confidence.HIGH);
  }

  /** As {@link #reference(Table, Column, Table, Evidence, String)}, kept only at the accepted confidence. */
  void reference(Table from, Column column, Table target, Evidence evidence, String detail, Confidence confidence) {
    Optional<Column> key = KeyTypes.singleColumnKey(target);
    if (key.isEmpty()) {
      unresolved(from, column, detail + ", but " + target.name() + " has no single-column primary or unique key", List.of(target.name()));
      return;
    }
    reference(from, column, target, key.get(), evidence, detail, confidence, false);
  }

  /**
   * The general form: {@code column} holds values of {@code targetColumn}. With {@code anyIdType}
   * (a vendor's model says so) a number may hold a text id and the reverse, as sync tools store them.
   */
  void reference(Table from, Column column, Table target, Column targetColumn, Evidence evidence, String detail,
      Confidence confidence, boolean anyIdType) {
    decide(from, column);
    if (confidence.compareTo(ReferenceInference.ACCEPTED) < 0) {
      unresolved(from, column, detail + ", but that is only a convention (confidence " + confidence.name().toLowerCase(java.util.Locale.ROOT)
          + "): confirm it in ferry.yaml", List.of(target.name()));
      return;
    }
    if (column.type().isArray()) {
      if (!KeyTypes.compatible(column.type().element(), targetColumn.type())) {
        unresolved(from, column, detail + ", but its elements (" + column.type().element().sql() + ") cannot hold "
            + target.name() + "." + targetColumn.name() + " (" + targetColumn.type().sql() + ")", List.of(target.name()));
        return;
      }
      idArrays.add(new IdArray(from.name(), column.name(), target.name(), evidence, detail,
          Name.of(PlaceholderNames.stem(column.name()), column.name())));
      return;
    }
    boolean fits = anyIdType ? KeyTypes.holdsIds(column.type()) && KeyTypes.holdsIds(targetColumn.type())
        : KeyTypes.compatible(column.type(), targetColumn.type());
    if (!fits) {
      unresolved(from, column, detail + ", but its type " + column.type().sql() + " cannot hold "
          + target.name() + "." + targetColumn.name() + " (" + targetColumn.type().sql() + ")", List.of(target.name()));
      return;
    }
    addReference(from, List.of(column.name()), target, List.of(targetColumn.name()), evidence, detail);
  }

  void addReference(Table from, List<String> columns, Table target, List<String> targetColumns, Evidence evidence, String detail) {
    Name forward = names.forward(columns, target);
    references.add(new Reference(from.name(), columns, target.name(), targetColumns, evidence, detail,
        from.isUnique(columns), forward, names.back(from), forward));
  }

  void unresolved(Table table, Column column, String reason, List<QualifiedName> candidates) {
    decide(table, column);
    unresolved.add(new Unresolved(table.name(), column.name(), reason, candidates.stream().sorted().toList()));
  }

  Optional<Table> table(QualifiedName name) {
    return catalog.table(name);
  }

  /** Tables whose sampled single-column keys all share one id prefix, by prefix. */
  Map<String, List<QualifiedName>> tablesByKeyPrefix() {
    Map<QualifiedName, String> keys = new TreeMap<>();
    for (Table table : catalog.tables()) {
      KeyTypes.singleColumnKey(table).ifPresent(key -> keys.put(table.name(), key.name()));
    }
    return samples.tablesByPrefix(keys);
  }

  static ColumnRef ref(Table table, Column column) {
    return new ColumnRef(table.name(), column.name());
  }

  /** A column some rule may still decide, with its words ({@link Words#split}) split once. */
  record Candidate(Table table, Column column, List<String> words) {
    ColumnRef ref() {
      return new ColumnRef(table.name(), column.name());
    }

    /**
     * The words before a trailing "id" ({@code default_payment_method_id} → default, payment, method;
     * {@code concept_id_1} → concept; run together: {@code salespersonid} → salesperson), or empty.
     */
    List<String> idStem() {
      return NameLookup.idStem(words, column.type());
    }

    boolean isOwnKey() {
      return NameLookup.isOwnKey(table, column.name());
    }
  }
}
