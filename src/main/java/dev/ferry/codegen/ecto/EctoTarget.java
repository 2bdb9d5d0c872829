package dev.ferry.codegen.ecto;

import static dev.ferry.codegen.ecto.ElixirSyntax.atom;
import static dev.ferry.codegen.ecto.ElixirSyntax.string;

import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.LocalizedTarget;
import dev.ferry.codegen.GeneratedFile.Ownership;
import dev.ferry.codegen.GenerationException;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.OutputLocation;
import dev.ferry.codegen.Templates;
import dev.ferry.codegen.ecto.ElixirSyntax.Keyword;
import dev.ferry.codegen.migration.SchemaRecreation;
import dev.ferry.codegen.migration.StampedMigrations;
import dev.ferry.naming.Languages;
import dev.ferry.naming.ModuleNames;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedAttribute;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.NamedPolymorphic;
import dev.ferry.naming.NamedPolymorphicBack;
import dev.ferry.naming.Naming;
import dev.ferry.naming.Unrepresentable;
import dev.ferry.relations.Entity;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Ecto schemas: one module per table under {@code lib/<app>/<namespace>/}, a shared module per
 * Postgres schema that sets {@code @schema_prefix} and the text primary key, a {@code .formatter.exs}
 * so the output is {@code mix format}-clean, and a migration per schema that recreates its tables.
 * See docs/targets/ecto.md.
 */
public final class EctoTarget extends LocalizedTarget {
  @Override
  public java.util.Optional<String> projectFile() {
    return java.util.Optional.of("mix.exs");
  }


  /**
   * Test-only migrations: {@code mix ecto.migrate} on the development database, which Ferry syncs,
   * never sees them; the test alias passes the folder with {@code --migrations-path} (docs/targets/ecto.md).
   */
  public static final String MIGRATIONS = "priv/repo/ferry_migrations";
  // priv/repo/migrations: where earlier versions wrote it, and ecto.migrate ran it on the synced database
  private static final StampedMigrations MIGRATION_FILES = new StampedMigrations(MIGRATIONS, "priv/repo/migrations", ".exs");


  public EctoTarget() {
    super(Languages.ELIXIR);
  }

  /** @param namer decides every Elixir name ({@code Naming.localize(model, Languages.ELIXIR)}) */
  public EctoTarget(Function<RelationModel, NamedModel> namer) {
    super(namer);
  }

  @Override
  public String id() {
    return "ecto";
  }

  @Override
  public String description() {
    return "Ecto schemas (lib/<app>/<namespace>/*.ex) and a migration per schema";
  }

  @Override
  public Set<String> options() {
    return Set.of("app", "namespace");
  }

  @Override
  protected List<GeneratedFile> render(GenerationRequest request, NamedModel named) {
    Layout layout = Layout.of(named, request);
    List<GeneratedFile> files = new ArrayList<>();
    files.add(new GeneratedFile(".formatter.exs", Templates.render("ecto/formatter.peb", Map.of()), Ownership.ONCE));
    for (String schema : layout.schemas()) {
      files.add(new GeneratedFile(layout.directory(schema) + "/schema.ex", sharedModule(layout, schema), Ownership.FERRY));
    }
    for (NamedEntity entity : named.entities()) {
      files.add(new GeneratedFile(layout.file(entity), schemaModule(layout, entity), Ownership.REGIONS));
    }
    files.addAll(MIGRATION_FILES.files(request, layout.schemas(), (schema, moduleName) -> migration(layout, schema, moduleName, request.model())));
    return files;
  }

  @Override
  public List<OutputLocation> locations(GenerationRequest request) {
    String app = Layout.app(request);
    List<OutputLocation> locations = new ArrayList<>();
    for (Map.Entry<String, String> namespace : Layout.namespaces(request).entrySet()) {
      locations.add(OutputLocation.of(Layout.directoryOf(app, namespace.getValue()), "[^/]+\\.ex"));
      locations.addAll(MIGRATION_FILES.locations(namespace.getKey()));
    }
    return locations;
  }


  private static String sharedModule(Layout layout, String schema) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("module", layout.namespace(schema) + ".Schema");
    context.put("prefix", string(schema));
    context.put("json", layout.json(schema));
    return Templates.render("ecto/shared.peb", context);
  }

  private static String schemaModule(Layout layout, NamedEntity entity) {
    Entity source = entity.entity();
    String schema = source.name().schema();
    boolean defaultKey = usesDefaultPrimaryKey(layout, entity);
    Set<String> declaredColumns = new HashSet<>();
    List<List<String>> fields = new ArrayList<>();
    Map<String, List<NamedAssociation>> belongsToByColumn = new LinkedHashMap<>();
    for (NamedAssociation association : entity.associations()) {
      if (association.kind() == NamedAssociation.Kind.BELONGS_TO && association.columns().size() == 1) {
        belongsToByColumn.computeIfAbsent(association.columns().get(0), c -> new ArrayList<>()).add(association);
      }
    }
    for (NamedAttribute attribute : entity.attributes()) {
      String column = attribute.column();
      Optional<String> unmapped = Unrepresentable.column(Languages.ELIXIR, column);
      if (unmapped.isPresent()) {
        fields.add(List.of("    # column " + column + ": " + unmapped.get()));
        continue;
      }
      // the shared module's @primary_key declares the key field; a reference over it only adds the association
      boolean keyDeclared = defaultKey && attribute.attribute().primaryKey();
      List<NamedAssociation> belongsTo = belongsToByColumn.getOrDefault(column, List.of());
      if (belongsTo.isEmpty() && !keyDeclared) {
        fields.add(field(layout, entity, attribute));
      }
      for (NamedAssociation association : belongsTo) {
        fields.add(belongsTo(layout, entity, attribute, association, !declaredColumns.add(column) || keyDeclared));
      }
    }
    List<List<String>> associations = new ArrayList<>();
    for (NamedAssociation association : entity.associations()) {
      switch (association.kind()) {
        case HAS_MANY, HAS_ONE -> associations.add(hasMany(layout, entity, association));
        case MANY_TO_MANY -> associations.add(manyToMany(layout, entity, association));
        case BELONGS_TO -> {
          if (association.columns().size() != 1) {
            associations.add(List.of("    # " + association.name().value() + ": a reference over several columns ("
                + String.join(", ", association.columns()) + "); Ecto's belongs_to takes one"));
          }
        }
      }
    }
    for (NamedPolymorphic pair : entity.polymorphics()) {
      Polymorphic polymorphic = pair.polymorphic();
      if (polymorphic.typeColumn() != null) {
        // Ecto has no polymorphic belongs_to: the pair's two columns stay fields, the targets filter on the type
        associations.add(List.of("    # " + pair.name().value() + ": polymorphic (Ecto has no polymorphic belongs_to); its columns stay fields"));
      }
    }
    for (NamedPolymorphicBack back : entity.polymorphicBacks()) {
      associations.add(polymorphicBack(layout, entity, back));
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("module", layout.module(entity));
    context.put("shared", layout.namespace(schema) + ".Schema");
    context.put("table", source.name().toString());
    context.put("primaryKeyFalse", !defaultKey);
    context.put("source", string(source.name().name()));
    context.put("body", body(List.of(fields, associations)));
    return Templates.render("ecto/schema.peb", context);
  }

  /** The shared module's {@code @primary_key {:id, :string, ...}} fits when the key is one text column named id. */
  private static boolean usesDefaultPrimaryKey(Layout layout, NamedEntity entity) {
    List<String> key = entity.entity().primaryKey();
    if (key.size() != 1) {
      return false;
    }
    return entity.attribute(key.get(0))
        .filter(a -> a.column().equals("id") && a.name().value().equals("id"))
        .map(a -> type(layout, entity, a))
        .filter(type -> type.expression().equals(":string") && type.loadable())
        .isPresent();
  }

  private static EctoTypes.EctoType type(Layout layout, NamedEntity entity, NamedAttribute attribute) {
    return EctoTypes.of(attribute.attribute().type(), layout.json(entity.entity().name().schema()));
  }

  private static List<String> field(Layout layout, NamedEntity entity, NamedAttribute attribute) {
    EctoTypes.EctoType type = type(layout, entity, attribute);
    List<Keyword> options = new ArrayList<>();
    if (type.isEnum()) {
      options.add(Keyword.ofList("values", type.enumValues()));
    }
    if (attribute.attribute().primaryKey()) {
      options.add(Keyword.of("primary_key", "true"));
    }
    addSource(options, attribute);
    if (!type.loadable()) {
      options.add(Keyword.of("load_in_query", "false"));
    }
    List<String> call = ElixirSyntax.call(4, "field", List.of(atom(attribute.name().value()), type.expression()), options);
    if (type.loadable()) {
      return call;
    }
    List<String> lines = new ArrayList<>();
    lines.add("    # " + attribute.attribute().column().type().sql() + ": Postgrex loads a struct no Ecto type takes; left out of selects");
    lines.addAll(call);
    return lines;
  }

  private static List<String> belongsTo(Layout layout, NamedEntity entity, NamedAttribute attribute, NamedAssociation association, boolean alreadyDeclared) {
    List<Keyword> options = new ArrayList<>();
    options.add(Keyword.of("foreign_key", atom(attribute.name().value())));
    options.add(Keyword.of("references", atom(fieldName(layout, association.target(), association.targetColumns().get(0)))));
    options.add(Keyword.of("type", type(layout, entity, attribute).expression()));
    if (alreadyDeclared) {
      options.add(Keyword.of("define_field", "false"));
    } else {
      if (attribute.attribute().primaryKey()) {
        options.add(Keyword.of("primary_key", "true"));
      }
      addSource(options, attribute);
    }
    return ElixirSyntax.call(4, "belongs_to", List.of(atom(association.name().value()), layout.module(association.target())), options);
  }

  private static List<String> hasMany(Layout layout, NamedEntity entity, NamedAssociation association) {
    String macro = association.kind() == NamedAssociation.Kind.HAS_ONE ? "has_one" : "has_many";
    if (association.columns().size() != 1) {
      return List.of("    # " + association.name().value() + ": a reference over several columns; Ecto's " + macro + " takes one");
    }
    List<Keyword> options = new ArrayList<>();
    options.add(Keyword.of("foreign_key", atom(fieldName(layout, association.target(), association.columns().get(0)))));
    options.add(Keyword.of("references", atom(fieldName(layout, entity.entity().name(), association.targetColumns().get(0)))));
    return ElixirSyntax.call(4, macro, List.of(atom(association.name().value()), layout.module(association.target())), options);
  }

  /**
   * A target's side of a type-column polymorphic pair, as Ecto documents polymorphism: a has_many
   * over the id column filtered on the type value, {@code where: [commentable_type: "Post"]}.
   */
  private static List<String> polymorphicBack(Layout layout, NamedEntity entity, NamedPolymorphicBack back) {
    Polymorphic polymorphic = back.pair().polymorphic();
    List<String> key = entity.entity().primaryKey();
    if (key.size() != 1) {
      return List.of("    # " + back.name().value() + ": polymorphic " + polymorphic.table() + "." + polymorphic.idColumn()
          + " over a key of several columns; Ecto's has_many references one");
    }
    List<Keyword> options = List.of(
        Keyword.of("foreign_key", atom(fieldName(layout, polymorphic.table(), polymorphic.idColumn()))),
        Keyword.of("references", atom(fieldName(layout, entity.entity().name(), key.get(0)))),
        Keyword.ofList("where", List.of(ElixirSyntax.keywordKey(fieldName(layout, polymorphic.table(), polymorphic.typeColumn())) + " "
            + string(back.target().selector()))));
    return ElixirSyntax.call(4, "has_many", List.of(atom(back.name().value()), layout.module(polymorphic.table())), options);
  }

  private static List<String> manyToMany(Layout layout, NamedEntity entity, NamedAssociation association) {
    ManyToMany through = association.through();
    Reference mine = association.reference();
    Reference other = mine.equals(through.left()) ? through.right() : through.left();
    if (mine.columns().size() != 1 || other.columns().size() != 1) {
      return List.of("    # " + association.name().value() + ": a join over several columns; Ecto's join_keys name one per side");
    }
    String joinKeys = "[" + ElixirSyntax.keywordKey(fieldName(layout, through.joinTable(), mine.columns().get(0))) + " "
        + atom(fieldName(layout, entity.entity().name(), mine.targetColumns().get(0))) + ", "
        + ElixirSyntax.keywordKey(fieldName(layout, through.joinTable(), other.columns().get(0))) + " "
        + atom(fieldName(layout, other.to(), other.targetColumns().get(0))) + "]";
    List<Keyword> options = List.of(
        Keyword.of("join_through", layout.module(through.joinTable())),
        Keyword.of("join_keys", joinKeys));
    return ElixirSyntax.call(4, "many_to_many", List.of(atom(association.name().value()), layout.module(association.target())), options);
  }

  private static void addSource(List<Keyword> options, NamedAttribute attribute) {
    if (!attribute.name().value().equals(attribute.column())) {
      options.add(Keyword.of("source", atom(attribute.column())));
    }
  }

  /** The Elixir field name of {@code column} in the schema of {@code table}. */
  private static String fieldName(Layout layout, dev.ferry.catalog.QualifiedName table, String column) {
    return layout.entity(table).attribute(column).map(a -> a.name().value()).orElse(column);
  }

  /**
   * Joins statement groups as {@code mix format} lays them out: a blank line between groups and
   * around every statement that spans several lines.
   */
  static String body(List<List<List<String>>> groups) {
    List<String> lines = new ArrayList<>();
    for (List<List<String>> group : groups) {
      if (group.isEmpty()) {
        continue;
      }
      if (!lines.isEmpty()) {
        lines.add("");
      }
      List<String> previous = null;
      for (List<String> statement : group) {
        if (previous != null && (ElixirSyntax.standsApart(previous) || ElixirSyntax.standsApart(statement))) {
          lines.add("");
        }
        lines.addAll(statement);
        previous = statement;
      }
    }
    return String.join("\n", lines);
  }

  private static String migration(Layout layout, String schema, String moduleSuffix, RelationModel model) {
    SchemaRecreation recreation = SchemaRecreation.of(model.catalog(), schema);
    List<List<String>> up = new ArrayList<>();
    recreation.before().forEach(sql -> up.add(execute(sql)));
    for (SchemaRecreation.TableSpec table : recreation.tables()) {
      up.add(createTable(table));
    }
    recreation.after().forEach(sql -> up.add(execute(sql)));
    List<List<String>> down = new ArrayList<>();
    recreation.dropBefore().forEach(sql -> down.add(execute(sql)));
    recreation.dropAfter().forEach(sql -> down.add(execute(sql)));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("module", layout.app() + ".Repo.Migrations." + moduleSuffix);
    context.put("up", body(List.of(up)));
    context.put("down", body(List.of(down)));
    return Templates.render("ecto/migration.peb", context);
  }

  private static List<String> execute(String sql) {
    return List.of("    execute " + string(sql));
  }

  private static List<String> createTable(SchemaRecreation.TableSpec table) {
    List<Keyword> tableOptions = new ArrayList<>();
    tableOptions.add(Keyword.of("prefix", string(table.table().name().schema())));
    tableOptions.add(Keyword.of("primary_key", "false"));
    String name = string(table.table().name().name());
    List<String> header = new ArrayList<>(List.of("    create table(" + name + ", "
        + String.join(", ", tableOptions.stream().map(Keyword::inline).toList()) + ") do"));
    if (header.get(0).length() > ElixirSyntax.LINE_LENGTH) {
      // mix format: one option a line, aligned under the call's argument, the parenthesis below
      header = new ArrayList<>(List.of("    create table(" + name + ","));
      for (int i = 0; i < tableOptions.size(); i++) {
        header.add(" ".repeat(13) + tableOptions.get(i).inline() + (i + 1 < tableOptions.size() ? "," : ""));
      }
      header.add(" ".repeat(11) + ") do");
    }
    List<List<String>> columns = new ArrayList<>();
    for (SchemaRecreation.ColumnSpec column : table.columns()) {
      List<Keyword> options = new ArrayList<>();
      if (table.primaryKey().contains(column.name())) {
        options.add(Keyword.of("primary_key", "true"));
      }
      if (!column.nullable()) {
        options.add(Keyword.of("null", "false"));
      }
      if (column.defaultExpression() != null) {
        options.add(Keyword.of("default", "fragment(" + string(column.defaultExpression()) + ")"));
      }
      columns.add(ElixirSyntax.call(6, "add", List.of(atom(column.name()), atom(column.sqlType())), options));
    }
    List<String> lines = new ArrayList<>(header);
    lines.add(body(List.of(columns)));
    lines.add("    end");
    return lines;
  }

  private static Map<dev.ferry.catalog.QualifiedName, NamedEntity> byTable(NamedModel named) {
    Map<dev.ferry.catalog.QualifiedName, NamedEntity> entities = new java.util.HashMap<>();
    named.entities().forEach(e -> entities.put(e.entity().name(), e));
    return entities;
  }

  /** Where each entity's module lives: app, namespace per Postgres schema, file paths. */
  private record Layout(String app, Map<String, String> namespaces, NamedModel named,
      Map<dev.ferry.catalog.QualifiedName, NamedEntity> entities) {
    static Layout of(NamedModel named, GenerationRequest request) {
      return new Layout(app(request), namespaces(request), named, byTable(named));
    }

    static String app(GenerationRequest request) {
      return request.option("app", "MyApp");
    }

    /** Each schema's module namespace: from the options and the catalog alone, so {@link #locations} names nothing. */
    static Map<String, String> namespaces(GenerationRequest request) {
      String app = app(request);
      List<String> schemas = SchemaRecreation.schemas(request.model().catalog());
      String namespaceOption = request.options().get("namespace");
      if (namespaceOption != null && schemas.size() > 1) {
        throw new GenerationException("option namespace names one schema's modules; " + schemas.size() + " schemas were inspected");
      }
      String prefix = request.model().catalog().tablePrefix().replaceAll("_+$", "");
      Map<String, String> namespaces = new LinkedHashMap<>();
      for (String schema : schemas) {
        String namespace = namespaceOption != null ? namespaceOption : ModuleNames.camelize(prefix.isEmpty() ? schema : prefix);
        namespaces.put(schema, app + "." + namespace);
      }
      return namespaces;
    }

    List<String> schemas() {
      return List.copyOf(namespaces.keySet());
    }

    String namespace(String schema) {
      return namespaces.get(schema);
    }

    NamedEntity entity(dev.ferry.catalog.QualifiedName table) {
      NamedEntity entity = entities.get(table);
      if (entity == null) {
        throw new IllegalStateException("no entity for " + table);
      }
      return entity;
    }

    String module(NamedEntity entity) {
      return namespace(entity.entity().name().schema()) + "." + entity.typeName().value();
    }

    String module(dev.ferry.catalog.QualifiedName table) {
      return module(entity(table));
    }

    /** The generated any-JSON Ecto.Type of {@code schema}'s modules, e.g. {@code MyApp.Stripe.JSON}. */
    String json(String schema) {
      return namespace(schema) + ".JSON";
    }

    String directory(String schema) {
      return directoryOf(app, namespace(schema));
    }

    static String directoryOf(String app, String namespace) {
      return "lib/" + ModuleNames.underscore(app) + "/" + ModuleNames.underscore(namespace.substring(app.length() + 1).replace(".", "/"));
    }

    String file(NamedEntity entity) {
      return directory(entity.entity().name().schema()) + "/" + ModuleNames.underscore(entity.typeName().value()) + ".ex";
    }
  }
}
