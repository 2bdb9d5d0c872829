package dev.ferry.naming;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.PgType;
import dev.ferry.catalog.PrimaryKey;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.RelationKind;
import dev.ferry.catalog.Table;
import dev.ferry.relations.AbstractType;
import dev.ferry.relations.Attribute;
import dev.ferry.relations.Entity;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hand-built relationship models with placeholder names, as inference hands them to the namer. Tables
 * are "name" (default schema) or "schema.name"; every column is text, "id" is the primary key.
 */
final class ModelBuilder {
  static final Name PLACEHOLDER = Name.of("", "");
  private static final PgType TEXT = new PgType("pg_catalog", "text", "text", PgType.Kind.BASE, null, List.of(), null, null, null, null);

  private final String defaultSchema;
  private String tablePrefix = "";
  private final List<Table> tables = new ArrayList<>();
  private final List<Reference> references = new ArrayList<>();
  private final List<Polymorphic> polymorphics = new ArrayList<>();
  private final List<IdArray> idArrays = new ArrayList<>();
  private final List<ManyToMany> manyToMany = new ArrayList<>();
  private final List<PgType> enumTypes = new ArrayList<>();

  ModelBuilder(String defaultSchema) {
    this.defaultSchema = defaultSchema;
  }

  ModelBuilder prefix(String prefix) {
    this.tablePrefix = prefix;
    return this;
  }

  ModelBuilder table(String table, String... columns) {
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      cols.add(new Column(columns[i], i + 1, TEXT, !columns[i].equals("id"), null, Column.Identity.NONE, null, null));
    }
    boolean hasId = List.of(columns).contains("id");
    tables.add(new Table(qn(table), RelationKind.TABLE, null, cols,
        hasId ? Optional.of(new PrimaryKey(table + "_pkey", List.of("id"))) : Optional.empty(), List.of(), List.of(), List.of()));
    return this;
  }

  ModelBuilder reference(String from, String column, String to) {
    references.add(ref(from, column, to, false));
    return this;
  }

  ModelBuilder oneToOne(String from, String column, String to) {
    references.add(ref(from, column, to, true));
    return this;
  }

  ModelBuilder manyToMany(String join, String leftColumn, String left, String rightColumn, String right) {
    Reference l = ref(join, leftColumn, left, false);
    Reference r = ref(join, rightColumn, right, false);
    references.add(l);
    references.add(r);
    manyToMany.add(new ManyToMany(qn(join), l, r, PLACEHOLDER, PLACEHOLDER));
    return this;
  }

  ModelBuilder polymorphic(String table, String typeColumn, String idColumn, String... targets) {
    List<Polymorphic.Target> list = new ArrayList<>();
    for (String target : targets) {
      list.add(new Polymorphic.Target(target, qn(target)));
    }
    polymorphics.add(new Polymorphic(qn(table), typeColumn, idColumn, PLACEHOLDER, list, Evidence.NAME, "test"));
    return this;
  }

  ModelBuilder idArray(String table, String column, String target) {
    idArrays.add(new IdArray(qn(table), column, qn(target), Evidence.NAME, "test", PLACEHOLDER));
    return this;
  }

  ModelBuilder enumType(String name, String... labels) {
    enumTypes.add(new PgType(defaultSchema, name, name, PgType.Kind.ENUM, null, List.of(labels), null, null, null, null));
    return this;
  }

  RelationModel build() {
    List<String> schemas = tables.stream().map(t -> t.name().schema()).distinct().toList();
    Catalog catalog = new Catalog(schemas, tablePrefix, tables, enumTypes);
    List<Entity> entities = tables.stream().map(ModelBuilder::entity).toList();
    return new RelationModel(catalog, entities, references, polymorphics, idArrays, manyToMany, List.of(), Sampling.OFF);
  }

  RelationModel named() {
    return RelationNamer.name(build());
  }

  QualifiedName qn(String table) {
    int dot = table.indexOf('.');
    return dot < 0 ? new QualifiedName(defaultSchema, table) : new QualifiedName(table.substring(0, dot), table.substring(dot + 1));
  }

  private Reference ref(String from, String column, String to, boolean oneToOne) {
    return new Reference(qn(from), List.of(column), qn(to), List.of("id"), Evidence.NAME, "test", oneToOne, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER);
  }

  static Entity entity(Table table) {
    List<Attribute> attributes = table.columns().stream()
        .map(c -> new Attribute(c, PLACEHOLDER, new AbstractType(AbstractType.Kind.STRING, null, c.type()), c.name().equals("id")))
        .toList();
    return new Entity(table, PLACEHOLDER, PLACEHOLDER, attributes, table.primaryKey().map(PrimaryKey::columns).orElse(List.of()));
  }
}
