package dev.ferry.codegen.prisma;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.PgType;
import dev.ferry.catalog.PrimaryKey;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.naming.Casing;
import dev.ferry.naming.Identifier;
import dev.ferry.naming.Language;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedAttribute;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.RelationNamer;
import dev.ferry.relations.AbstractType;
import dev.ferry.relations.Attribute;
import dev.ferry.relations.Entity;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.Name;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Test-only stand-in for the read side and per-language naming while those branches land: entities
 * straight from a real catalog, references given by the test, neutral names from the real
 * {@link RelationNamer}, and plain Prisma casing on top.
 */
final class HandNamedModels {
  static final Name PLACEHOLDER = Name.of("", "");

  private HandNamedModels() {}

  /** {@code references} as "from_table.column->to_table" in the catalog's first schema. */
  static RelationModel model(Catalog catalog, String... references) {
    List<Entity> entities = catalog.tables().stream().map(HandNamedModels::entity).toList();
    List<Reference> refs = new ArrayList<>();
    for (String spec : references) {
      String[] arrow = spec.split("->");
      int dot = arrow[0].lastIndexOf('.');
      QualifiedName from = qn(catalog, arrow[0].substring(0, dot));
      QualifiedName to = qn(catalog, arrow[1]);
      refs.add(new Reference(from, List.of(arrow[0].substring(dot + 1)), to, List.of("id"), Evidence.NAME, "test", false, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER));
    }
    return RelationNamer.name(new RelationModel(catalog, entities, refs, List.of(), List.of(), List.of(), List.of()));
  }

  static NamedModel prisma(RelationModel model, boolean databaseNames) {
    Language language = new Language("prisma", databaseNames ? Casing.KEEP : Casing.PASCAL, databaseNames ? Casing.KEEP : Casing.CAMEL, Set.of());
    List<NamedEntity> entities = new ArrayList<>();
    for (Entity entity : model.entities()) {
      List<NamedAttribute> attributes = entity.attributes().stream()
          .map(a -> new NamedAttribute(a, id(databaseNames ? a.column().name() : camel(a.name().words()))))
          .toList();
      List<NamedAssociation> associations = new ArrayList<>();
      for (Reference r : model.references()) {
        if (r.from().equals(entity.name())) {
          associations.add(new NamedAssociation(NamedAssociation.Kind.BELONGS_TO, id(member(r.forward(), databaseNames)), r.to(), r.columns(), r.targetColumns(),
              id(member(r.back(), databaseNames)), id(member(r.label(), databaseNames)), r, null));
        }
        if (r.to().equals(entity.name())) {
          associations.add(new NamedAssociation(r.oneToOne() ? NamedAssociation.Kind.HAS_ONE : NamedAssociation.Kind.HAS_MANY, id(member(r.back(), databaseNames)), r.from(),
              r.columns(), r.targetColumns(), id(member(r.forward(), databaseNames)), id(member(r.label(), databaseNames)), r, null));
        }
      }
      associations.sort(Comparator.comparing(a -> a.name().value()));
      String type = databaseNames ? entity.name().name() : pascal(entity.singular().words());
      entities.add(new NamedEntity(entity, id(type), id(member(entity.plural(), databaseNames)), attributes, associations));
    }
    return new NamedModel(model, language, entities);
  }

  private static String member(Name name, boolean databaseNames) {
    return databaseNames ? name.words() : camel(name.words());
  }

  private static Identifier id(String value) {
    return new Identifier(value, value, List.of());
  }

  static String camel(String words) {
    String pascal = pascal(words);
    return pascal.isEmpty() ? pascal : Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
  }

  static String pascal(String words) {
    StringBuilder out = new StringBuilder();
    for (String word : words.split("_")) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }

  private static QualifiedName qn(Catalog catalog, String table) {
    int dot = table.indexOf('.');
    return dot < 0 ? new QualifiedName(catalog.schemas().get(0), table) : new QualifiedName(table.substring(0, dot), table.substring(dot + 1));
  }

  private static Entity entity(Table table) {
    List<Attribute> attributes = table.columns().stream()
        .map(c -> new Attribute(c, PLACEHOLDER, type(c.type()), table.primaryKey().map(pk -> pk.columns().contains(c.name())).orElse(false)))
        .toList();
    String singular = dev.ferry.naming.Inflector.singular(table.name().name());
    return new Entity(table, Name.of(singular, table.name().name()), Name.of(dev.ferry.naming.Inflector.plural(singular), table.name().name()),
        attributes, table.primaryKey().map(PrimaryKey::columns).orElse(List.of()));
  }

  static AbstractType type(PgType pg) {
    if (pg.kind() == PgType.Kind.ARRAY) {
      return new AbstractType(AbstractType.Kind.ARRAY, type(pg.element()), pg);
    }
    if (pg.kind() == PgType.Kind.ENUM) {
      return new AbstractType(AbstractType.Kind.ENUM, null, pg);
    }
    if (pg.kind() == PgType.Kind.DOMAIN) {
      AbstractType base = type(pg.base());
      return new AbstractType(base.kind(), base.element(), pg);
    }
    AbstractType.Kind kind = switch (pg.name()) {
      case "text", "varchar", "bpchar", "name" -> AbstractType.Kind.STRING;
      case "int2" -> AbstractType.Kind.INT16;
      case "int4" -> AbstractType.Kind.INT32;
      case "int8" -> AbstractType.Kind.INT64;
      case "numeric", "money" -> AbstractType.Kind.DECIMAL;
      case "float4" -> AbstractType.Kind.FLOAT32;
      case "float8" -> AbstractType.Kind.FLOAT64;
      case "bool" -> AbstractType.Kind.BOOLEAN;
      case "date" -> AbstractType.Kind.DATE;
      case "time", "timetz" -> AbstractType.Kind.TIME;
      case "timestamp" -> AbstractType.Kind.TIMESTAMP;
      case "timestamptz" -> AbstractType.Kind.TIMESTAMPTZ;
      case "interval" -> AbstractType.Kind.INTERVAL;
      case "uuid" -> AbstractType.Kind.UUID;
      case "json" -> AbstractType.Kind.JSON;
      case "jsonb" -> AbstractType.Kind.JSONB;
      case "bytea" -> AbstractType.Kind.BYTES;
      default -> AbstractType.Kind.OTHER;
    };
    return new AbstractType(kind, null, pg);
  }
}
