package dev.ferry.naming;

import dev.ferry.words.Words;

import dev.ferry.words.Inflector;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.relations.AbstractType;
import dev.ferry.relations.Attribute;
import dev.ferry.relations.Entity;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.SourceObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides every language-neutral name of a relationship model, once (docs/naming.md):
 *
 * <ol>
 *   <li>entities: singular and plural of the table name without the table prefix, disambiguated when
 *       two tables would share a name;
 *   <li>attributes: the column's words;
 *   <li>forward names from the column stem ({@code default_payment_method_id} → default_payment_method);
 *   <li>back names from the referencing entity's plural, with the role when the column names one
 *       ({@code subscriptions_as_default_payment_method}), or the vendor's own name for the list an object
 *       nests ({@code invoice.payments}: {@link Entity#source()});
 *   <li>many-to-many, polymorphic (the pair's name, and each target's back name for a type-column
 *       pair: {@code comments}) and id-array names (the array's, and the target's back name, as for
 *       a reference: {@code invoices_as_default_tax_rates}), then labels unique per pair of entities.
 * </ol>
 *
 * Within an entity no association name equals a column's name or another association's name. Names
 * are claimed in a fixed order (attributes, forward, back, many-to-many, polymorphic, id array;
 * each sorted by table and columns), so the outcome is deterministic; every change is a reason in
 * {@link Name#reasons()}. {@link Name#configured() Configured} names were set by the user and are
 * kept as they are.
 */
public final class RelationNamer {

  private final RelationModel model;
  // filled in name order (EntityNamer sorts), so values() keeps the model's entity order
  private final Map<QualifiedName, Entity> entities = new LinkedHashMap<>();
  private final Map<QualifiedName, Scope> scopes = new HashMap<>();
  private final Map<QualifiedName, String> naturalSingulars = new HashMap<>();
  /** How many references each table has to each target: a role only tells apart references that share both. */
  private final Map<List<QualifiedName>, Integer> referencesBetween = new HashMap<>();

  private RelationNamer(RelationModel model) {
    this.model = model;
  }

  public static RelationModel name(RelationModel model) {
    return new RelationNamer(model).run();
  }

  private RelationModel run() {
    for (Entity entity : EntityNamer.name(model.entities(), model.catalog().tablePrefix())) {
      Entity named = withAttributeNames(entity);
      entities.put(named.name(), named);
      scopes.put(named.name(), new Scope(named));
    }
    claimConfiguredNames();
    model.references().forEach(r -> referencesBetween.merge(List.of(r.from(), r.to()), 1, Integer::sum));

    List<Reference> references = inNamingOrder(model.references());
    Map<Reference, Name> forwards = new LinkedHashMap<>();
    for (Reference reference : references) {
      forwards.put(reference, forwardName(reference));
    }
    List<Reference> named = new ArrayList<>();
    Map<List<QualifiedName>, Set<String>> labelsPerPair = new HashMap<>();
    for (Reference reference : references) {
      Name forward = forwards.get(reference);
      Name back = backName(reference, forward);
      Name label = label(reference, forward, labelsPerPair.computeIfAbsent(pair(reference), k -> new HashSet<>()));
      named.add(
          new Reference(
              reference.from(), reference.columns(), reference.to(), reference.targetColumns(), reference.evidence(),
              reference.detail(), reference.oneToOne(), reference.cardinality(), forward, back, label));
    }
    List<ManyToMany> manyToMany = model.manyToMany().stream().map(this::manyToManyNames).toList();
    // last: targets render these least, so they yield to the associations every target renders
    List<Polymorphic> polymorphics = model.polymorphics().stream().map(this::polymorphicName).toList();
    List<IdArray> idArrays = model.idArrays().stream().map(this::idArrayNames).toList();
    // after the id arrays, so these names (which few targets render) change none of the others
    polymorphics = polymorphics.stream().map(this::perTypeValueNames).toList();
    return new RelationModel(
        model.catalog(), List.copyOf(entities.values()), named, polymorphics, idArrays, manyToMany, model.unresolved(),
        model.sampling());
  }

  /** By referencing table, columns (joined by commas) and target; the column keys are joined once. */
  private static List<Reference> inNamingOrder(List<Reference> references) {
    record Keyed(Reference reference, String columns) {}
    Comparator<Keyed> order =
        Comparator.comparing((Keyed k) -> k.reference().from())
            .thenComparing(Keyed::columns)
            .thenComparing(k -> k.reference().to());
    return references.stream()
        .map(r -> new Keyed(r, String.join(",", r.columns())))
        .sorted(order)
        .map(Keyed::reference)
        .toList();
  }

  // --- attributes ---------------------------------------------------------------------------

  /**
   * Column words; when two columns spell the same words, the one spelled exactly so keeps them. A
   * name set in ferry.yaml is kept as it is and claimed first.
   */
  private static Entity withAttributeNames(Entity entity) {
    Map<String, Attribute> byColumn = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    List<Attribute> attributes = entity.attributes();
    for (int pass = 0; pass < 2; pass++) {
      for (Attribute attribute : attributes) {
        String column = attribute.column().name();
        if (byColumn.containsKey(column)) {
          continue;
        }
        Name name = configured(attribute.name()) ? attribute.name() : Name.of(Words.snake(column), column);
        if (name.words().isEmpty()) {
          name = name.because("column name has no letter or digit", "column_" + attribute.column().position());
        }
        boolean first = configured(name) || name.words().equals(column);
        if (pass == 0 && !first) {
          continue; // first pass: names set in ferry.yaml and exact spellings claim their words first
        }
        if (!configured(name)) {
          name = unique(name, taken); // a configured name is kept; ferry.yaml rejects one that collides
        }
        taken.add(name.words());
        byColumn.put(column, new Attribute(attribute.column(), name, attribute.type(), attribute.primaryKey()));
      }
    }
    List<Attribute> ordered = attributes.stream().map(a -> byColumn.get(a.column().name())).toList();
    return entity.with(entity.singular(), entity.plural(), ordered);
  }

  private static Name unique(Name name, Set<String> taken) {
    return unique(name, taken::contains);
  }

  private static Name unique(Name name, java.util.function.Predicate<String> taken) {
    if (!taken.test(name.words())) {
      return name;
    }
    String base = name.words();
    int n = 2;
    while (taken.test(base + "_" + n)) {
      n++;
    }
    return name.because("'" + base + "' is already taken in the same scope; numbered", base + "_" + n);
  }

  // --- forward ------------------------------------------------------------------------------

  private Name forwardName(Reference reference) {
    if (configured(reference.forward())) {
      return reference.forward();
    }
    String source = String.join(",", reference.columns());
    String stem = stem(reference);
    Name name = stem.equals(stem(reference.columns())) ? Name.of(stem, source)
        : Name.of(stem(reference.columns()), source).because("run-together column: a role beside the key name " + reference.targetColumns().get(0), stem);
    if (stem.isEmpty()) {
      name = name.because("the columns name no role; named after the target", naturalSingular(reference.to()));
    } else if (scope(reference.from()).attributes.contains(stem)) {
      name = insteadOfColumn(reference, name);
    }
    return scope(reference.from()).claim(name, false, null);
  }

  /**
   * A column without {@code _id} is already the entity's attribute, so its association needs other
   * words: the role's noun ({@code created_by} → creator, {@code assigned_to} → assignee), else, for
   * a one-word column that is the table's only reference to another table, the target's name
   * ({@code whodunnit} → user). Other columns keep the column words and get {@code _record} when
   * claimed ({@code on_behalf_of} → on_behalf_of_record, {@code owner} → owner_record): a role
   * phrase or noun the target's name would lose.
   */
  private Name insteadOfColumn(Reference reference, Name name) {
    Scope scope = scope(reference.from());
    String column = name.words();
    var noun = RoleNouns.noun(column).filter(n -> !scope.taken(n));
    if (noun.isPresent()) {
      return name.because("'" + column + "' is a column; the association is named by its role's noun", noun.get());
    }
    String target = naturalSingular(reference.to());
    boolean oneWord = !column.contains("_") && !column.endsWith("er") && !column.endsWith("or");
    if (oneWord && !reference.from().equals(reference.to()) && referencesBetween(reference) == 1 && !scope.taken(target)) {
      return name.because("'" + column + "' is a column and names no role; the association is named after its target", target);
    }
    return name;
  }

  private int referencesBetween(Reference reference) {
    return referencesBetween.getOrDefault(List.of(reference.from(), reference.to()), 0);
  }

  /**
   * As {@link #stem(List)}, with run-together names split where the target's key name stands:
   * {@code billtoaddressid} on addressid → billto_address, {@code fromcurrencycode} on currencycode →
   * from_currency, {@code productassemblyid} on productid → product_assembly (else the column stays
   * one word, which is its own attribute's name).
   */
  static String stem(Reference reference) {
    String plain = stem(reference.columns());
    if (reference.targetColumns().size() != 1 || plain.contains("_")) {
      return plain;
    }
    String key = Words.snake(reference.targetColumns().get(0));
    for (String suffix : List.of("id", "code")) {
      if (key.contains("_") || !key.endsWith(suffix) || key.length() <= suffix.length() || !plain.endsWith(suffix) || plain.equals(key)) {
        continue;
      }
      String keyStem = key.substring(0, key.length() - suffix.length());
      String body = plain.substring(0, plain.length() - suffix.length());
      if (body.length() > keyStem.length() && body.endsWith(keyStem)) {
        return body.substring(0, body.length() - keyStem.length()) + "_" + keyStem;
      }
      if (body.length() > keyStem.length() && body.startsWith(keyStem)) {
        return keyStem + "_" + body.substring(keyStem.length());
      }
    }
    return plain;
  }

  /** {@code customer_id} → customer, {@code customerId} → customer; a bare or composite key gives "". */
  static String stem(List<String> columns) {
    if (columns.size() != 1) {
      return "";
    }
    String words = Words.snake(columns.get(0));
    if (words.endsWith("_id") && words.length() > 3) {
      return words.substring(0, words.length() - 3);
    }
    return words.equals("id") ? "" : words;
  }

  // --- back ---------------------------------------------------------------------------------

  /**
   * The referencing entity's plural (singular for one-to-one), without the namespace it shares with
   * the target ({@code kubernetes_release_docs} on kubernetes_release → release_docs), plus the role
   * when the table points at the target more than once and this column names a role
   * ({@code opportunities.assigned_to} next to {@code opportunities.user_id} → assigned_opportunities,
   * {@code subscriptions_as_latest_invoice}). A table's only reference to a target gets no role:
   * developers name that collection plainly ({@code project.builds} for {@code builds.created_by}).
   * A self reference always keeps its role, or says children for a parent and direct_reports for
   * {@code reports_to}.
   */
  private Name backName(Reference reference, Name forward) {
    if (configured(reference.back())) {
      return reference.back();
    }
    Entity from = entity(reference.from());
    String source = reference.from() + "." + String.join(",", reference.columns());
    String base = reference.oneToOne() ? from.singular().words() : from.plural().words();
    String stem = stem(reference);
    String role = configured(forward) || stem.isEmpty() ? forward.words() : stem;
    Name name = withoutSharedNamespace(reference.cardinality().isEmpty() ? Name.of(base, source)
        : new Name(base, source, List.of((reference.oneToOne() ? "one row: " : "many rows: ") + reference.cardinality())), reference);
    List<String> roleWords = List.of(role.split("_"));
    boolean self = reference.from().equals(reference.to());
    if (self && roleWords.contains("parent")) {
      // parent → children, parent_folder → child_folders
      String child = String.join("_", roleWords.stream().map(w -> w.equals("parent") ? "child" : w).toList());
      name = name.because("self reference through " + role, reference.oneToOne() ? child : Inflector.plural(child));
    } else if (self && !reference.oneToOne() && RoleNouns.selfCollection(role).isPresent()) {
      name = name.because("self reference through " + role, RoleNouns.selfCollection(role).get());
    } else if (!isPlainRole(role, reference.to()) && (self || referencesBetween(reference) > 1)) {
      name = withRole(name, role);
    }
    name = withVendorListName(reference, name, role);
    return scope(reference.to()).claim(name, !reference.oneToOne(), "_as_" + role);
  }

  /**
   * The vendor's own name for the collection, when the target holds a vendor object that nests a list of
   * the referencing table's objects and the column is the one pointing back at it: Stripe's
   * {@code invoice.payments}, {@code invoice.lines}, {@code subscription.items} instead of invoice_payments,
   * invoice_line_items, subscription_items. When the target already has a member of that name (a sync that
   * stores the nested list as a {@code lines} jsonb column), no target could declare both: the name above is
   * kept, with the reason.
   */
  private Name withVendorListName(Reference reference, Name name, String role) {
    SourceObject parent = entity(reference.to()).source();
    SourceObject child = entity(reference.from()).source();
    if (parent == null || child == null || !parent.system().equals(child.system()) || reference.oneToOne()
        || reference.from().equals(reference.to()) || !role.equals(Words.snake(parent.object().name()))) {
      return name;
    }
    var list = parent.object().listOf(child.object().name());
    if (list.isEmpty()) {
      return name;
    }
    String words = Words.snake(list.get().field());
    if (words.equals(name.words())) {
      return name; // customer.subscriptions, charge.refunds: the rule above already says it
    }
    String listed = "source:" + parent.system() + ": " + parent.object().name() + "." + list.get().field() + " lists the "
        + child.object().name() + " objects";
    Scope scope = scope(reference.to());
    if (scope.taken(words)) {
      String member = scope.attributes.contains(words) ? "a column" : "another association";
      return name.because(listed + ", but '" + words + "' is " + member + " of " + reference.to() + "; not used", name.words());
    }
    return name.because(listed + "; named as " + parent.system() + " names it", words);
  }

  /**
   * {@code kubernetes_release_docs} → release_docs on {@code kubernetes_release}: the first word
   * both tables start with is dropped when it is a namespace ({@link #isNamespace}) and the rest is
   * not already a member.
   */
  private Name withoutSharedNamespace(Name name, Reference reference) {
    List<String> fromWords = List.of(naturalSingular(reference.from()).split("_"));
    List<String> toWords = List.of(naturalSingular(reference.to()).split("_"));
    String namespace = fromWords.get(0);
    if (fromWords.size() < 2 || toWords.size() < 2 || !toWords.get(0).equals(namespace) || !name.words().startsWith(namespace + "_")
        || !isNamespace(reference.from().schema(), namespace)) {
      return name;
    }
    String local = name.words().substring(namespace.length() + 1);
    if (scope(reference.to()).taken(local)) {
      return name;
    }
    return name.because("namespace '" + namespace + "' is shared with " + reference.to() + "; dropped", local);
  }

  /**
   * A namespace is a first word that no table is named ({@code order} is the owner of order_items)
   * and that starts the names of tables about at least two different things ({@code kubernetes_roles},
   * {@code kubernetes_releases}; not {@code outbound_webhooks} and {@code outbound_webhook_stages},
   * which nest under one owner).
   */
  private boolean isNamespace(String schema, String word) {
    Set<String> seconds = new HashSet<>();
    for (QualifiedName table : entities.keySet()) {
      if (!table.schema().equals(schema)) {
        continue;
      }
      List<String> words = List.of(naturalSingular(table).split("_"));
      if (String.join("_", words).equals(Inflector.singular(word))) {
        return false;
      }
      if (words.size() > 1 && words.get(0).equals(word)) {
        seconds.add(Inflector.singular(words.get(1)));
      }
    }
    return seconds.size() > 1;
  }

  /**
   * {@code subscriptions} → subscriptions_as_default_payment_method, with the reason; a participle
   * role qualifies the collection instead ({@code assigned_to} → assigned_opportunities).
   */
  private static Name withRole(Name name, String role) {
    var participle = RoleNouns.participle(role);
    if (participle.isPresent()) {
      return name.because("the column names the role '" + role + "', not the target; role added", participle.get() + "_" + name.words());
    }
    return name.because("the column names the role '" + role + "', not the target; role added", name.words() + "_as_" + role);
  }

  /** True when a role names the target itself ({@code customer} for table customer). */
  private boolean isPlainRole(String role, QualifiedName target) {
    return role.equals(naturalSingular(target)) || role.equals(entity(target).singular().words());
  }

  // --- labels -------------------------------------------------------------------------------

  /** {@code subscription_default_payment_method}: the referencing entity and the forward name. */
  private Name label(Reference reference, Name forward, Set<String> labelsInPair) {
    if (configured(reference.label())) {
      labelsInPair.add(reference.label().words());
      return reference.label();
    }
    String source = reference.from() + "." + String.join(",", reference.columns());
    Name label = unique(Name.of(entity(reference.from()).singular().words() + "_" + forward.words(), source), labelsInPair);
    labelsInPair.add(label.words());
    return label;
  }

  // --- many-to-many, polymorphic, id arrays -------------------------------------------------

  private ManyToMany manyToManyNames(ManyToMany join) {
    String via = "_via_" + (entities.containsKey(join.joinTable()) ? entity(join.joinTable()).singular().words() : Words.snake(join.joinTable().name()));
    Name left = configured(join.leftName()) ? join.leftName() : collectionOf(join.right(), join.joinTable());
    Name right = configured(join.rightName()) ? join.rightName() : collectionOf(join.left(), join.joinTable());
    if (!configured(join.leftName())) {
      left = scope(join.left().to()).claim(left, true, via);
    }
    if (!configured(join.rightName())) {
      right = scope(join.right().to()).claim(right, true, via);
    }
    return new ManyToMany(join.joinTable(), join.left(), join.right(), left, right);
  }

  /** The collection of {@code side.to()} reached through a join table, named by the join column's role. */
  private Name collectionOf(Reference side, QualifiedName joinTable) {
    String stem = stem(side.columns());
    String source = joinTable + "." + String.join(",", side.columns());
    if (stem.isEmpty() || isPlainRole(stem, side.to())) {
      return Name.of(entity(side.to()).plural().words(), source);
    }
    return Name.of(Inflector.plural(stem), source);
  }

  private Polymorphic polymorphicName(Polymorphic polymorphic) {
    Name name = configured(polymorphic.name())
        ? polymorphic.name()
        : scope(polymorphic.table()).claim(Name.of(stem(List.of(polymorphic.idColumn())), polymorphic.idColumn()), false, null);
    List<Polymorphic.Target> targets = polymorphic.typeColumn() == null
        ? perTargetNames(polymorphic, name)
        : polymorphic.targets().stream().map(t -> new Polymorphic.Target(t.selector(), t.table(), polymorphicBackName(polymorphic, name, t))).toList();
    return new Polymorphic(
        polymorphic.table(), polymorphic.typeColumn(), polymorphic.idColumn(), name, targets, polymorphic.evidence(), polymorphic.detail(),
        polymorphic.unmatched());
  }

  /**
   * The target's side of a pair, Rails' {@code has_many :comments, as: :commentable}: the
   * referencing entity's plural, with the pair's name as role when another member has it
   * ({@code comments_as_commentable}, {@code tasks_as_what}).
   */
  private Name polymorphicBackName(Polymorphic polymorphic, Name name, Polymorphic.Target target) {
    String columns = polymorphic.typeColumn() == null ? polymorphic.idColumn() : polymorphic.typeColumn() + "," + polymorphic.idColumn();
    String source = polymorphic.table() + "." + columns + "=" + target.selector();
    return scope(target.table()).claim(Name.of(entity(polymorphic.table()).plural().words(), source), true, "_as_" + name.words());
  }

  /**
   * An id-prefix pair (Salesforce {@code Task.WhoId}: Contact or Lead) has no type column, so no ORM
   * can declare it polymorphic (Rails needs {@code who_type}): every target gets an association of
   * its own, named for it ({@code who_contact}, {@code who_lead}), and a back name on the target.
   * Ids of different tables never share a prefix, so each one joins only its own table's rows. A
   * table listed under several prefixes gets one association.
   */
  private List<Polymorphic.Target> perTargetNames(Polymorphic polymorphic, Name name) {
    Set<QualifiedName> seen = new HashSet<>();
    List<Polymorphic.Target> targets = new ArrayList<>();
    for (Polymorphic.Target target : polymorphic.targets()) {
      if (!seen.add(target.table()) || !entities.containsKey(target.table())) {
        targets.add(target);
        continue;
      }
      String words = name.words() + "_" + naturalSingular(target.table());
      Name forward = scope(polymorphic.table()).claim(
          new Name(words, polymorphic.idColumn(), List.of(
              "'" + polymorphic.idColumn() + "' holds ids of several tables told apart by id prefix, with no type column to declare it"
                  + " polymorphic; one association per target, named for it")),
          false, null);
      targets.add(new Polymorphic.Target(target.selector(), target.table(), polymorphicBackName(polymorphic, name, target), forward));
    }
    return targets;
  }

  /**
   * A type-column pair's association to each target alone ({@code commentable_post} for
   * commentable_type = 'Post'), for ORMs that join a polymorphic pair one target at a time
   * (SQLAlchemy's generic associations): given where the target has a one-column key of the id
   * column's kind, so the join needs no cast.
   */
  private Polymorphic perTypeValueNames(Polymorphic polymorphic) {
    if (polymorphic.typeColumn() == null) {
      return polymorphic;
    }
    List<Polymorphic.Target> targets = new ArrayList<>();
    for (Polymorphic.Target target : polymorphic.targets()) {
      if (!joinable(polymorphic, target.table())) {
        targets.add(target);
        continue;
      }
      Name forward = scope(polymorphic.table()).claim(
          new Name(polymorphic.name().words() + "_" + naturalSingular(target.table()), polymorphic.idColumn(), List.of(
              "'" + polymorphic.typeColumn() + "' = '" + target.selector() + "' selects this target; one association per type value, named for it")),
          false, null);
      targets.add(new Polymorphic.Target(target.selector(), target.table(), target.back(), forward));
    }
    return new Polymorphic(polymorphic.table(), polymorphic.typeColumn(), polymorphic.idColumn(), polymorphic.name(), targets,
        polymorphic.evidence(), polymorphic.detail(), polymorphic.unmatched());
  }

  /** The target is an entity whose one-column key holds the same kind of value as the pair's id column. */
  private boolean joinable(Polymorphic polymorphic, QualifiedName table) {
    if (!entities.containsKey(table) || !entities.containsKey(polymorphic.table()) || entity(table).primaryKey().size() != 1) {
      return false;
    }
    return kind(polymorphic.table(), polymorphic.idColumn()) == kind(table, entity(table).primaryKey().get(0))
        && kind(table, entity(table).primaryKey().get(0)) != null;
  }

  private AbstractType.Kind kind(QualifiedName table, String column) {
    return entity(table).attributes().stream().filter(a -> a.column().name().equals(column)).map(a -> a.type().kind()).findFirst().orElse(null);
  }

  private IdArray idArrayNames(IdArray idArray) {
    String words = Words.snake(idArray.column());
    boolean idsColumn = words.endsWith("_ids") && words.length() > 4;
    // discount_ids → discounts; discounts, default_tax_rates: the column already names the collection
    String collection = idsColumn ? Inflector.plural(words.substring(0, words.length() - 4)) : words;
    Name name;
    if (configured(idArray.name())) {
      name = idArray.name();
    } else if (idsColumn) {
      // a name of its own, claimed like any association
      name = scope(idArray.table()).claim(Name.of(collection, idArray.column()), true, null);
    } else {
      // every target renders the id array as its column, so it keeps the column's attribute name instead
      // of inventing a second member (discount_records) that would compete with the back names for the same words
      name = attributeName(idArray.table(), idArray.column());
    }
    Name back = configured(idArray.back())
        ? idArray.back()
        : idArrayBackName(idArray, configured(idArray.name()) ? name.words() : collection);
    return new IdArray(idArray.table(), idArray.column(), idArray.target(), idArray.evidence(), idArray.detail(), name, back);
  }

  /**
   * The target's side of an id array, as for a reference: the referencing entity's plural, plus the
   * array's collection name as role unless that is the target's own plural
   * ({@code invoice.default_tax_rates} → tax_rate.invoices_as_default_tax_rates,
   * {@code subscription.discount_ids} → discount.subscriptions).
   */
  private Name idArrayBackName(IdArray idArray, String role) {
    Name name = Name.of(entity(idArray.table()).plural().words(), idArray.table() + "." + idArray.column());
    if (!isPlainRole(Inflector.singular(role), idArray.target())) {
      name = withRole(name, role);
    }
    return scope(idArray.target()).claim(name, true, "_as_" + role);
  }

  private Name attributeName(QualifiedName table, String column) {
    return entity(table).attributes().stream()
        .filter(a -> a.column().name().equals(column))
        .map(Attribute::name)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("id array names column " + column + ", which is not an attribute of " + table));
  }

  // --- helpers ------------------------------------------------------------------------------

  private void claimConfiguredNames() {
    for (Reference reference : model.references()) {
      if (configured(reference.forward())) {
        scope(reference.from()).associations.add(reference.forward().words());
      }
      if (configured(reference.back())) {
        scope(reference.to()).associations.add(reference.back().words());
      }
    }
    for (ManyToMany join : model.manyToMany()) {
      if (configured(join.leftName())) {
        scope(join.left().to()).associations.add(join.leftName().words());
      }
      if (configured(join.rightName())) {
        scope(join.right().to()).associations.add(join.rightName().words());
      }
    }
    model.polymorphics().stream().filter(p -> configured(p.name())).forEach(p -> scope(p.table()).associations.add(p.name().words()));
    for (IdArray idArray : model.idArrays()) {
      if (configured(idArray.name())) {
        scope(idArray.table()).associations.add(idArray.name().words());
      }
      if (configured(idArray.back())) {
        scope(idArray.target()).associations.add(idArray.back().words());
      }
    }
  }

  /** The two entities a reference joins, in either direction. */
  private static List<QualifiedName> pair(Reference reference) {
    return reference.from().compareTo(reference.to()) <= 0
        ? List.of(reference.from(), reference.to())
        : List.of(reference.to(), reference.from());
  }

  static boolean configured(Name name) {
    return name != null && name.configured();
  }

  private Entity entity(QualifiedName name) {
    Entity entity = entities.get(name);
    if (entity == null) {
      throw new IllegalArgumentException("relationship names table " + name + ", which is not an entity of the model");
    }
    return entity;
  }

  private Scope scope(QualifiedName name) {
    entity(name);
    return scopes.get(name);
  }

  /** The target's name as its table spells it, before any disambiguation ({@code customer}). */
  private String naturalSingular(QualifiedName target) {
    return naturalSingulars.computeIfAbsent(
        target, t -> Inflector.singular(EntityNamer.baseWords(t.name(), model.catalog().tablePrefix())));
  }

  /** The member names taken in one entity: its attributes, then its associations as they are claimed. */
  private static final class Scope {
    private final QualifiedName entity;
    private final Set<String> attributes;
    private final Set<String> associations = new HashSet<>();

    Scope(Entity entity) {
      this.entity = entity.name();
      this.attributes = entity.attributes().stream().map(a -> a.name().words()).collect(Collectors.toSet());
    }

    /**
     * Takes {@code name} in this entity, changing it when it is taken: a column of the same name
     * gives {@code _record(s)} ({@code customer} → customer_record), another association gives the
     * role suffix when there is one, and a number as the last resort.
     */
    Name claim(Name name, boolean plural, String roleSuffix) {
      Name result = name;
      if (attributes.contains(result.words())) {
        String renamed = withRecordSuffix(result.words(), plural);
        result = result.because("'" + result.words() + "' is a column of " + entity + "; association named " + renamed, renamed);
      }
      if (associations.contains(result.words()) && roleSuffix != null && !result.words().endsWith(roleSuffix)) {
        String renamed = result.words() + roleSuffix;
        result = result.because("another association of " + entity + " is named '" + result.words() + "'; role added", renamed);
      }
      result = unique(result, this::taken);
      associations.add(result.words());
      return result;
    }

    private boolean taken(String words) {
      return attributes.contains(words) || associations.contains(words);
    }

    private static String withRecordSuffix(String words, boolean plural) {
      String singular = plural ? Inflector.singular(words) : words;
      return plural ? singular + "_records" : singular + "_record";
    }
  }

  /** Entity singular and plural names, with the collision rules of docs/naming.md. */
  static final class EntityNamer {
    private EntityNamer() {}

    static String baseWords(String table, String tablePrefix) {
      String words = Words.snake(stripPrefix(table, tablePrefix));
      return words.isEmpty() ? "table" : words;
    }

    private static String stripPrefix(String table, String tablePrefix) {
      return !tablePrefix.isEmpty() && table.startsWith(tablePrefix) && table.length() > tablePrefix.length()
          ? table.substring(tablePrefix.length())
          : table;
    }

    static List<Entity> name(List<Entity> input, String tablePrefix) {
      List<Entity> sorted = new ArrayList<>(input);
      sorted.sort(Comparator.comparing(Entity::name));
      Map<QualifiedName, Name[]> names = new LinkedHashMap<>();
      for (Entity entity : sorted) {
        String source = entity.name().toString();
        if (configured(entity.singular()) && configured(entity.plural())) {
          names.put(entity.name(), new Name[] {entity.singular(), entity.plural()});
          continue;
        }
        String base = baseWords(entity.name().name(), tablePrefix);
        String singular = Inflector.singular(base);
        Name single = Name.of(singular, source);
        Name plural = Name.of(Inflector.plural(singular), source);
        if (!base.equals(Words.snake(entity.name().name()))) {
          single = single.because("table prefix '" + tablePrefix + "' removed", singular);
        }
        names.put(entity.name(), new Name[] {single, plural});
      }
      keepOwnWordsWithinSchema(names, tablePrefix);
      qualifyAcrossSchemas(names);
      numberRemaining(names, 0);
      numberRemaining(names, 1);
      return sorted.stream()
          .map(e -> e.with(names.get(e.name())[0], names.get(e.name())[1], e.attributes()))
          .toList();
    }

    /**
     * {@code customer} and {@code customers} in one schema: the table spelled exactly as the singular
     * keeps it (else the one whose words are the singular, e.g. {@code Order}; else the one already in
     * snake_case; else the first by name) and the others keep their own words ({@code customers}).
     */
    private static void keepOwnWordsWithinSchema(Map<QualifiedName, Name[]> names, String tablePrefix) {
      for (List<QualifiedName> group : groups(names, q -> q.schema() + "." + names.get(q)[0].words())) {
        String singular = names.get(group.get(0))[0].words();
        QualifiedName keeper = group.stream()
            .filter(q -> stripPrefix(q.name(), tablePrefix).equals(singular)).findFirst()
            .or(() -> group.stream().filter(q -> baseWords(q.name(), tablePrefix).equals(singular)).findFirst())
            .or(() -> group.stream().filter(q -> stripPrefix(q.name(), tablePrefix).equals(baseWords(q.name(), tablePrefix))).findFirst())
            .orElse(group.get(0));
        for (QualifiedName table : group) {
          Name[] current = names.get(table);
          String base = baseWords(table.name(), tablePrefix);
          if (table.equals(keeper) || configured(current[0]) || base.equals(singular)) {
            continue; // same words as the keeper (Customer next to customer): numbered later
          }
          String reason = "tables " + group.stream().map(QualifiedName::toString).collect(Collectors.joining(" and "))
              + " share the singular '" + singular + "'; " + keeper + " keeps it, " + table + " keeps its own words";
          String plural = Inflector.isPlural(base) ? base : Inflector.plural(base);
          names.put(table, new Name[] {current[0].because(reason, base), current[1].because(reason, plural)});
        }
      }
    }

    /** {@code stripe.customer} and {@code hubspot.customer}: both get their schema's words in front. */
    private static void qualifyAcrossSchemas(Map<QualifiedName, Name[]> names) {
      for (List<QualifiedName> group : groups(names, q -> names.get(q)[0].words())) {
        if (group.stream().map(QualifiedName::schema).distinct().count() < 2) {
          continue;
        }
        for (QualifiedName table : group) {
          Name[] current = names.get(table);
          if (configured(current[0])) {
            continue;
          }
          String schema = Words.snake(table.schema());
          String reason = "'" + current[0].words() + "' is a table name in several schemas ("
              + group.stream().map(QualifiedName::toString).collect(Collectors.joining(", ")) + "); schema added";
          names.put(table, new Name[] {
            current[0].because(reason, schema + "_" + current[0].words()),
            current[1].because(reason, schema + "_" + current[1].words())
          });
        }
      }
    }

    /**
     * Last resort ({@code Customer} and {@code customer} in one schema): numbers in a fixed order. For
     * singulars the table spelled exactly as the words keeps them, and a numbered singular numbers its
     * plural too ({@code order_2} / {@code orders_2}); for plurals the entity whose singular was not
     * changed keeps it ({@code person} keeps people next to a table named people).
     */
    private static void numberRemaining(Map<QualifiedName, Name[]> names, int which) {
      for (List<QualifiedName> unordered : groups(names, q -> names.get(q)[which].words())) {
        List<QualifiedName> group = new ArrayList<>(unordered);
        Comparator<QualifiedName> keeperFirst = which == 0
            ? Comparator.comparing((QualifiedName q) -> !q.name().equals(names.get(q)[0].words()))
            : Comparator.comparing((QualifiedName q) -> !names.get(q)[0].reasons().isEmpty());
        group.sort(keeperFirst.thenComparing(q -> q));
        for (int i = 1; i < group.size(); i++) {
          QualifiedName table = group.get(i);
          Name[] current = names.get(table).clone();
          String reason = "'" + current[which].words() + "' is also the " + (which == 0 ? "singular" : "plural") + " of " + group.get(0) + "; numbered";
          for (int k = which; k < 2; k++) {
            current[k] = current[k].because(reason, current[k].words() + "_" + (i + 1));
          }
          names.put(table, current);
        }
      }
    }

    private static List<List<QualifiedName>> groups(Map<QualifiedName, Name[]> names, Function<QualifiedName, String> key) {
      Map<String, List<QualifiedName>> byKey = new TreeMap<>();
      for (QualifiedName table : names.keySet()) {
        byKey.computeIfAbsent(key.apply(table), k -> new ArrayList<>()).add(table);
      }
      return byKey.values().stream().filter(g -> g.size() > 1).toList();
    }
  }
}
