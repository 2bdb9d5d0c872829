package dev.ferry.relations.inference;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.Table;
import dev.ferry.words.Words;
import dev.ferry.relations.AbstractTypes;
import dev.ferry.relations.Attribute;
import dev.ferry.relations.Entity;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.SourceObject;
import dev.ferry.relations.Unresolved;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a catalog into a relation model. Each column is decided by the first rule that claims it,
 * strongest evidence first, so weaker rules never contradict stronger ones:
 *
 * <ol>
 *   <li>{@link DropRule}: columns dropped in ferry.yaml stay plain columns;
 *   <li>{@link ConfigRule}: relationships added in ferry.yaml (CONFIG);
 *   <li>{@link ConstraintRule}: FOREIGN KEY constraints as they are (CONSTRAINT);
 *   <li>{@link DeclaredRule}: {@code ferry:references=} column comments from the sync engine (DECLARED);
 *   <li>{@link PolymorphicRule}: {@code x_type} + {@code x_id} pairs → polymorphic;
 *   <li>{@link IdArrayRule}: {@code *_ids} arrays and arrays named as a table's plural → id arrays;
 *   <li>{@link CompositeKeyRule}: two columns that are the key of their targets' association table;
 *   <li>{@link KeyNameRule} (shared keys): businessentityid → the table of that key named like the referencing one;
 *   <li>{@link NameRule}: {@code customer_id} → customer(s), in the namespace first (NAME);
 *   <li>{@link SuffixRule}: {@code default_payment_method_id} → payment_method (SUFFIX);
 *   <li>{@link SourceRule}: what a vendor's object model says of tables another tool synced, where the
 *       names found nothing ({@code charge.customer}, {@code OwnerId} → User, {@code WhoId}) (SOURCE);
 *   <li>{@link ParentRule}: {@code parent_id} → the table itself (NAME);
 *   <li>{@link KeyNameRule}: {@code territoryid} → the table keyed by territoryid (NAME, SUFFIX);
 *   <li>{@link SampleRule}: sampled id prefixes ({@code acct_}) → reference or polymorphic (SAMPLE);
 *   <li>{@link RoleRule}: person roles ({@code assigned_to} → users) and {@code ship_via} → shippers (NAME, medium);
 *   <li>{@link BareNameRule}: {@code customer text} → customer only when sampled text or uuid keys confirm (SAMPLE);
 *   <li>{@link ArchiveRule}: what names found in an archive copy of a table becomes unresolved;
 *   <li>{@link LeftoverRule}: remaining {@code *_id} columns → unresolved, with the reason;
 *   <li>{@link JoinTableRule}: tables of exactly two key references → many-to-many.
 * </ol>
 *
 * A target must have a single-column key of a compatible type (else: unresolved, with why); two
 * equally good targets are never guessed between. The catalog is sorted, rules walk it in order,
 * and the output lists are sorted: the same database always gives the same model.
 */
public final class ReferenceInference {
  /** The one place precision is decided: references found with less confidence are reported as unresolved. */
  static final Confidence ACCEPTED = Confidence.MEDIUM;

  private static final List<InferenceRule> PIPELINE = List.of(
      new DropRule(), new ConfigRule(), new ConstraintRule(), new DeclaredRule(), new PolymorphicRule(), new IdArrayRule(),
      new CompositeKeyRule(), new KeyNameRule(true), new NameRule(), new SuffixRule(), new SourceRule(), new ParentRule(),
      new KeyNameRule(false), new SampleRule(), new RoleRule(), new BareNameRule(),
      new ArchiveRule(), new LeftoverRule(), new JoinTableRule());

  private ReferenceInference() {}

  public static RelationModel infer(Catalog catalog, Samples samples, ConfiguredRelationships configured) {
    Catalog sorted = catalog.withTables(catalog.tables().stream().sorted(Comparator.comparing(Table::name)).toList());
    InferenceContext context = new InferenceContext(sorted, samples, configured);
    for (InferenceRule rule : PIPELINE) {
      rule.apply(context);
    }
    return new RelationModel(
        sorted,
        sorted.tables().stream().map(t -> entity(context, t)).toList(),
        context.references.stream().sorted(REFERENCE_ORDER).toList(),
        context.polymorphics.stream().sorted(Comparator.comparing(Polymorphic::table).thenComparing(Polymorphic::idColumn)).toList(),
        context.idArrays.stream().sorted(Comparator.comparing(IdArray::table).thenComparing(IdArray::column)).toList(),
        context.manyToMany.stream().sorted(Comparator.comparing(ManyToMany::joinTable)).toList(),
        context.unresolved.stream().sorted(Comparator.comparing(Unresolved::table).thenComparing(Unresolved::column)).toList(),
        samples.outcome());
  }

  public static RelationModel infer(Catalog catalog) {
    return infer(catalog, Samples.none(), ConfiguredRelationships.NONE);
  }

  private static final Comparator<Reference> REFERENCE_ORDER = Comparator.comparing(Reference::from)
      .thenComparing(r -> String.join(",", r.columns()))
      .thenComparing(Reference::to);

  private static Entity entity(InferenceContext context, Table table) {
    List<String> key = table.primaryKey().map(pk -> pk.columns()).orElse(List.of());
    List<Attribute> attributes = table.columns().stream()
        .sorted(Comparator.comparingInt(Column::position))
        .map(c -> new Attribute(c, Name.of(Words.snake(c.name()), c.name()), AbstractTypes.of(c.type()), key.contains(c.name())))
        .toList();
    SourceObject source = context.vendors.of(table).filter(v -> v.object() != null)
        .map(v -> new SourceObject(v.vendor().system(), v.object())).orElse(null);
    return new Entity(table, context.names.singular(table), context.names.plural(table), attributes, key, source);
  }
}
