package dev.ferry.naming;

import dev.ferry.words.Words;

import dev.ferry.catalog.PgType;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.naming.Languages.Syntax;
import dev.ferry.relations.Entity;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Puts a named relationship model (see {@link RelationNamer}) into one language: casing, then the
 * safety net every language gets whatever its casing (jOOQ's GeneratorStrategyWrapper idea):
 *
 * <ol>
 *   <li>ASCII only: accents dropped ({@code café} → cafe), other letters spelled as code points
 *       ({@code 顧} → u9867), anything else separates words;
 *   <li>a leading digit gets an {@code n} in front ({@code 3d_secure} → n3d_secure, N3dSecure);
 *   <li>a reserved word gets {@code _} after it ({@code class} → class_, {@code end} → end_), the
 *       convention of PEP 8 and jOOQ, readable and still greppable; SQL quotes instead;
 *   <li>a name already taken in its scope gets {@code _2}, {@code _3}... in a fixed order: type names
 *       across the model, member names (attributes first, then associations) within an entity.
 * </ol>
 *
 * Every {@link Identifier} keeps its source (the table or column name, or the neutral words of an
 * association) and every reason it differs from that source's plain casing. Rules: docs/naming.md.
 */
public final class Naming {
  private static final Map<Integer, String> FOLDED =
      Map.of((int) 'ß', "ss", (int) 'æ', "ae", (int) 'ø', "o", (int) 'œ', "oe", (int) 'ł', "l", (int) 'đ', "d", (int) 'þ', "th", (int) 'ı', "i");

  /** Enum values: Prisma's identifier syntax, or any ASCII identifier (Ruby and Elixir atoms, TS, Java, Python). */
  private static final Map<Boolean, Pattern> ENUM_VALUE =
      Map.of(true, Pattern.compile("[A-Za-z][A-Za-z0-9_]*"), false, Pattern.compile("[A-Za-z_][A-Za-z0-9_]*"));


  private final RelationModel model;
  private final Language language;
  private final Syntax syntax;
  private final ReservedWords sections;
  /** Per scope (by identity), the last numbered suffix given to each name: see {@link #numbered}. */
  private final Map<Set<String>, Map<String, Integer>> suffixes = new java.util.IdentityHashMap<>();

  private Naming(RelationModel model, Language language) {
    this.model = model;
    this.language = language;
    this.syntax = Syntax.of(language);
    this.sections = syntax == Syntax.OTHER ? new ReservedWords(Set.of(), Set.of(), Set.of(), false) : Languages.reservedWords(language.id());
  }

  /** Names every entity, attribute and association of {@code model} in {@code language}. */
  public static NamedModel localize(RelationModel model, Language language) {
    return new Naming(model, language).run();
  }

  private NamedModel run() {
    List<Entity> entities = new ArrayList<>(model.entities());
    entities.sort(Comparator.comparing(Entity::name));
    // Prisma Client names a model's delegate by lower-casing its first letter (prisma.order), so
    // models Order and order would clash there: Prisma type names are compared that way.
    Set<String> typeNames = syntax == Syntax.PRISMA ? new KeyedSet(Naming::lowerFirst) : new HashSet<>();
    Set<String> collectionNames = new HashSet<>();
    Map<QualifiedName, Set<String>> members = new HashMap<>();
    Map<QualifiedName, Identifier[]> entityNames = new HashMap<>();
    Map<QualifiedName, List<NamedAttribute>> attributes = new HashMap<>();
    // Entities whose neutral names were not changed claim their type names first (order before Order).
    List<Entity> claimOrder = new ArrayList<>(entities);
    claimOrder.sort(Comparator.comparing((Entity e) -> !e.singular().reasons().isEmpty()).thenComparing(Entity::name));
    for (Entity entity : claimOrder) {
      Identifier type;
      Identifier collection;
      if (syntax == Syntax.SQL) {
        type = qualified(entity.name());
        collection = type;
      } else {
        String table = entity.name().name();
        type = identifier(true, language.typeCase(), entity.singular(), table, table, typeNames);
        collection = identifier(false, language.memberCase(), entity.plural(), null, table, collectionNames);
      }
      entityNames.put(entity.name(), new Identifier[] {type, collection});
      Set<String> taken = new HashSet<>();
      members.put(entity.name(), taken);
      List<NamedAttribute> named = new ArrayList<>();
      for (var attribute : entity.attributes()) {
        String column = attribute.column().name();
        Identifier id = syntax == Syntax.SQL
            ? quoted(column, column, List.of(), null)
            : identifier(false, language.memberCase(), attribute.name(), column, column, memberScope(entity, column, taken));
        taken.add(id.value());
        named.add(new NamedAttribute(attribute, id));
      }
      attributes.put(entity.name(), named);
    }

    List<NamedEnum> enums = enums(typeNames);

    List<AssociationSpec> specs = associationSpecs();
    Identifier[] names = new Identifier[specs.size()];
    for (AssociationSpec spec : specs) {
      Set<String> taken = members.get(spec.owner());
      Identifier id;
      if (syntax == Syntax.SQL) {
        id = quoted(spec.name().words(), spec.name().words(), spec.name().reasons(), taken);
      } else if (syntax == Syntax.DJANGO && spec.kind() == NamedAssociation.Kind.BELONGS_TO) {
        id = djangoForeignKey(spec, taken, attributes.get(spec.owner()));
      } else {
        id = identifier(false, language.memberCase(), spec.name(), null, spec.name().words(), taken);
      }
      taken.add(id.value());
      names[spec.index()] = id;
    }
    Identifier[] labels = labels(specs);

    Map<QualifiedName, List<NamedAssociation>> associations = new HashMap<>();
    for (AssociationSpec spec : specs) {
      associations.computeIfAbsent(spec.owner(), k -> new ArrayList<>())
          .add(new NamedAssociation(spec.kind(), names[spec.index()], spec.target(), spec.columns(), spec.targetColumns(),
              names[spec.inverse()], labels[spec.label()], spec.reference(), spec.through()));
    }
    Map<QualifiedName, List<NamedPolymorphic>> polymorphics = new HashMap<>();
    Map<QualifiedName, List<NamedPolymorphicBack>> polymorphicBacks = new HashMap<>();
    polymorphics(members, polymorphics, polymorphicBacks);
    List<NamedEntity> named = new ArrayList<>();
    for (Entity entity : entities) {
      List<NamedAssociation> own = new ArrayList<>(associations.getOrDefault(entity.name(), List.of()));
      own.sort(Comparator.comparing(a -> a.name().value()));
      Identifier[] ids = entityNames.get(entity.name());
      named.add(new NamedEntity(entity, ids[0], ids[1], attributes.get(entity.name()), own,
          polymorphics.getOrDefault(entity.name(), List.of()), polymorphicBacks.getOrDefault(entity.name(), List.of())));
    }
    return new NamedModel(model, language, named, enums);
  }

  /**
   * A Django ForeignKey also holds the raw value as {@code <name>_id} (its attname), and Django
   * refuses a model where that clashes with another field (models.E006): the name is chosen so
   * that {@code <name>_id} is free too, or is the attribute of the reference's own column (which
   * the ForeignKey replaces), and both are claimed.
   */
  private Identifier djangoForeignKey(AssociationSpec spec, Set<String> taken, List<NamedAttribute> attributes) {
    Set<String> ownColumns = new HashSet<>();
    attributes.stream().filter(a -> spec.columns().contains(a.column())).forEach(a -> ownColumns.add(a.name().value()));
    Set<String> scope = new java.util.AbstractSet<>() {
      @Override
      public boolean contains(Object name) {
        String attname = name + "_id";
        return taken.contains(name) || (taken.contains(attname) && !ownColumns.contains(attname));
      }

      @Override
      public boolean add(String name) {
        return taken.add(name);
      }

      @Override
      public java.util.Iterator<String> iterator() {
        return taken.iterator();
      }

      @Override
      public int size() {
        return taken.size();
      }
    };
    Identifier id = identifier(false, language.memberCase(), spec.name(), null, spec.name().words(), scope);
    taken.add(id.value() + "_id");
    return id;
  }

  // --- polymorphic pairs --------------------------------------------------------------------

  /**
   * Polymorphic pairs after the associations, as {@link RelationNamer} claims them: each pair's
   * name on its owner, then each target's back name ({@link Polymorphic.Target#back()}, type-column
   * pairs only) on the target, so every target renders the same decided, member-unique name; last
   * each type-column pair's association per target ({@link Polymorphic.Target#forward()}) on the owner.
   */
  private void polymorphics(Map<QualifiedName, Set<String>> members, Map<QualifiedName, List<NamedPolymorphic>> pairs,
      Map<QualifiedName, List<NamedPolymorphicBack>> backs) {
    List<Polymorphic> sorted = new ArrayList<>(model.polymorphics());
    sorted.sort(Comparator.comparing(Polymorphic::table).thenComparing(Polymorphic::idColumn));
    Map<Polymorphic, Identifier> names = new LinkedHashMap<>();
    for (Polymorphic p : sorted) {
      Set<String> taken = members.get(p.table());
      if (taken != null) {
        names.put(p, member(p.name(), taken));
      }
    }
    record Back(Identifier name, Polymorphic pair, Polymorphic.Target target) {}
    List<Back> backNames = new ArrayList<>();
    for (Polymorphic p : names.keySet()) {
      for (Polymorphic.Target target : p.targets()) {
        Set<String> taken = members.get(target.table());
        // an id-prefix pair's targets got plain associations instead (perTargetReferences)
        if (p.typeColumn() == null || target.back() == null || taken == null) {
          continue;
        }
        backNames.add(new Back(member(target.back(), taken), p, target));
      }
    }
    // last, so they change none of the names above
    Map<Polymorphic, NamedPolymorphic> named = new HashMap<>();
    for (Map.Entry<Polymorphic, Identifier> entry : names.entrySet()) {
      Polymorphic p = entry.getKey();
      List<NamedPolymorphic.Forward> forwards = new ArrayList<>();
      for (Polymorphic.Target target : p.targets()) {
        if (p.typeColumn() != null && target.forward() != null && members.containsKey(target.table())) {
          forwards.add(new NamedPolymorphic.Forward(member(target.forward(), members.get(p.table())), target));
        }
      }
      NamedPolymorphic pair = new NamedPolymorphic(entry.getValue(), p, forwards);
      named.put(p, pair);
      pairs.computeIfAbsent(p.table(), k -> new ArrayList<>()).add(pair);
    }
    for (Back back : backNames) {
      backs.computeIfAbsent(back.target().table(), k -> new ArrayList<>()).add(new NamedPolymorphicBack(back.name(), named.get(back.pair()), back.target()));
    }
  }

  /**
   * The names a new attribute identifier may not take: those already taken, and in Prisma the other
   * columns' database names too, since Prisma validates field names and {@code @map} names as one
   * namespace ("Field fooBar is already defined" for a field fooBar next to {@code @map("fooBar")}).
   */
  private Set<String> memberScope(Entity entity, String column, Set<String> taken) {
    if (syntax != Syntax.PRISMA) {
      return taken;
    }
    Set<String> scope = new HashSet<>(taken);
    entity.attributes().stream().map(a -> a.column().name()).filter(c -> !c.equals(column)).forEach(scope::add);
    return scope;
  }

  /** An association-like member name: claimed in {@code taken}. */
  private Identifier member(Name name, Set<String> taken) {
    Identifier id = syntax == Syntax.SQL
        ? quoted(name.words(), name.words(), name.reasons(), taken)
        : identifier(false, language.memberCase(), name, null, name.words(), taken);
    taken.add(id.value());
    return id;
  }

  // --- enums --------------------------------------------------------------------------------

  /**
   * Enum types share the type namespace with entities, which are named first: an enum whose name a
   * model already has gets the word "enum" ({@code status} next to table status → StatusEnum).
   * Labels stay as they are where the language accepts them, else become snake_case ASCII.
   */
  private List<NamedEnum> enums(Set<String> typeNames) {
    List<PgType> types = new ArrayList<>(model.catalog().enumTypes());
    types.sort(Comparator.comparing(PgType::schema).thenComparing(PgType::name));
    List<NamedEnum> named = new ArrayList<>();
    for (PgType type : types) {
      Identifier name;
      if (syntax == Syntax.SQL) {
        name = qualified(new QualifiedName(type.schema(), type.name()));
      } else {
        String words = Words.snake(type.name());
        Name neutral = Name.of(words.isEmpty() ? "enum" : words, type.name());
        String alone = identifier(true, language.typeCase(), neutral, type.name(), type.name(), new HashSet<>()).value();
        if (typeNames.contains(alone)) {
          neutral = neutral.because("a model is already named '" + alone + "'; the word enum added", neutral.words() + "_enum");
        }
        name = identifier(true, language.typeCase(), neutral, type.name(), type.name(), typeNames);
      }
      List<Identifier> values = new ArrayList<>();
      Set<String> taken = new HashSet<>();
      for (String label : type.enumLabels()) {
        List<String> reasons = new ArrayList<>();
        String value = label;
        if (syntax != Syntax.SQL && !ENUM_VALUE.get(syntax == Syntax.PRISMA).matcher(label).matches()) {
          value = cased(asciiWords(Words.snake(label), reasons), Casing.SNAKE);
          if (Character.isDigit(value.charAt(0))) {
            value = "n" + value;
            reasons.add("starts with a digit; written " + value);
          }
        }
        value = numbered(value, taken, reasons);
        taken.add(value);
        values.add(new Identifier(value, label, reasons));
      }
      named.add(new NamedEnum(type, name, values));
    }
    return named;
  }

  // --- associations -------------------------------------------------------------------------

  /**
   * One association to name, on {@code owner}. Claim order: belongs-to, then has-many/has-one, then
   * many-to-many; so when casing makes two names equal, the forward reference keeps it.
   */
  private record AssociationSpec(
      int index, int inverse, int label, QualifiedName owner, NamedAssociation.Kind kind, Name name,
      QualifiedName target, List<String> columns, List<String> targetColumns, Reference reference, ManyToMany through, Name labelName,
      List<QualifiedName> pair) {}

  /**
   * Every association to name, each at its index in the list: the belongs-to sides of the
   * references (inferred, then id-prefix pairs'), their back sides in the same order, then each
   * join table's two sides. A reference and its back share a label index, as a join table's sides do.
   */
  private List<AssociationSpec> associationSpecs() {
    List<Reference> references = new ArrayList<>(model.references());
    // by from, columns (joined with commas), to; the joined columns computed once, not per comparison
    Map<Reference, String> columnKeys = new java.util.IdentityHashMap<>();
    references.forEach(r -> columnKeys.put(r, String.join(",", r.columns())));
    references.sort(Comparator.comparing(Reference::from).thenComparing(columnKeys::get).thenComparing(Reference::to));
    references.addAll(perTargetReferences());
    int count = references.size();
    List<AssociationSpec> specs = new ArrayList<>(2 * count + 2 * model.manyToMany().size());
    for (int i = 0; i < count; i++) {
      Reference r = references.get(i);
      specs.add(new AssociationSpec(i, count + i, i, r.from(), NamedAssociation.Kind.BELONGS_TO, r.forward(),
          r.to(), r.columns(), r.targetColumns(), r, null, r.label(), pair(r.from(), r.to())));
    }
    for (int i = 0; i < count; i++) {
      Reference r = references.get(i);
      // an id-prefix pair's back side is always has-many (its reference is never one-to-one)
      specs.add(new AssociationSpec(count + i, i, i, r.to(), r.oneToOne() ? NamedAssociation.Kind.HAS_ONE : NamedAssociation.Kind.HAS_MANY,
          r.back(), r.from(), r.columns(), r.targetColumns(), r, null, r.label(), specs.get(i).pair()));
    }
    List<ManyToMany> joins = new ArrayList<>(model.manyToMany());
    joins.sort(Comparator.comparing(ManyToMany::joinTable));
    Map<QualifiedName, Name> singulars = new HashMap<>();
    model.entities().forEach(e -> singulars.putIfAbsent(e.name(), e.singular()));
    for (int i = 0; i < joins.size(); i++) {
      ManyToMany m = joins.get(i);
      Name label = singulars.getOrDefault(m.joinTable(), Name.of(Words.snake(m.joinTable().name()), m.joinTable().toString()));
      List<QualifiedName> pair = pair(m.left().to(), m.right().to());
      int left = specs.size();
      specs.add(new AssociationSpec(left, left + 1, count + i, m.left().to(), NamedAssociation.Kind.MANY_TO_MANY,
          m.leftName(), m.right().to(), m.left().columns(), m.left().targetColumns(), m.left(), m, label, pair));
      specs.add(new AssociationSpec(left + 1, left, count + i, m.right().to(), NamedAssociation.Kind.MANY_TO_MANY,
          m.rightName(), m.left().to(), m.right().columns(), m.right().targetColumns(), m.right(), m, label, pair));
    }
    return specs;
  }

  /**
   * The associations of id-prefix pairs, one per target ({@code task.who_contact} and its back
   * {@code contact.tasks}; see {@link RelationNamer}), as plain references over the id column: each
   * target renders them as it renders any reference. A target without a one-column key gets none.
   */
  private List<Reference> perTargetReferences() {
    Map<QualifiedName, Entity> byName = new HashMap<>();
    model.entities().forEach(e -> byName.put(e.name(), e));
    List<Polymorphic> pairs = new ArrayList<>(model.polymorphics());
    pairs.sort(Comparator.comparing(Polymorphic::table).thenComparing(Polymorphic::idColumn));
    List<Reference> references = new ArrayList<>();
    for (Polymorphic p : pairs) {
      Entity owner = byName.get(p.table());
      for (Polymorphic.Target target : p.targets()) {
        Entity to = byName.get(target.table());
        if (p.typeColumn() != null || target.forward() == null || owner == null || to == null || to.primaryKey().size() != 1) {
          continue;
        }
        Name label = Name.of(owner.singular().words() + "_" + target.forward().words(), p.table() + "." + p.idColumn());
        references.add(new Reference(p.table(), List.of(p.idColumn()), target.table(), to.primaryKey(), p.evidence(),
            p.detail() + "; ids with prefix " + target.selector(), false, target.forward(), target.back(), label));
      }
    }
    return references;
  }

  /** Labels: the neutral label in snake_case ASCII, unique within each pair of entities. */
  private Identifier[] labels(List<AssociationSpec> specs) {
    Identifier[] labels = new Identifier[specs.size()];
    Map<List<QualifiedName>, Set<String>> perPair = new HashMap<>();
    for (AssociationSpec spec : specs) {
      if (labels[spec.label()] != null) {
        continue;
      }
      Set<String> taken = perPair.computeIfAbsent(spec.pair(), k -> new HashSet<>());
      Name label = spec.labelName();
      List<String> reasons = new ArrayList<>(label.reasons());
      String value = String.join("_", asciiWords(label.words(), reasons));
      value = numbered(value, taken, reasons);
      taken.add(value);
      labels[spec.label()] = new Identifier(value, label.words(), reasons);
    }
    return labels;
  }

  private static List<QualifiedName> pair(QualifiedName a, QualifiedName b) {
    return a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a);
  }

  // --- identifiers --------------------------------------------------------------------------

  /**
   * The identifier of a neutral name in this language.
   *
   * @param databaseName what {@link Casing#KEEP} keeps when it is a valid identifier, or null
   *     (associations have no database name: KEEP writes their words in snake_case)
   */
  private Identifier identifier(boolean isType, Casing casing, Name name, String databaseName, String source, Set<String> taken) {
    List<String> reasons = new ArrayList<>();
    String value;
    if (casing == Casing.KEEP && databaseName != null && syntax.valid(databaseName, isType)) {
      value = databaseName; // the neutral name's reasons do not apply to a name kept as it is
    } else {
      reasons.addAll(name.reasons());
      if (casing == Casing.KEEP && databaseName != null) {
        reasons.add("'" + databaseName + "' is not a valid " + language.id() + " identifier; written in snake_case");
      }
      value = cased(asciiWords(name.words(), reasons), casing == Casing.KEEP ? Casing.SNAKE : casing);
      if (!value.isEmpty() && Character.isDigit(value.charAt(0))) {
        value = (casing == Casing.PASCAL ? "N" : "n") + value;
        reasons.add("starts with a digit; written " + value);
      }
      if (!syntax.valid(value, isType)) {
        // e.g. a KEEP type name in snake_case where the language wants a capital (Ruby, Elixir)
        value = cased(List.of(value.split("_")), isType ? Casing.PASCAL : Casing.SNAKE);
        reasons.add("not a valid " + language.id() + (isType ? " type" : " member") + " name; written " + value);
      }
    }
    while (reserved(value, isType)) {
      String escaped = value + reservedSuffix(isType);
      reasons.add("'" + value + "' is reserved in " + language.id() + "; written " + escaped);
      value = escaped;
    }
    value = numbered(value, taken, reasons);
    taken.add(value);
    return new Identifier(value, source, reasons);
  }

  /** PEP 8's trailing {@code _}; Django refuses a name ending with one (fields.E001, models.E023). */
  private String reservedSuffix(boolean isType) {
    if (syntax != Syntax.DJANGO) {
      return "_";
    }
    return isType ? "Model" : "_field";
  }

  private boolean reserved(String value, boolean isType) {
    String key = sections.caseInsensitive() ? value.toLowerCase(Locale.ROOT) : value;
    if (!language.reserved().contains(key)) {
      return false;
    }
    return isType ? !sections.membersOnly().contains(key) : !sections.typesOnly().contains(key);
  }

  private String numbered(String value, Set<String> taken, List<String> reasons) {
    if (!taken.contains(value)) {
      return value;
    }
    // scopes only grow, so the suffixes below the last one given for a name stay taken: start there
    // (a table with hundreds of same-named back references would otherwise rescan them every time)
    Map<String, Integer> hints = suffixes.computeIfAbsent(taken, k -> new HashMap<>());
    int n = hints.getOrDefault(value, 2);
    while (taken.contains(value + "_" + n) || reserved(value + "_" + n, false)) {
      n++;
    }
    hints.put(value, n);
    reasons.add("'" + value + "' is already taken in the same scope; written " + value + "_" + n);
    return value + "_" + n;
  }

  /** SQL: the name as it is, quoted unless it is a lower-case unreserved identifier (Postgres' quote_ident). */
  private Identifier quoted(String raw, String source, List<String> inherited, Set<String> taken) {
    List<String> reasons = new ArrayList<>(inherited);
    String name = raw;
    if (taken != null) {
      int n = 2;
      while (taken.contains(quoteIdent(name))) {
        name = raw + "_" + n++;
      }
      if (!name.equals(raw)) {
        reasons.add("'" + raw + "' is already taken in the same scope; written " + name);
      }
    }
    String value = quoteIdent(name);
    if (!value.equals(name)) {
      reasons.add(syntax.valid(name, false) ? "reserved in SQL; quoted" : "not a lower-case SQL identifier; quoted");
    }
    return new Identifier(value, source, reasons);
  }

  /** SQL names a table by its schema and name as they are: neutral renames do not apply. */
  private Identifier qualified(QualifiedName table) {
    Identifier schema = quoted(table.schema(), table.schema(), List.of(), null);
    Identifier name = quoted(table.name(), table.name(), List.of(), null);
    List<String> reasons = new ArrayList<>(schema.reasons());
    reasons.addAll(name.reasons());
    return new Identifier(schema.value() + "." + name.value(), table.toString(), reasons);
  }

  private String quoteIdent(String name) {
    return syntax.valid(name, false) && !reserved(name, false) ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** Neutral words as ASCII words: accents dropped, other letters as code points ({@code u9867}). */
  static List<String> asciiWords(String words, List<String> reasons) {
    if (simpleWords(words)) {
      return List.of(words.split("_"));
    }
    List<String> out = new ArrayList<>();
    boolean changed = false;
    for (String word : words.split("_")) {
      String folded = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
      StringBuilder run = new StringBuilder();
      for (int c : folded.codePoints().toArray()) {
        if (c < 128 && Character.isLetterOrDigit(c)) {
          run.appendCodePoint(c);
          continue;
        }
        changed = true;
        if (Character.getType(c) == Character.NON_SPACING_MARK) {
          continue;
        }
        if (FOLDED.containsKey(c)) {
          run.append(FOLDED.get(c));
        } else if (Character.isLetterOrDigit(c)) {
          flush(run, out);
          out.add(String.format("u%04x", c));
        } else {
          flush(run, out);
        }
      }
      flush(run, out);
    }
    if (out.isEmpty()) {
      out.add("unnamed");
      changed = true;
    }
    if (changed) {
      reasons.add("'" + words + "' has characters outside ASCII letters and digits; written " + String.join("_", out));
    }
    return out;
  }

  /** {@code [a-z0-9]+(_[a-z0-9]+)*}, checked by hand: every name of the model passes through here. */
  private static boolean simpleWords(String words) {
    if (words.isEmpty()) {
      return false;
    }
    for (int i = 0; i < words.length(); i++) {
      char c = words.charAt(i);
      if (c == '_') {
        if (i == 0 || i == words.length() - 1 || words.charAt(i + 1) == '_') {
          return false;
        }
      } else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  private static void flush(StringBuilder run, List<String> out) {
    if (run.length() > 0) {
      out.add(run.toString());
      run.setLength(0);
    }
  }

  static String cased(List<String> words, Casing casing) {
    StringBuilder out = new StringBuilder();
    for (String word : words) {
      if (word.isEmpty()) {
        continue;
      }
      boolean first = out.length() == 0;
      switch (casing) {
        case SNAKE, KEEP -> out.append(first ? "" : "_").append(word.toLowerCase(Locale.ROOT));
        case CAMEL -> out.append(first ? word.toLowerCase(Locale.ROOT) : capitalize(word));
        case PASCAL -> out.append(capitalize(word));
      }
    }
    return out.toString();
  }

  private static String lowerFirst(String value) {
    return value.isEmpty() ? value : Character.toLowerCase(value.charAt(0)) + value.substring(1);
  }

  /** A set of names that counts two names as the same when their keys are equal. */
  private static final class KeyedSet extends java.util.AbstractSet<String> {
    private final java.util.function.UnaryOperator<String> key;
    private final Map<String, String> byKey = new HashMap<>();

    KeyedSet(java.util.function.UnaryOperator<String> key) {
      this.key = key;
    }

    @Override
    public boolean add(String name) {
      return byKey.putIfAbsent(key.apply(name), name) == null;
    }

    @Override
    public boolean contains(Object name) {
      return name instanceof String s && byKey.containsKey(key.apply(s));
    }

    @Override
    public java.util.Iterator<String> iterator() {
      return byKey.values().iterator();
    }

    @Override
    public int size() {
      return byKey.size();
    }
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1).toLowerCase(Locale.ROOT);
  }
}
