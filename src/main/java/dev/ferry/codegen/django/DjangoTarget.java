package dev.ferry.codegen.django;

import static dev.ferry.codegen.python.PythonSyntax.string;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GeneratedFile.Ownership;
import dev.ferry.codegen.GenerationException;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.OutputLocation;
import dev.ferry.codegen.Summaries;
import dev.ferry.codegen.Target;
import dev.ferry.codegen.Templates;
import dev.ferry.codegen.ddl.DdlRenderer;
import dev.ferry.codegen.ddl.SqlNames;
import dev.ferry.codegen.migration.SchemaRecreation;
import dev.ferry.codegen.python.PythonSyntax;
import dev.ferry.naming.Languages;
import dev.ferry.naming.ModuleNames;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedAttribute;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.NamedPolymorphic;
import dev.ferry.naming.Naming;
import dev.ferry.naming.Unrepresentable;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Django 5 models of the synced tables: an app ({@code apps.py}) whose {@code models} package holds
 * one unmanaged model per table in a module of its own, and a test-only app ({@value #TEST_APP})
 * whose migrations create a schema's tables on a database that lacks them and change nothing on
 * one that has them. See docs/targets/django.md.
 */
public final class DjangoTarget implements Target {
  /** The test-only app holding the migrations; test settings add it to INSTALLED_APPS (docs/targets/django.md). */
  public static final String TEST_APP = "ferry_test_tables";

  private final Function<RelationModel, NamedModel> namer;

  public DjangoTarget() {
    this(model -> Naming.localize(model, Languages.DJANGO));
  }

  /** @param namer decides every name ({@code Naming.localize(model, Languages.DJANGO)}) */
  public DjangoTarget(Function<RelationModel, NamedModel> namer) {
    this.namer = namer;
  }

  @Override
  public String id() {
    return "django";
  }

  @Override
  public String description() {
    return "Django 5 unmanaged models (<module>/models/*.py) and a test-only migration per schema";
  }

  @Override
  public Optional<String> projectFile() {
    return Optional.of("manage.py");
  }

  @Override
  public Set<String> options() {
    return Set.of("module", "app");
  }

  @Override
  public String summary(GenerationRequest request, List<GeneratedFile> files) {
    return Summaries.models(namer.apply(request.model()));
  }

  @Override
  public List<GeneratedFile> generate(GenerationRequest request) {
    NamedModel named = namer.apply(request.model());
    Layout layout = Layout.of(named, request);
    List<GeneratedFile> files = new ArrayList<>();
    List<Map<String, String>> imports = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (NamedEntity entity : named.entities()) {
      Optional<String> unrepresentable = Unrepresentable.model(Languages.DJANGO, entity.entity().table());
      if (unrepresentable.isPresent()) {
        skipped.add(PythonSyntax.comment(entity.entity().name() + ": " + unrepresentable.get()));
        continue;
      }
      String className = entity.typeName().value();
      String module = layout.modules().get(className);
      imports.add(Map.of("module", module, "className", className));
      files.add(new GeneratedFile(layout.directory() + "/models/" + module + ".py", model(layout, entity), Ownership.REGIONS));
    }
    files.add(new GeneratedFile(layout.directory() + "/models/__init__.py",
        Templates.render("django/init.peb", Map.of("module", layout.module(), "imports", imports, "skipped", skipped)), Ownership.FERRY));
    files.add(new GeneratedFile(layout.directory() + "/__init__.py", "", Ownership.ONCE));
    files.add(new GeneratedFile(layout.directory() + "/apps.py",
        Templates.render("django/apps.peb", Map.of("module", string(layout.module()), "label", string(layout.label()))), Ownership.REGIONS));
    files.add(new GeneratedFile(TEST_APP + "/__init__.py", "", Ownership.FERRY));
    files.add(new GeneratedFile(TEST_APP + "/recreate.py", Templates.render("django/recreate.peb", Map.of()), Ownership.FERRY));
    files.add(new GeneratedFile(TEST_APP + "/migrations/__init__.py", "", Ownership.FERRY));
    String previous = null;
    int number = 1;
    for (String schema : layout.schemas()) {
      String name = String.format("%04d_%s", number++, ModuleNames.createTablesMigration(schema));
      files.add(new GeneratedFile(TEST_APP + "/migrations/" + name + ".py", migration(request.model(), schema, previous), Ownership.FERRY));
      previous = name;
    }
    return files;
  }

  @Override
  public List<OutputLocation> locations(GenerationRequest request) {
    Layout layout = Layout.of(namer.apply(request.model()), request);
    List<OutputLocation> locations = new ArrayList<>();
    locations.add(OutputLocation.of(layout.directory() + "/models", "[^/]+\\.py"));
    locations.add(OutputLocation.of(TEST_APP + "/migrations", "\\d{4}_create_[a-z0-9_]+_tables\\.py"));
    return locations;
  }

  private static String model(Layout layout, NamedEntity entity) {
    QualifiedName table = entity.entity().name();
    Map<String, NamedAssociation> foreignKeyByColumn = new HashMap<>();
    List<String> notes = new ArrayList<>();
    for (NamedAssociation association : entity.associations()) {
      if (association.kind() == NamedAssociation.Kind.BELONGS_TO) {
        Optional<String> why = layout.relations().whyNot(association.reference());
        if (why.isEmpty()) {
          foreignKeyByColumn.put(association.columns().get(0), association);
        } else {
          notes.add("# " + association.name().value() + ": no ForeignKey, " + PythonSyntax.comment(why.get()) + " (docs/targets/django.md)");
        }
      }
    }
    boolean arrays = false;
    List<String> fields = new ArrayList<>();
    List<String> primaryKey = entity.entity().primaryKey().isEmpty()
        ? entity.attributes().stream().map(a -> a.column()).toList()
        : entity.entity().primaryKey();
    // Django keys every model and refuses null=True on a key field (models.E042): a table without a key is keyed by all its columns,
    // declared without null=True (their NULLs still read as None)
    boolean keyless = entity.entity().primaryKey().isEmpty();
    if (primaryKey.size() > 1) {
      // Django 5.2 reads a table keyed by several columns (and a table without a key, by all its columns) through a composite key
      fields.add("pk = models.CompositePrimaryKey(" + String.join(", ", primaryKey.stream().map(c -> string(layout.fieldName(entity, c))).toList()) + ")");
    }
    for (NamedAttribute attribute : entity.attributes()) {
      String column = attribute.column();
      List<String> options = new ArrayList<>();
      String open;
      String name;
      NamedAssociation reference = foreignKeyByColumn.get(column);
      if (reference != null) {
        NamedEntity target = layout.entity(reference.target());
        boolean oneToOne = layout.oneToOne(reference);
        name = reference.name().value();
        open = (oneToOne ? "models.OneToOneField(" : "models.ForeignKey(") + string(target.typeName().value());
        options.add("on_delete=models.DO_NOTHING");
        options.add("db_constraint=False");
        options.add("db_column=" + string(column));
        String targetColumn = reference.targetColumns().get(0);
        if (!target.entity().primaryKey().equals(List.of(targetColumn))) {
          options.add("to_field=" + string(layout.fieldName(target, targetColumn)));
        }
        options.add("related_name=" + (reference.inverse() == null ? string("+") : string(reference.inverse().value())));
      } else {
        name = attribute.name().value();
        open = DjangoFields.of(attribute.attribute().type());
        arrays |= DjangoFields.usesArray(attribute.attribute().type());
        if (!name.equals(column)) {
          options.add("db_column=" + string(column));
        }
        if (!primaryKey.equals(List.of(column)) && entity.entity().table().isUnique(List.of(column))) {
          options.add("unique=True");
        }
      }
      if (primaryKey.equals(List.of(column))) {
        options.add("primary_key=True");
      } else if (attribute.attribute().nullable() && !keyless) {
        options.add("blank=True");
        options.add("null=True");
      }
      fields.add(name + " = " + DjangoFields.with(open, options));
    }
    for (NamedAssociation association : entity.associations()) {
      if (association.kind() == NamedAssociation.Kind.MANY_TO_MANY) {
        manyToMany(layout, entity, association).ifPresent(fields::add);
      }
    }
    for (NamedPolymorphic pair : entity.polymorphics()) {
      notes.add("# " + pair.name().value() + ": polymorphic over " + PythonSyntax.comment(pair.polymorphic().typeColumn() + "/" + pair.polymorphic().idColumn())
          + "; not declared, see docs/targets/django.md");
    }
    List<String> importLines = new ArrayList<>();
    if (arrays) {
      importLines.add("from django.contrib.postgres.fields import ArrayField");
    }
    importLines.add("from django.db import models");
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("table", PythonSyntax.comment(table.toString()));
    context.put("imports", importLines);
    context.put("className", entity.typeName().value());
    context.put("fields", fields);
    context.put("notes", notes);
    context.put("dbTable", string(dbTable(table, layout)));
    return Templates.render("django/model.peb", context);
  }

  /**
   * {@code '"stripe"."customer"'}: Django quotes a name that is not quoted already, so the schema
   * form is the name quoted by Ferry; a table in {@code public} (the prefix form) is its plain name,
   * found through the search_path.
   */
  private static String dbTable(QualifiedName table, Layout layout) {
    if (table.schema().equals("public")) {
      return table.name();
    }
    return "\"" + table.schema() + "\".\"" + table.name() + "\"";
  }

  /**
   * The join table's many-to-many, declared on the side the join table's left reference points at
   * (the other side's name is its related_name), when Django holds both references as ForeignKeys.
   */
  private static Optional<String> manyToMany(Layout layout, NamedEntity owner, NamedAssociation association) {
    ManyToMany through = association.through();
    if (!association.reference().equals(through.left())) {
      return Optional.empty();
    }
    if (layout.relations().whyNot(through.left()).isPresent() || layout.relations().whyNot(through.right()).isPresent()) {
      return Optional.of("# " + association.name().value() + ": no ManyToManyField, the join table's references are not both ForeignKeys");
    }
    NamedEntity join = layout.entity(through.joinTable());
    NamedEntity target = layout.entity(through.right().to());
    List<String> options = new ArrayList<>();
    options.add("through=" + string(join.typeName().value()));
    options.add("through_fields=(" + string(layout.foreignKeyName(join, through.left())) + ", " + string(layout.foreignKeyName(join, through.right())) + ")");
    options.add("related_name=" + (association.inverse() == null ? string("+") : string(association.inverse().value())));
    if (through.left().to().equals(through.right().to())) {
      options.add("symmetrical=False");
    }
    return Optional.of(association.name().value() + " = " + DjangoFields.with("models.ManyToManyField(" + string(target.typeName().value()), options));
  }

  private static String migration(RelationModel model, String schema, String previous) {
    List<String> tables = DdlRenderer.createdTables(model.catalog(), schema).stream()
        .map(t -> SqlNames.qualified(t.schema(), t.name())).toList();
    SchemaRecreation recreation = SchemaRecreation.of(model.catalog(), schema);
    List<String> drop = new ArrayList<>(recreation.dropBefore());
    drop.addAll(recreation.dropAfter());
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("schema", PythonSyntax.comment(schema));
    context.put("schemaName", string(schema));
    context.put("dependencies", previous == null ? "[]" : "[(" + string(TEST_APP) + ", " + string(previous) + ")]");
    context.put("tables", tables.stream().map(PythonSyntax::string).toList());
    context.put("create", DdlRenderer.render(model.catalog(), schema).lines().map(PythonSyntax::string).toList());
    context.put("drop", drop.stream().map(PythonSyntax::string).toList());
    return Templates.render("django/migration.peb", context);
  }

  /** Which references Django holds as ForeignKeys, and why the others are not. */
  private record Relations(Map<List<Object>, String> refused) {
    Optional<String> whyNot(Reference reference) {
      return Optional.ofNullable(refused.get(key(reference)));
    }

    /** A reference by its columns: a join table's reference in a ManyToMany is the same reference with other evidence. */
    static List<Object> key(Reference reference) {
      return List.of(reference.from(), reference.columns(), reference.to(), reference.targetColumns());
    }

    /**
     * A ForeignKey holds one column, points at one unique column of a model, and is the only one
     * on its column (Django maps each column to one field, models.E007); entities in model order,
     * references by name, so the first reference of a column keeps it.
     */
    static Relations of(NamedModel named, Set<QualifiedName> modeled) {
      Map<List<Object>, String> refused = new HashMap<>();
      for (NamedEntity entity : named.entities()) {
        Set<String> held = new HashSet<>();
        for (NamedAssociation association : entity.associations()) {
          if (association.kind() != NamedAssociation.Kind.BELONGS_TO) {
            continue;
          }
          Reference reference = association.reference();
          String reason = null;
          if (!modeled.contains(reference.from()) || !modeled.contains(reference.to())) {
            reason = "one of its tables has no model";
          } else if (reference.columns().size() != 1) {
            reason = "Django's ForeignKey holds one column and this reference has " + reference.columns().size();
          } else if (!named.entity(reference.to()).orElseThrow().entity().table().isUnique(reference.targetColumns())) {
            reason = "the referenced column is not unique (Django's to_field must be, fields.E311)";
          } else if (!held.add(reference.columns().get(0))) {
            reason = "its column already holds another ForeignKey";
          }
          if (reason != null) {
            refused.put(key(reference), reason);
          }
        }
      }
      return new Relations(refused);
    }
  }

  /** The module, the app label, each class's module, the entities by table and the ForeignKeys. */
  private record Layout(String module, String label, List<String> schemas, Map<String, String> modules,
      Map<QualifiedName, NamedEntity> entities, Relations relations) {
    static Layout of(NamedModel named, GenerationRequest request) {
      List<String> schemas = SchemaRecreation.schemas(named.model().catalog());
      String module = request.options().getOrDefault("module", PythonSyntax.defaultPackage(schemas, named.model().catalog().tablePrefix(), "_app"));
      if (!PythonSyntax.validPackage(module)) {
        throw new GenerationException("option module: '" + module + "' is not a Python module name (dotted identifiers, e.g. myapp.stripe_data)");
      }
      String label = request.options().getOrDefault("app", module.substring(module.lastIndexOf('.') + 1));
      if (!label.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new GenerationException("option app: '" + label + "' is not a Django app label (a Python identifier, e.g. stripe_data)");
      }
      Map<QualifiedName, NamedEntity> entities = new HashMap<>();
      named.entities().forEach(e -> entities.put(e.entity().name(), e));
      Set<QualifiedName> modeled = new HashSet<>();
      named.entities().stream().filter(e -> Unrepresentable.model(Languages.DJANGO, e.entity().table()).isEmpty())
          .forEach(e -> modeled.add(e.entity().name()));
      Map<String, String> modules = ModuleNames.pythonModules(named.entities().stream().map(e -> e.typeName().value()).toList());
      return new Layout(module, label, schemas, modules, entities, Relations.of(named, modeled));
    }

    String directory() {
      return module.replace('.', '/');
    }

    NamedEntity entity(QualifiedName table) {
      NamedEntity entity = entities.get(table);
      if (entity == null) {
        throw new IllegalStateException("no entity for " + table);
      }
      return entity;
    }

    /** The field of {@code column}: its ForeignKey's name when Django holds the column as one, else its attribute's. */
    String fieldName(NamedEntity entity, String column) {
      for (NamedAssociation association : entity.associations()) {
        if (association.kind() == NamedAssociation.Kind.BELONGS_TO && association.columns().equals(List.of(column))
            && relations.whyNot(association.reference()).isEmpty()) {
          return association.name().value();
        }
      }
      return entity.attribute(column).orElseThrow().name().value();
    }

    String foreignKeyName(NamedEntity entity, Reference reference) {
      return entity.associations().stream()
          .filter(a -> a.kind() == NamedAssociation.Kind.BELONGS_TO && Relations.key(a.reference()).equals(Relations.key(reference)))
          .findFirst().orElseThrow().name().value();
    }

    /** A reference whose back side is one-to-one (its column unique) is a OneToOneField. */
    boolean oneToOne(NamedAssociation reference) {
      NamedEntity target = entity(reference.target());
      return target.associations().stream().anyMatch(a -> a.kind() == NamedAssociation.Kind.HAS_ONE && a.reference().equals(reference.reference()));
    }
  }
}
