package dev.ferry.codegen.activerecord;

import static dev.ferry.codegen.activerecord.RubySyntax.string;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.LocalizedTarget;
import dev.ferry.codegen.GeneratedFile.Ownership;
import dev.ferry.codegen.GenerationException;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.OutputLocation;
import dev.ferry.codegen.Templates;
import dev.ferry.codegen.ddl.SqlNames;
import dev.ferry.codegen.migration.SchemaRecreation;
import dev.ferry.codegen.migration.StampedMigrations;
import dev.ferry.naming.Languages;
import dev.ferry.naming.ModuleNames;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.NamedPolymorphic;
import dev.ferry.naming.NamedPolymorphicBack;
import dev.ferry.naming.Naming;
import dev.ferry.naming.Unrepresentable;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * ActiveRecord models: one class per table in a namespace per Postgres schema ({@code
 * StripeData::Customer}, clear of the stripe gem's {@code Stripe::Customer}) under an abstract,
 * read-only-by-default base class, and a Rails migration per schema that recreates its tables.
 * See docs/targets/activerecord.md.
 */
public final class ActiveRecordTarget extends LocalizedTarget {
  @Override
  public java.util.Optional<String> projectFile() {
    return java.util.Optional.of("Gemfile");
  }


  /**
   * Test-only migrations: {@code rails db:migrate} on the development database, which Ferry syncs,
   * never sees them; the test database lists the folder in {@code migrations_paths} (docs/targets/activerecord.md).
   */
  public static final String MIGRATIONS = "db/ferry_migrate";
  // db/migrate: where earlier versions wrote it, and db:migrate ran it on the synced database
  private static final StampedMigrations MIGRATION_FILES = new StampedMigrations(MIGRATIONS, "db/migrate", ".rb");


  /** The migrator's own tables: a Rails app's database already has them, and migrating creates them. */
  private static final java.util.Set<String> RAILS_BOOKKEEPING = java.util.Set.of("schema_migrations", "ar_internal_metadata");

  public ActiveRecordTarget() {
    super(Languages.RUBY);
  }

  /** @param namer decides every Ruby name ({@code Naming.localize(model, Languages.RUBY)}) */
  public ActiveRecordTarget(Function<RelationModel, NamedModel> namer) {
    super(namer);
  }

  @Override
  public String id() {
    return "activerecord";
  }

  @Override
  public String description() {
    return "ActiveRecord models (app/models/<namespace>/*.rb) and a Rails migration per schema";
  }

  @Override
  public Set<String> options() {
    return Set.of("namespace");
  }

  @Override
  protected List<GeneratedFile> render(GenerationRequest request, NamedModel named) {
    Layout layout = Layout.of(named, request);
    List<GeneratedFile> files = new ArrayList<>();
    for (String schema : layout.schemas()) {
      List<String> skipped = named.entities().stream().map(e -> e.entity().name()).filter(t -> t.schema().equals(schema))
          .flatMap(t -> Unrepresentable.table(Languages.RUBY, t).map(reason -> (t + ": " + reason).replaceAll("\\p{Cntrl}", " ")).stream())
          .toList();
      Map<String, Object> context = Map.of("namespace", layout.namespace(schema), "skipped", skipped);
      files.add(new GeneratedFile(layout.directory(schema) + "/record.rb", Templates.render("activerecord/record.peb", context), Ownership.REGIONS));
    }
    for (NamedEntity entity : named.entities()) {
      if (layout.modeled(entity.entity().name())) {
        files.add(new GeneratedFile(layout.file(entity), model(layout, entity), Ownership.REGIONS));
      }
    }
    files.addAll(MIGRATION_FILES.files(request, layout.schemas(), (schema, moduleName) -> migration(schema, moduleName, request.model())));
    return files;
  }

  @Override
  public List<OutputLocation> locations(GenerationRequest request) {
    List<OutputLocation> locations = new ArrayList<>();
    for (Map.Entry<String, String> namespace : Layout.namespaces(request).entrySet()) {
      locations.add(OutputLocation.of(Layout.directoryOf(namespace.getValue()), "[^/]+\\.rb"));
      locations.addAll(MIGRATION_FILES.locations(namespace.getKey()));
    }
    return locations;
  }


  private static String model(Layout layout, NamedEntity entity) {
    QualifiedName table = entity.entity().name();
    List<String> settings = new ArrayList<>();
    settings.add("self.table_name = " + string(RubySyntax.tableName(table.schema(), table.name())));
    List<String> key = entity.entity().primaryKey();
    if (key.size() == 1) {
      settings.add("self.primary_key = " + string(key.get(0)));
    }
    if (entity.entity().table().column("type").isPresent()) {
      // "type" would otherwise switch on single-table inheritance and fail on Stripe's values
      settings.add("self.inheritance_column = nil");
    }
    // has_many :through must come after the association it goes through (HasManyThroughOrderError)
    List<String> associations = new ArrayList<>();
    for (boolean through : new boolean[] {false, true}) {
      for (NamedAssociation association : entity.associations()) {
        boolean reachable = layout.modeled(association.target())
            && (association.through() == null || layout.modeled(association.through().joinTable()));
        if (reachable && (association.kind() == NamedAssociation.Kind.MANY_TO_MANY) == through) {
          associations.add(association(layout, entity, association));
        }
      }
    }
    for (NamedPolymorphic pair : entity.polymorphics()) {
      if (pair.polymorphic().typeColumn() != null) {
        associations.add(polymorphic(layout, pair));
      }
    }
    for (NamedPolymorphicBack back : entity.polymorphicBacks()) {
      if (layout.declaresPolymorphic(back.pair().polymorphic())) {
        associations.add(polymorphicBack(layout, back));
      }
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("namespace", layout.namespace(table.schema()));
    context.put("className", entity.typeName().value());
    context.put("table", table.toString());
    context.put("settings", settings);
    context.put("associations", associations);
    return Templates.render("activerecord/model.peb", context);
  }

  private static String association(Layout layout, NamedEntity entity, NamedAssociation association) {
    String name = ":" + association.name().value();
    String className = "class_name: " + string(layout.className(association.target()));
    String inverse = association.inverse() == null ? "" : ", inverse_of: :" + association.inverse().value();
    return switch (association.kind()) {
      case BELONGS_TO -> "belongs_to " + name + ", " + className + keys(association.columns(), association.targetColumns())
          + ", optional: true" + inverse;
      case HAS_MANY, HAS_ONE -> (association.kind() == NamedAssociation.Kind.HAS_ONE ? "has_one " : "has_many ") + name + ", "
          + className + keys(association.columns(), association.targetColumns()) + inverse;
      case MANY_TO_MANY -> manyToMany(layout, entity, association, name, className);
    };
  }

  private static String keys(List<String> columns, List<String> targetColumns) {
    return ", foreign_key: " + columnList(columns) + ", primary_key: " + columnList(targetColumns);
  }

  // ActiveRecord 6.1 takes one column; several become an array, which ActiveRecord 7.1+ understands
  private static String columnList(List<String> columns) {
    return columns.size() == 1 ? string(columns.get(0)) : "[" + String.join(", ", columns.stream().map(RubySyntax::string).toList()) + "]";
  }

  /**
   * {@code has_many :actors, through: :film_actors, source: :actor} when this entity has the
   * association to the join table and the join table the one to the other side; otherwise
   * {@code has_and_belongs_to_many} over the join table.
   */
  private static String manyToMany(Layout layout, NamedEntity entity, NamedAssociation association, String name, String className) {
    ManyToMany through = association.through();
    Reference mine = association.reference();
    Reference other = mine.equals(through.left()) ? through.right() : through.left();
    Optional<NamedAssociation> toJoin = entity.associations().stream()
        .filter(a -> a.kind() != NamedAssociation.Kind.MANY_TO_MANY && a.kind() != NamedAssociation.Kind.BELONGS_TO)
        .filter(a -> sameLink(mine, a.reference()))
        .findFirst();
    Optional<NamedAssociation> source = layout.entity(through.joinTable()).associations().stream()
        .filter(a -> a.kind() == NamedAssociation.Kind.BELONGS_TO && sameLink(other, a.reference()))
        .findFirst();
    if (toJoin.isPresent() && source.isPresent()) {
      return "has_many " + name + ", through: :" + toJoin.get().name().value() + ", source: :" + source.get().name().value();
    }
    QualifiedName join = through.joinTable();
    return "has_and_belongs_to_many " + name + ", " + className + ", join_table: " + string(RubySyntax.tableName(join.schema(), join.name()))
        + ", foreign_key: " + columnList(mine.columns()) + ", association_foreign_key: " + columnList(other.columns());
  }

  /**
   * {@code belongs_to :commentable, polymorphic: true} when every type value the pair holds is the
   * bare name of a model in the owner's namespace: the base class stores and resolves bare names
   * ({@code store_full_class_name = false}), as a Rails app's own rows hold them. Otherwise a comment.
   */
  private static String polymorphic(Layout layout, NamedPolymorphic pair) {
    Polymorphic polymorphic = pair.polymorphic();
    String name = pair.name().value();
    if (polymorphic.targets().isEmpty()) {
      return "# " + name + ": polymorphic over " + polymorphic.typeColumn() + "/" + polymorphic.idColumn()
          + " with no known targets; generate with --sample to find them";
    }
    if (!layout.declaresPolymorphic(polymorphic)) {
      return "# " + name + ": polymorphic over " + polymorphic.typeColumn() + "/" + polymorphic.idColumn()
          + ", whose type values are not this namespace's class names; see docs/targets/activerecord.md";
    }
    return "belongs_to :" + name + ", polymorphic: true, foreign_key: " + string(polymorphic.idColumn()) + ", foreign_type: "
        + string(polymorphic.typeColumn()) + ", optional: true";
  }

  /**
   * The target's side of a declared polymorphic {@code belongs_to}: {@code has_many :comments, as:
   * :commentable}, with the pair's columns spelled out (the type column need not be {@code <as>_type}).
   */
  private static String polymorphicBack(Layout layout, NamedPolymorphicBack back) {
    Polymorphic polymorphic = back.pair().polymorphic();
    String as = back.pair().name().value();
    List<String> key = layout.entity(back.target().table()).entity().primaryKey();
    return "has_many :" + back.name().value() + ", as: :" + as + ", class_name: "
        + string(layout.className(polymorphic.table())) + ", foreign_key: " + string(polymorphic.idColumn()) + ", foreign_type: "
        + string(polymorphic.typeColumn()) + ", primary_key: " + string(key.get(0)) + ", inverse_of: :" + as;
  }

  /** The same columns pointing at the same key; the join's copy of a reference may carry other names. */
  private static boolean sameLink(Reference a, Reference b) {
    return a.from().equals(b.from()) && a.columns().equals(b.columns()) && a.to().equals(b.to()) && a.targetColumns().equals(b.targetColumns());
  }

  private static String migration(String schema, String className, RelationModel model) {
    SchemaRecreation recreation = SchemaRecreation.of(model.catalog(), schema, table -> !RAILS_BOOKKEEPING.contains(table.name().name()));
    List<String> up = new ArrayList<>();
    recreation.before().forEach(sql -> up.add("execute " + string(sql)));
    for (SchemaRecreation.TableSpec table : recreation.tables()) {
      up.add(createTable(table));
    }
    recreation.after().forEach(sql -> up.add("execute " + string(sql)));
    List<String> down = new ArrayList<>();
    recreation.dropBefore().forEach(sql -> down.add("execute " + string(sql)));
    recreation.dropAfter().forEach(sql -> down.add("execute " + string(sql)));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("className", className);
    context.put("schema", schema);
    context.put("up", String.join("\n", up.stream().map(s -> s.indent(4).stripTrailing()).toList()));
    context.put("down", String.join("\n", down.stream().map(s -> s.indent(4).stripTrailing()).toList()));
    return Templates.render("activerecord/migration.peb", context);
  }

  /**
   * {@code create_table} with each column's exact SQL type text (ActiveRecord passes types it does
   * not know through unchanged), defaults as SQL expressions, and the key via {@code primary_key:}.
   */
  private static String createTable(SchemaRecreation.TableSpec table) {
    QualifiedName name = table.table().name();
    if (Unrepresentable.table(Languages.RUBY, name).isPresent()) {
      return "execute " + string(createTableSql(table));
    }
    StringBuilder out = new StringBuilder("create_table ")
        .append(string(RubySyntax.tableName(name.schema(), name.name())));
    if (table.primaryKey().isEmpty()) {
      out.append(", id: false");
    } else {
      out.append(", primary_key: [").append(String.join(", ", table.primaryKey().stream().map(RubySyntax::string).toList())).append("]");
    }
    out.append(" do |t|\n");
    for (SchemaRecreation.ColumnSpec column : table.columns()) {
      out.append("  t.column ").append(string(column.name())).append(", ").append(string(column.sqlType()));
      if (!column.nullable()) {
        out.append(", null: false");
      }
      if (column.defaultExpression() != null) {
        out.append(", default: -> { ").append(string(column.defaultExpression())).append(" }");
      }
      out.append('\n');
    }
    return out.append("end").toString();
  }

  /** The same table as plain SQL, for a name create_table cannot parse (a double quote in it). */
  private static String createTableSql(SchemaRecreation.TableSpec table) {
    List<String> lines = new ArrayList<>();
    for (SchemaRecreation.ColumnSpec column : table.columns()) {
      lines.add(SqlNames.ident(column.name()) + " " + column.sqlType() + (column.nullable() ? "" : " NOT NULL")
          + (column.defaultExpression() == null ? "" : " DEFAULT " + column.defaultExpression()));
    }
    table.table().primaryKey().ifPresent(pk -> lines.add("CONSTRAINT " + SqlNames.ident(pk.name()) + " PRIMARY KEY ("
        + String.join(", ", pk.columns().stream().map(SqlNames::ident).toList()) + ")"));
    return "CREATE TABLE " + table.quotedName() + " (" + String.join(", ", lines) + ")";
  }

  /** Namespaces per Postgres schema and file paths. */
  private record Layout(Map<String, String> namespaces, NamedModel named, Map<QualifiedName, NamedEntity> entities) {
    static Layout of(NamedModel named, GenerationRequest request) {
      Map<QualifiedName, NamedEntity> entities = new java.util.HashMap<>();
      named.entities().forEach(e -> entities.put(e.entity().name(), e));
      return new Layout(namespaces(request), named, entities);
    }

    /** Each schema's Ruby namespace: from the options and the catalog alone, so {@link #locations} names nothing. */
    static Map<String, String> namespaces(GenerationRequest request) {
      List<String> schemas = SchemaRecreation.schemas(request.model().catalog());
      String namespaceOption = request.options().get("namespace");
      if (namespaceOption != null && schemas.size() > 1) {
        throw new GenerationException("option namespace names one schema's models; " + schemas.size() + " schemas were inspected");
      }
      String prefix = request.model().catalog().tablePrefix().replaceAll("_+$", "");
      Map<String, String> namespaces = new LinkedHashMap<>();
      for (String schema : schemas) {
        namespaces.put(schema, namespaceOption != null ? namespaceOption : ModuleNames.camelize(prefix.isEmpty() ? schema : prefix) + "Data");
      }
      return namespaces;
    }

    List<String> schemas() {
      return List.copyOf(namespaces.keySet());
    }

    String namespace(String schema) {
      return namespaces.get(schema);
    }

    NamedEntity entity(QualifiedName table) {
      NamedEntity entity = entities.get(table);
      if (entity == null) {
        throw new IllegalStateException("no entity for " + table);
      }
      return entity;
    }

    /**
     * True when a pair becomes {@code belongs_to ..., polymorphic: true}: it has a type column and
     * known targets, each a single-key model of the owner's namespace whose class name is its type
     * value, as the base class resolves them ({@code store_full_class_name = false}).
     */
    boolean declaresPolymorphic(Polymorphic polymorphic) {
      String namespace = namespace(polymorphic.table().schema());
      return polymorphic.typeColumn() != null && !polymorphic.targets().isEmpty() && polymorphic.targets().stream().allMatch(t ->
          Optional.ofNullable(entities.get(t.table()))
              .map(e -> e.typeName().value().equals(t.selector()) && e.entity().primaryKey().size() == 1)
              .orElse(false)
          && namespace(t.table().schema()).equals(namespace));
    }

    /** Whether the table gets a model: ActiveRecord can address its name (dev.ferry.naming.Unrepresentable). */
    boolean modeled(QualifiedName table) {
      return Unrepresentable.table(Languages.RUBY, table).isEmpty();
    }

    String className(QualifiedName table) {
      return namespace(table.schema()) + "::" + entity(table).typeName().value();
    }

    String directory(String schema) {
      return directoryOf(namespace(schema));
    }

    static String directoryOf(String namespace) {
      return "app/models/" + ModuleNames.underscore(namespace.replace("::", "/"));
    }

    String file(NamedEntity entity) {
      return directory(entity.entity().name().schema()) + "/" + ModuleNames.underscore(entity.typeName().value()) + ".rb";
    }
  }
}
