package dev.ferry.codegen.prisma;

import static dev.ferry.codegen.prisma.PrismaSyntax.list;
import static dev.ferry.codegen.prisma.PrismaSyntax.string;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.Index;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.codegen.Templates;
import dev.ferry.naming.Identifier;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedAttribute;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.Languages;
import dev.ferry.naming.NamedEnum;
import dev.ferry.naming.Unrepresentable;
import dev.ferry.naming.NamedModel;
import dev.ferry.relations.AbstractType;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders a {@link NamedModel} as Prisma schema files, one per database schema. Names come decided
 * from {@code dev.ferry.naming}; this class only spells them in Prisma: {@code @@map}/{@code @map}
 * where a name differs from the database's, {@code @relation("label")} only where two relations
 * join the same pair of models (or a model to itself), the database's keys and indexes as
 * {@code @id}/{@code @unique}/{@code @@index} (plus {@code @@id} over a keyless join table's NOT NULL
 * reference columns), and {@code @@ignore} on tables Prisma cannot address (no primary key and no
 * unique criterion over required columns). One instance per model; it
 * caches per-entity work and is not thread-safe.
 */
public final class PrismaRenderer {
  private static final Pattern TEXT_LITERAL = Pattern.compile("'((?:[^']|'')*)'::(?:text|character varying)");
  private static final Pattern ENUM_LITERAL = Pattern.compile("'((?:[^']|'')*)'::.+");

  private final NamedModel model;
  private final String modelPrefix;
  private final Map<QualifiedName, NamedEntity> entities = new LinkedHashMap<>();
  private final Map<QualifiedName, String> typeNames = new HashMap<>();
  private final Set<QualifiedName> ignored = new TreeSet<>();
  private final Map<Set<QualifiedName>, Integer> referencesPerPair = new HashMap<>();
  private final Map<String, String> enumNames = new HashMap<>();
  private final Map<QualifiedName, List<Index>> indexes = new HashMap<>();
  private final Map<QualifiedName, List<RelationLine>> relationLines = new HashMap<>();
  private final Map<QualifiedName, Map<String, NamedAttribute>> attributesByColumn = new HashMap<>();
  /** Each join table's reference columns, left then right. */
  private final Map<QualifiedName, List<String>> joinTableColumns = new HashMap<>();

  // A list, not a map keyed by association: a record's hashCode walks the whole reference graph.
  private record RelationLine(NamedAssociation association, String[] field) {}

  public PrismaRenderer(NamedModel model, String modelPrefix) {
    this.model = model;
    this.modelPrefix = modelPrefix == null ? "" : modelPrefix;
    for (NamedEnum namedEnum : model.enums()) {
      // Prisma requires a value in every enum: the columns of an empty one are Unsupported
      if (!namedEnum.values().isEmpty()) {
        enumNames.put(namedEnum.type().schema() + "." + namedEnum.type().name(), namedEnum.name().value());
      }
    }
    for (ManyToMany join : model.model().manyToMany()) {
      List<String> columns = new ArrayList<>(join.left().columns());
      columns.addAll(join.right().columns());
      joinTableColumns.put(join.joinTable(), columns);
    }
    for (NamedEntity entity : model.entities()) {
      entities.put(entity.entity().name(), entity);
      typeNames.put(entity.entity().name(), this.modelPrefix + entity.typeName().value());
      if (uniqueCriterion(entity).isEmpty() || Unrepresentable.model(Languages.PRISMA, entity.entity().table()).isPresent()) {
        ignored.add(entity.entity().name());
      }
    }
    // every belongs-to counts, those of id-prefix pairs (one per target) included
    for (NamedEntity entity : model.entities()) {
      entity.associations().stream().filter(a -> a.kind() == NamedAssociation.Kind.BELONGS_TO).map(NamedAssociation::reference)
          .forEach(reference -> referencesPerPair.merge(Set.copyOf(List.of(reference.from(), reference.to())), 1, Integer::sum));
    }
  }

  /** The schemas that get a file, in first-seen order: entities' schemas, then enums'. */
  public List<String> schemas() {
    Set<String> schemas = new LinkedHashSet<>();
    model.entities().forEach(e -> schemas.add(e.entity().name().schema()));
    model.enums().forEach(e -> schemas.add(e.type().schema()));
    return List.copyOf(schemas);
  }

  public Set<QualifiedName> ignoredTables() {
    return ignored;
  }

  /** The Prisma model name of a table (with the model prefix). */
  public String typeName(QualifiedName table) {
    return typeNames.get(table);
  }

  /** The associations of {@code entity} that become Prisma relation fields, in field order. */
  public List<NamedAssociation> relationFields(NamedEntity entity) {
    if (ignored.contains(entity.entity().name())) {
      return List.of();
    }
    return relationLines(entity).stream().map(RelationLine::association).toList();
  }

  // [name, type, attributes] of each association that becomes a relation field.
  private List<RelationLine> relationLines(NamedEntity entity) {
    return relationLines.computeIfAbsent(entity.entity().name(), name -> {
      List<RelationLine> lines = new ArrayList<>();
      if (!ignored.contains(name)) {
        entity.associations().forEach(a -> relationField(entity, a).ifPresent(line -> lines.add(new RelationLine(a, line))));
      }
      return lines;
    });
  }

  /** The Ferry-owned {@code <schema>.prisma}: every model and enum of {@code schema}. */
  public String renderSchema(String schema) {
    List<String> blocks = new ArrayList<>();
    for (NamedEnum namedEnum : model.enums()) {
      if (namedEnum.type().schema().equals(schema)) {
        blocks.add(namedEnum.values().isEmpty()
            ? "// enum " + (namedEnum.type().schema() + "." + namedEnum.type().name()).replaceAll("\\p{Cntrl}", " ") + " has no values, which a Prisma enum must have: its columns are Unsupported"
            : renderEnum(namedEnum));
      }
    }
    for (NamedEntity entity : model.entities()) {
      if (entity.entity().name().schema().equals(schema)) {
        blocks.add(renderModel(entity));
      }
    }
    Map<String, Object> context = new HashMap<>();
    context.put("schema", schema);
    context.put("blocks", blocks);
    return Templates.render("prisma/models.peb", context);
  }

  /** Counts over every model: [models, fields, relation fields]; nothing is rendered. */
  public int[] counts() {
    int fields = 0;
    int relations = 0;
    for (NamedEntity entity : model.entities()) {
      fields += entity.attributes().size();
      relations += relationFields(entity).size();
    }
    return new int[] {model.entities().size(), fields, relations};
  }

  private String renderModel(NamedEntity entity) {
    Table table = entity.entity().table();
    QualifiedName name = table.name();
    boolean isIgnored = ignored.contains(name);
    List<String[]> fields = new ArrayList<>();
    List<String> docs = new ArrayList<>();
    Map<String, String> singleUniques = singleColumnUniques(entity);
    boolean singlePk = entity.entity().primaryKey().size() == 1;
    for (NamedAttribute attribute : entity.attributes()) {
      Column column = attribute.attribute().column();
      PrismaTypes.Mapped type = PrismaTypes.map(attribute.attribute().type(), enumName(attribute.attribute().type()));
      List<String> attrs = new ArrayList<>();
      if (singlePk && entity.entity().primaryKey().get(0).equals(column.name())) {
        String pkName = table.primaryKey().map(pk -> pk.name()).orElse("");
        attrs.add(pkName.equals(name.name() + "_pkey") ? "@id" : "@id(map: " + string(pkName) + ")");
      }
      if (singleUniques.containsKey(column.name())) {
        String indexName = singleUniques.get(column.name());
        attrs.add(indexName.equals(name.name() + "_" + column.name() + "_key") ? "@unique" : "@unique(map: " + string(indexName) + ")");
      }
      defaultAttribute(column, attribute.attribute().type()).ifPresent(attrs::add);
      if (!attribute.name().value().equals(column.name())) {
        attrs.add("@map(" + string(column.name()) + ")");
      }
      if (!type.nativeType().isEmpty()) {
        attrs.add(type.nativeType());
      }
      // Prisma lists cannot be optional; a NULL array reads as null all the same
      String optional = column.nullable() && !type.scalar().endsWith("[]") ? "?" : "";
      fields.add(new String[] {attribute.name().value(), type.scalar() + optional, String.join(" ", attrs)});
      docs.add(note(name, column.name()));
    }
    for (RelationLine relation : relationLines(entity)) {
      fields.add(relation.field());
      docs.add(null);
    }
    Unrepresentable.model(Languages.PRISMA, table).ifPresent(reason -> docs.set(0, "/// " + reason));
    List<String> blockAttributes = blockAttributes(entity, isIgnored);
    return modelText(typeNames.get(name), fields, docs, blockAttributes);
  }

  private Optional<String[]> relationField(NamedEntity entity, NamedAssociation association) {
    NamedEntity target = entities.get(association.target());
    if (target == null || ignored.contains(association.target()) || association.kind() == NamedAssociation.Kind.MANY_TO_MANY) {
      // many-to-many is reached through the join table's own model, which Prisma needs explicit
      return Optional.empty();
    }
    String targetType = typeNames.get(association.target());
    Reference reference = association.reference();
    // Prisma tells relations apart by model pair; a self relation is always ambiguous to it
    boolean named = reference.from().equals(reference.to())
        || referencesPerPair.getOrDefault(Set.copyOf(List.of(reference.from(), reference.to())), 0) > 1;
    String label = named && association.label() != null ? string(association.label().value()) : null;
    switch (association.kind()) {
      case BELONGS_TO -> {
        List<String> fields = fieldNames(entity, association.columns());
        List<String> references = fieldNames(target, association.targetColumns());
        if (fields == null || references == null) {
          return Optional.empty();
        }
        // Restrict: Ferry's sync owns these rows, so Prisma must neither cascade nor null them out; the
        // emulated defaults (SetNull/Cascade) are also rejected on self relations and cycles
        // (pris.ly/d/cyclic-referential-actions), and NoAction is not emulated on Postgres.
        String args = (label == null ? "" : label + ", ") + "fields: " + list(fields) + ", references: " + list(references)
            + ", onDelete: Restrict, onUpdate: Restrict" + constraintName(entity, association);
        // optional even over NOT NULL columns: without FKs a synced row may point at a row not synced (yet)
        return Optional.of(new String[] {association.name().value(), targetType + "?", "@relation(" + args + ")"});
      }
      case HAS_ONE -> {
        return Optional.of(new String[] {association.name().value(), targetType + "?", label == null ? "" : "@relation(" + label + ")"});
      }
      default -> {
        return Optional.of(new String[] {association.name().value(), targetType + "[]", label == null ? "" : "@relation(" + label + ")"});
      }
    }
  }

  private Optional<NamedAttribute> attribute(NamedEntity entity, String column) {
    Map<String, NamedAttribute> byColumn = attributesByColumn.computeIfAbsent(entity.entity().name(), name -> {
      Map<String, NamedAttribute> map = new HashMap<>();
      entity.attributes().forEach(a -> map.put(a.column(), a));
      return map;
    });
    return Optional.ofNullable(byColumn.get(column));
  }

  /**
   * Prisma names each relation's (here never created) constraint {@code <table>_<columns>_fkey} and cuts it
   * to 63 characters, and rejects two equal names in a model. So two long column names with a common
   * start would share a name: past 63 characters the name is given, cut shorter and told apart by a
   * hash of the whole. Relations that share their columns (an id-prefix pair's one relation per target
   * over {@code who_id}) are named by the relation instead ({@code task_who_contact_fkey}).
   */
  private static String constraintName(NamedEntity entity, NamedAssociation association) {
    String table = association.reference().from().name();
    long sharing = entity.associations().stream()
        .filter(a -> a.kind() == NamedAssociation.Kind.BELONGS_TO && a.columns().equals(association.columns())).count();
    String stem = sharing > 1 ? association.reference().forward().words() : String.join("_", association.columns());
    String full = table + "_" + stem + "_fkey";
    if (full.length() <= 63) {
      return sharing > 1 ? ", map: " + string(full) : "";
    }
    String hash = String.format("%08x", full.hashCode());
    return ", map: " + string(full.substring(0, 63 - hash.length() - "__fkey".length()) + "_" + hash + "_fkey");
  }

  private List<String> fieldNames(NamedEntity entity, List<String> columns) {
    List<String> names = new ArrayList<>();
    for (String column : columns) {
      Optional<NamedAttribute> attribute = attribute(entity, column);
      if (attribute.isEmpty() || !PrismaTypes.map(attribute.get().attribute().type(), enumName(attribute.get().attribute().type())).supported()) {
        return null;
      }
      names.add(attribute.get().name().value());
    }
    return names;
  }

  private List<String> blockAttributes(NamedEntity entity, boolean isIgnored) {
    Table table = entity.entity().table();
    List<String> attrs = new ArrayList<>();
    List<String> pk = entity.entity().primaryKey();
    if (pk.size() > 1) {
      String pkName = table.primaryKey().map(p -> p.name()).orElse("");
      List<String> fields = fieldNames(entity, pk);
      if (fields != null) {
        attrs.add("@@id(" + list(fields) + (pkName.equals(table.name().name() + "_pkey") ? "" : ", map: " + string(pkName)) + ")");
      }
    }
    joinTableId(entity).ifPresent(columns -> attrs.add("@@id(" + list(fieldNames(entity, columns)) + ")"));
    // prisma format puts every @@unique before the @@index lines
    List<Index> uniquesFirst = expressibleIndexes(entity).stream().sorted(Comparator.comparing(index -> !index.unique())).toList();
    for (Index index : uniquesFirst) {
      List<String> fields = fieldNames(entity, index.columns());
      if (index.unique() && index.columns().size() == 1) {
        continue; // rendered as @unique on the field
      }
      String defaultName = table.name().name() + "_" + String.join("_", index.columns()) + (index.unique() ? "_key" : "_idx");
      String map = index.name().equals(defaultName) ? "" : ", map: " + string(index.name());
      String type = index.method().equals("hash") ? ", type: Hash" : "";
      attrs.add((index.unique() ? "@@unique(" : "@@index(") + list(fields) + map + type + ")");
    }
    String typeName = typeNames.get(table.name());
    if (!typeName.equals(table.name().name())) {
      attrs.add("@@map(" + string(table.name().name()) + ")");
    }
    if (isIgnored) {
      attrs.add("@@ignore");
    }
    attrs.add("@@schema(" + string(table.name().schema()) + ")");
    return attrs;
  }

  // Plain-column btree/hash indexes over supported fields, not partial; Prisma cannot express the rest.
  private List<Index> expressibleIndexes(NamedEntity entity) {
    return indexes.computeIfAbsent(entity.entity().name(), name -> findExpressibleIndexes(entity));
  }

  private List<Index> findExpressibleIndexes(NamedEntity entity) {
    List<Index> result = new ArrayList<>();
    for (Index index : entity.entity().table().indexes()) {
      if (index.primary() || index.predicate() != null || !(index.method().equals("btree") || index.method().equals("hash"))) {
        continue;
      }
      if (index.columns().isEmpty() || fieldNames(entity, index.columns()) == null) {
        continue;
      }
      result.add(index);
    }
    return result;
  }

  private Map<String, String> singleColumnUniques(NamedEntity entity) {
    Map<String, String> uniques = new LinkedHashMap<>();
    for (Index index : expressibleIndexes(entity)) {
      if (index.unique() && index.columns().size() == 1) {
        uniques.putIfAbsent(index.columns().get(0), index.name());
      }
    }
    // Prisma needs one-to-one fields unique; ferry.yaml or sampled rows may say one-to-one without an index
    for (NamedAssociation association : entity.associations()) {
      Reference reference = association.reference();
      if (association.kind() == NamedAssociation.Kind.BELONGS_TO && reference != null && reference.oneToOne()
          && reference.columns().size() == 1) {
        uniques.putIfAbsent(reference.columns().get(0), entity.entity().name().name() + "_" + reference.columns().get(0) + "_key");
      }
    }
    List<String> pk = entity.entity().primaryKey();
    if (pk.size() == 1) {
      uniques.remove(pk.get(0));
    }
    return uniques;
  }

  /**
   * The columns Prisma addresses a row by: the primary key, else the first unique index over
   * required columns; empty when there is none (the model is then {@code @@ignore}d).
   */
  public Optional<List<String>> uniqueCriterion(NamedEntity entity) {
    if (!entity.entity().primaryKey().isEmpty() && fieldNames(entity, entity.entity().primaryKey()) != null) {
      return Optional.of(entity.entity().primaryKey());
    }
    Optional<List<String>> unique = requiredUniqueIndex(entity);
    return unique.isPresent() ? unique : joinTableId(entity);
  }

  private Optional<List<String>> requiredUniqueIndex(NamedEntity entity) {
    for (Index index : expressibleIndexes(entity)) {
      if (index.unique() && required(entity, index.columns())) {
        return Optional.of(index.columns());
      }
    }
    return Optional.empty();
  }

  /**
   * The two reference columns of a join table that has no key at all (Rails' {@code
   * categories_posts}), when they are NOT NULL: rendered as {@code @@id([a, b])} though the
   * database has no such key, so that Prisma can address the rows and the many-to-many works.
   * Harmless with {@code relationMode = "prisma"}: Ferry never migrates with Prisma, and the
   * migration SQL comes from the catalog (docs/generate.md, "Tables without a primary key").
   */
  private Optional<List<String>> joinTableId(NamedEntity entity) {
    List<String> columns = joinTableColumns.get(entity.entity().name());
    if (columns == null || !entity.entity().primaryKey().isEmpty() || requiredUniqueIndex(entity).isPresent()
        || !required(entity, columns) || fieldNames(entity, columns) == null) {
      return Optional.empty();
    }
    return Optional.of(columns);
  }

  private boolean required(NamedEntity entity, List<String> columns) {
    return columns.stream().allMatch(c -> attribute(entity, c).map(a -> !a.attribute().nullable()).orElse(false));
  }

  private Optional<String> defaultAttribute(Column column, AbstractType type) {
    if (column.identity() != Column.Identity.NONE) {
      return Optional.of("@default(autoincrement())");
    }
    String expression = column.generatedExpression() != null ? null : column.defaultExpression();
    if (expression == null) {
      return Optional.empty();
    }
    if (expression.startsWith("nextval(")) {
      return Optional.of("@default(autoincrement())");
    }
    if (expression.equals("now()") || expression.equalsIgnoreCase("CURRENT_TIMESTAMP")) {
      return Optional.of("@default(now())");
    }
    if (expression.matches("-?[0-9]+(\\.[0-9]+)?|true|false")) {
      return Optional.of("@default(" + expression + ")");
    }
    if (type.kind() == AbstractType.Kind.ENUM && type.pgType() != null) {
      Matcher label = ENUM_LITERAL.matcher(expression);
      Optional<NamedEnum> namedEnum = model.enumType(type.pgType());
      if (label.matches() && namedEnum.isPresent()) {
        String source = label.group(1).replace("''", "'");
        Optional<Identifier> value = namedEnum.get().values().stream().filter(v -> v.source().equals(source)).findFirst();
        if (value.isPresent()) {
          return Optional.of("@default(" + value.get().value() + ")");
        }
      }
    }
    Matcher text = TEXT_LITERAL.matcher(expression);
    if (text.matches()) {
      return Optional.of("@default(" + string(text.group(1).replace("''", "'")) + ")");
    }
    return Optional.of("@default(dbgenerated(" + string(expression) + "))");
  }

  private String note(QualifiedName table, String column) {
    for (IdArray idArray : model.model().idArrays()) {
      if (idArray.table().equals(table) && idArray.column().equals(column)) {
        return "/// ids of " + typeNameOrTable(idArray.target()) + " rows (an id array: Prisma has no relation over arrays; query with { id: { in: ... } })";
      }
    }
    for (Polymorphic polymorphic : model.model().polymorphics()) {
      if (polymorphic.table().equals(table) && polymorphic.idColumn().equals(column)) {
        String targets = polymorphic.targets().isEmpty()
            ? "targets not known"
            : polymorphic.targets().stream().map(t -> typeNameOrTable(t.table()) + " (" + t.selector() + ")").collect(Collectors.joining(", "));
        String with = polymorphic.typeColumn() == null ? " by id prefix" : " with " + polymorphic.typeColumn();
        return "/// polymorphic" + with + ": " + targets + " (Prisma has no polymorphic relations; query each target by id)";
      }
    }
    return null;
  }

  private String typeNameOrTable(QualifiedName table) {
    return typeNames.getOrDefault(table, table.toString());
  }

  private static String renderEnum(NamedEnum namedEnum) {
    List<String[]> values = new ArrayList<>();
    for (Identifier value : namedEnum.values()) {
      values.add(new String[] {value.value(), value.value().equals(value.source()) ? "" : "@map(" + string(value.source()) + ")"});
    }
    StringBuilder text = new StringBuilder("enum ").append(namedEnum.name().value()).append(" {\n");
    int width = values.stream().mapToInt(v -> v[0].length()).max().orElse(0);
    for (String[] value : values) {
      text.append("  ").append(value[1].isEmpty() ? value[0] : pad(value[0], width) + " " + value[1]).append('\n');
    }
    text.append('\n');
    if (!namedEnum.name().value().equals(namedEnum.type().name())) {
      text.append("  @@map(").append(string(namedEnum.type().name())).append(")\n");
    }
    text.append("  @@schema(").append(string(namedEnum.type().schema())).append(")\n}");
    return text.toString();
  }

  // The Prisma enum of an enum (or enum array) column; null when the type is not an enum.
  private String enumName(AbstractType type) {
    AbstractType base = type.kind() == AbstractType.Kind.ARRAY && type.element() != null ? type.element() : type;
    if (base.kind() != AbstractType.Kind.ENUM || base.pgType() == null) {
      return null;
    }
    return enumNames.get(base.pgType().schema() + "." + base.pgType().name());
  }

  // Aligned like `prisma format`: names, types and attributes in columns.
  private static String modelText(String typeName, List<String[]> fields, List<String> docs, List<String> blockAttributes) {
    int nameWidth = fields.stream().mapToInt(f -> f[0].length()).max().orElse(0);
    int typeWidth = fields.stream().mapToInt(f -> f[1].length()).max().orElse(0);
    StringBuilder text = new StringBuilder("model ").append(typeName).append(" {\n");
    for (int i = 0; i < fields.size(); i++) {
      String[] field = fields.get(i);
      if (docs.get(i) != null) {
        text.append("  ").append(docs.get(i)).append('\n');
      }
      String line = pad(field[0], nameWidth) + " " + (field[2].isEmpty() ? field[1] : pad(field[1], typeWidth) + " " + field[2]);
      text.append("  ").append(line.stripTrailing()).append('\n');
    }
    text.append('\n');
    for (String attribute : blockAttributes) {
      text.append("  ").append(attribute).append('\n');
    }
    return text.append('}').toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
