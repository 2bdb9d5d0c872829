package dev.ferry.codegen.sqlalchemy;

import static dev.ferry.codegen.python.PythonSyntax.string;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.LocalizedTarget;
import dev.ferry.codegen.GeneratedFile.Ownership;
import dev.ferry.codegen.GenerationException;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.OutputLocation;
import dev.ferry.codegen.Templates;
import dev.ferry.codegen.migration.SchemaRecreation;
import dev.ferry.codegen.python.PythonSyntax;
import dev.ferry.naming.Languages;
import dev.ferry.naming.ModuleNames;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedAttribute;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.NamedPolymorphic;
import dev.ferry.naming.NamedPolymorphicBack;
import dev.ferry.naming.Naming;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLAlchemy 2.x models: one typed declarative class per table ({@code Mapped[...]},
 * {@code mapped_column}) in a module of its own under one package, a {@code Base} per package, an
 * {@code __init__.py} that imports them all, and an Alembic revision per schema that recreates its
 * tables for a test database. See docs/targets/sqlalchemy.md.
 */
public final class SqlAlchemyTarget extends LocalizedTarget {
  private static final Pattern BUILTINS = Pattern.compile("\\b(bool|bytes|float|int|list|str)\\b");
  /** The builtins each Python type text names: a few dozen texts, looked up once per column. */
  private static final Map<String, List<String>> BUILTINS_OF = new java.util.concurrent.ConcurrentHashMap<>();
  private static final DateTimeFormatter REVISION_STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /** Test-only revisions: the application's own Alembic environment never sees them (docs/targets/sqlalchemy.md). */
  public static final String MIGRATIONS = "ferry_alembic";

  public SqlAlchemyTarget() {
    super(Languages.PYTHON);
  }

  /** @param namer decides every Python name ({@code Naming.localize(model, Languages.PYTHON)}) */
  public SqlAlchemyTarget(Function<RelationModel, NamedModel> namer) {
    super(namer);
  }

  @Override
  public String id() {
    return "sqlalchemy";
  }

  @Override
  public String description() {
    return "SQLAlchemy 2 models (<package>/*.py) and an Alembic revision per schema";
  }

  @Override
  public Optional<String> projectFile() {
    return Optional.of("pyproject.toml");
  }

  @Override
  public Set<String> options() {
    return Set.of("package");
  }

  @Override
  protected List<GeneratedFile> render(GenerationRequest request, NamedModel named) {
    Layout layout = Layout.of(named, request);
    List<GeneratedFile> files = new ArrayList<>();
    List<Map<String, String>> imports = new ArrayList<>();
    for (NamedEntity entity : named.entities()) {
      String className = entity.typeName().value();
      imports.add(Map.of("module", layout.modules().get(className), "className", className));
      files.add(new GeneratedFile(layout.directory() + "/" + layout.modules().get(className) + ".py", model(layout, entity), Ownership.REGIONS));
    }
    files.add(new GeneratedFile(layout.directory() + "/__init__.py",
        Templates.render("sqlalchemy/init.peb", Map.of("package", layout.packageName(), "imports", imports)), Ownership.FERRY));
    files.add(new GeneratedFile(layout.directory() + "/base.py", Templates.render("sqlalchemy/base.peb", Map.of()), Ownership.REGIONS));
    files.add(new GeneratedFile(MIGRATIONS + "/env.py", Templates.render("sqlalchemy/env.peb", Map.of()), Ownership.ONCE));
    String previous = null;
    int step = 0;
    for (String schema : layout.schemas()) {
      String stamp = REVISION_STAMP.format(request.timestamp().plusSeconds(step++));
      String revision = ModuleNames.createTablesMigration(schema);
      files.add(new GeneratedFile(MIGRATIONS + "/versions/" + stamp + "_" + revision + ".py",
          revision(request.model(), schema, revision, previous), Ownership.FERRY));
      previous = revision;
    }
    return files;
  }

  @Override
  public List<OutputLocation> locations(GenerationRequest request) {
    List<OutputLocation> locations = new ArrayList<>();
    locations.add(OutputLocation.of(Layout.directoryOf(Layout.packageName(request)), "[^/]+\\.py"));
    for (String schema : SchemaRecreation.schemas(request.model().catalog())) {
      locations.add(OutputLocation.stamped(MIGRATIONS + "/versions", ModuleNames.createTablesMigration(schema), ".py"));
    }
    return locations;
  }

  private static String model(Layout layout, NamedEntity entity) {
    QualifiedName table = entity.entity().name();
    Set<String> modules = new TreeSet<>();
    Set<String> builtins = new TreeSet<>();
    Set<String> typing = new TreeSet<>();
    boolean postgres = false;
    List<String> columns = new ArrayList<>();
    Map<String, List<String>> foreignKeys = foreignKeys(layout, entity);
    for (NamedAttribute attribute : entity.attributes()) {
      SqlAlchemyTypes type = SqlAlchemyTypes.of(attribute.attribute().type());
      if (type.module() != null) {
        modules.add(type.module());
      }
      postgres |= type.usesPostgresTypes();
      builtins(type.python(), builtins);
      if (type.python().contains("Any")) {
        typing.add("Any");
      }
      String python = type.python();
      if (attribute.attribute().nullable()) {
        python = "Optional[" + python + "]";
        typing.add("Optional");
      }
      List<String> arguments = new ArrayList<>();
      if (!attribute.name().value().equals(attribute.column())) {
        arguments.add(string(attribute.column()));
      }
      arguments.add(type.expression());
      foreignKeys.getOrDefault(attribute.column(), List.of()).forEach(target -> arguments.add("sa.ForeignKey(" + string(target) + ")"));
      if (attribute.attribute().primaryKey()) {
        arguments.add("primary_key=True");
      }
      columns.add(attribute.name().value() + ": Mapped[" + python + "] = mapped_column(" + String.join(", ", arguments) + ")");
    }
    List<String> tableArguments = compositeForeignKeys(layout, entity);
    tableArguments.add("{\"schema\": " + string(table.schema()) + "}");
    List<String> mapperArguments = new ArrayList<>();
    if (entity.entity().primaryKey().isEmpty()) {
      // SQLAlchemy maps rows by identity: a table without a key is identified by all its columns
      mapperArguments.add("__mapper_args__ = {\"primary_key\": " + PythonSyntax.list(entity.attributes().stream().map(a -> a.name().value()).toList()) + "}");
    }
    List<String> relationships = new ArrayList<>();
    for (NamedAssociation association : entity.associations()) {
      relationships.add(relationship(layout, entity, association));
      if (association.kind() == NamedAssociation.Kind.HAS_MANY || association.kind() == NamedAssociation.Kind.MANY_TO_MANY) {
        builtins.add("list");
      } else {
        typing.add("Optional");
      }
    }
    for (NamedPolymorphic pair : entity.polymorphics()) {
      if (pair.forwards().isEmpty()) {
        relationships.add("# " + pair.name().value() + ": polymorphic over " + PythonSyntax.comment(pair.polymorphic().typeColumn() + "/" + pair.polymorphic().idColumn())
            + "; not declared, see docs/targets/sqlalchemy.md");
      }
      for (NamedPolymorphic.Forward forward : pair.forwards()) {
        relationships.add(polymorphic(layout, pair, forward, false));
        typing.add("Optional");
      }
    }
    for (NamedPolymorphicBack back : entity.polymorphicBacks()) {
      Optional<NamedPolymorphic.Forward> forward = back.pair().forward(back.target());
      if (forward.isPresent()) {
        relationships.add(polymorphic(layout, back.pair(), forward.get(), true));
        builtins.add("list");
      }
    }
    List<String> importLines = new ArrayList<>();
    importLines.add("from __future__ import annotations");
    importLines.add("");
    modules.forEach(m -> importLines.add("import " + m));
    if (!builtins.isEmpty()) {
      // SQLAlchemy reads these annotations with the module's names before the class's, so a column named str stays a column
      importLines.add("from builtins import " + String.join(", ", builtins));
    }
    if (!typing.isEmpty()) {
      importLines.add("from typing import " + String.join(", ", typing));
    }
    importLines.add("");
    importLines.add("import sqlalchemy as sa");
    if (postgres) {
      importLines.add("from sqlalchemy.dialects import postgresql as pg");
    }
    importLines.add("from sqlalchemy.orm import Mapped, mapped_column" + (relationships.stream().allMatch(r -> r.startsWith("#")) ? "" : ", relationship"));
    importLines.add("");
    importLines.add("from .base import Base");
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("table", PythonSyntax.comment(table.toString()));
    context.put("imports", importLines);
    context.put("className", entity.typeName().value());
    context.put("tableName", string(table.name()));
    context.put("tableArgs", tableArguments.size() == 1 ? tableArguments.get(0) : "(" + String.join(", ", tableArguments) + ")");
    context.put("mapperArgs", mapperArguments);
    context.put("columns", columns);
    context.put("relationships", relationships);
    return Templates.render("sqlalchemy/model.peb", context);
  }

  private static void builtins(String python, Set<String> found) {
    found.addAll(BUILTINS_OF.computeIfAbsent(python, text -> {
      List<String> names = new ArrayList<>();
      Matcher matcher = BUILTINS.matcher(text);
      while (matcher.find()) {
        names.add(matcher.group());
      }
      return names;
    }));
  }

  /**
   * {@code sa.ForeignKey} targets of the entity's single-column references, by column: metadata only
   * (the synced database has no constraints). SQLAlchemy splits the target spec on dots, so a
   * reference whose names hold one has no ForeignKey; its relationship states the join itself.
   */
  private static Map<String, List<String>> foreignKeys(Layout layout, NamedEntity entity) {
    Map<String, List<String>> keys = new HashMap<>();
    for (NamedAssociation association : entity.associations()) {
      if (association.kind() == NamedAssociation.Kind.BELONGS_TO && association.columns().size() == 1
          && expressible(association.target(), association.targetColumns())) {
        List<String> targets = keys.computeIfAbsent(association.columns().get(0), k -> new ArrayList<>());
        String target = target(association.target(), association.targetColumns().get(0));
        if (!targets.contains(target)) {
          targets.add(target);
        }
      }
    }
    return keys;
  }

  private static List<String> compositeForeignKeys(Layout layout, NamedEntity entity) {
    List<String> constraints = new ArrayList<>();
    for (NamedAssociation association : entity.associations()) {
      if (association.kind() == NamedAssociation.Kind.BELONGS_TO && association.columns().size() > 1
          && expressible(association.target(), association.targetColumns()) && association.columns().stream().noneMatch(c -> c.contains("."))) {
        constraints.add("sa.ForeignKeyConstraint(" + PythonSyntax.list(association.columns().stream().map(PythonSyntax::string).toList()) + ", "
            + PythonSyntax.list(association.targetColumns().stream().map(c -> string(target(association.target(), c))).toList()) + ")");
      }
    }
    return constraints;
  }

  private static boolean expressible(QualifiedName table, List<String> columns) {
    return !table.schema().contains(".") && !table.name().contains(".") && columns.stream().noneMatch(c -> c.contains("."));
  }

  private static String target(QualifiedName table, String column) {
    return table.schema() + "." + table.name() + "." + column;
  }

  /**
   * A relationship with its join spelled out ({@code primaryjoin}, {@code foreign_keys}), so several
   * references between two tables, self-references and references without a ForeignKey all map the
   * same way; many-to-many goes through the join table's mapped Table and is view-only, since the
   * join table's own model writes those columns.
   */
  private static String relationship(Layout layout, NamedEntity owner, NamedAssociation association) {
    NamedEntity target = layout.entity(association.target());
    String targetClass = target.typeName().value();
    List<String> arguments = new ArrayList<>();
    arguments.add(string(targetClass));
    String annotation;
    switch (association.kind()) {
      case BELONGS_TO -> {
        annotation = "Optional[" + string(targetClass) + "]";
        arguments.add("primaryjoin=" + string(join(owner, association.columns(), target, association.targetColumns())));
        arguments.add("foreign_keys=" + string(attributes(owner, association.columns())));
        if (owner.entity().name().equals(target.entity().name())) {
          arguments.add("remote_side=" + string(attributes(target, association.targetColumns())));
        }
      }
      case HAS_MANY, HAS_ONE -> {
        annotation = association.kind() == NamedAssociation.Kind.HAS_MANY ? "list[" + string(targetClass) + "]" : "Optional[" + string(targetClass) + "]";
        arguments.add("primaryjoin=" + string(join(target, association.columns(), owner, association.targetColumns())));
        arguments.add("foreign_keys=" + string(attributes(target, association.columns())));
        if (association.kind() == NamedAssociation.Kind.HAS_ONE) {
          arguments.add("uselist=False");
        }
      }
      case MANY_TO_MANY -> {
        annotation = "list[" + string(targetClass) + "]";
        ManyToMany through = association.through();
        Reference mine = association.reference();
        Reference other = mine.equals(through.left()) ? through.right() : through.left();
        NamedEntity join = layout.entity(through.joinTable());
        // the Table by its metadata key, which any name can be (a string would be parsed as Python)
        arguments.add("secondary=lambda: Base.metadata.tables[" + string(through.joinTable().schema() + "." + through.joinTable().name()) + "]");
        arguments.add("primaryjoin=" + string(join(join, mine.columns(), owner, mine.targetColumns())));
        arguments.add("secondaryjoin=" + string(join(join, other.columns(), target, other.targetColumns())));
        arguments.add("viewonly=True");
      }
      default -> throw new IllegalStateException(association.kind().toString());
    }
    NamedEntity holder = association.kind() == NamedAssociation.Kind.BELONGS_TO ? owner : target;
    if (association.kind() != NamedAssociation.Kind.MANY_TO_MANY && sharedColumns(holder, association.columns())) {
      // an id-prefix pair's one relationship per target (task.who_contact, task.who_lead) over one column:
      // none may write it, or SQLAlchemy warns that they overlap
      arguments.add("viewonly=True");
    }
    if (association.inverse() != null) {
      arguments.add("back_populates=" + string(association.inverse().value()));
    }
    return association.name().value() + ": Mapped[" + annotation + "] = relationship(" + String.join(", ", arguments) + ")";
  }

  /**
   * One target of a type-column polymorphic pair, SQLAlchemy's generic-association recipe: the
   * owner's relationship to that target alone ({@code commentable_post}) or, {@code back}, the
   * target's to the owner's rows ({@code comments}), both joining on the type value and the id
   * column and view-only, since the owner's two columns are written as plain columns.
   */
  private static String polymorphic(Layout layout, NamedPolymorphic pair, NamedPolymorphic.Forward forward, boolean back) {
    Polymorphic polymorphic = pair.polymorphic();
    NamedEntity owner = layout.entity(polymorphic.table());
    NamedEntity target = layout.entity(forward.target().table());
    boolean self = owner.entity().name().equals(target.entity().name());
    // on a self-reference the side that holds the pair's columns is the remote one when going back
    String type = attribute(owner, polymorphic.typeColumn());
    String id = attribute(owner, polymorphic.idColumn());
    String key = attribute(target, target.entity().primaryKey().get(0));
    String join = self && back
        ? "and_(remote(" + type + ") == " + string(forward.target().selector()) + ", foreign(remote(" + id + ")) == " + key + ")"
        : "and_(" + type + " == " + string(forward.target().selector()) + ", foreign(" + id + ") == " + (self ? "remote(" + key + ")" : key) + ")";
    NamedPolymorphicBack inverse = target.polymorphicBacks().stream().filter(b -> b.pair().equals(pair) && b.target().equals(forward.target()))
        .findFirst().orElse(null);
    String name = back ? inverse.name().value() : forward.name().value();
    String other = back ? forward.name().value() : inverse == null ? null : inverse.name().value();
    String annotation = back ? "list[" + string(owner.typeName().value()) + "]" : "Optional[" + string(target.typeName().value()) + "]";
    return name + ": Mapped[" + annotation + "] = relationship(" + string((back ? owner : target).typeName().value()) + ", primaryjoin="
        + string(join) + ", viewonly=True" + (other == null ? "" : ", back_populates=" + string(other)) + ")";
  }

  /** True when several belongs-to associations of {@code holder} reference through {@code columns}. */
  private static boolean sharedColumns(NamedEntity holder, List<String> columns) {
    return holder.associations().stream().filter(a -> a.kind() == NamedAssociation.Kind.BELONGS_TO && a.columns().equals(columns)).count() > 1;
  }

  /** {@code Subscription.customer_id == Customer.id}, with {@code and_(...)} over several columns. */
  private static String join(NamedEntity left, List<String> leftColumns, NamedEntity right, List<String> rightColumns) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < leftColumns.size(); i++) {
      parts.add(attribute(left, leftColumns.get(i)) + " == " + attribute(right, rightColumns.get(i)));
    }
    return parts.size() == 1 ? parts.get(0) : "and_(" + String.join(", ", parts) + ")";
  }

  private static String attributes(NamedEntity entity, List<String> columns) {
    return PythonSyntax.list(columns.stream().map(c -> attribute(entity, c)).toList());
  }

  private static String attribute(NamedEntity entity, String column) {
    return entity.typeName().value() + "." + entity.attribute(column).orElseThrow().name().value();
  }

  private static String revision(RelationModel model, String schema, String revision, String previous) {
    SchemaRecreation recreation = SchemaRecreation.of(model.catalog(), schema, table -> !table.name().name().equals("alembic_version"));
    List<String> upgrade = new ArrayList<>();
    recreation.before().forEach(sql -> upgrade.add("execute(" + string(sql) + ")"));
    for (SchemaRecreation.TableSpec table : recreation.tables()) {
      upgrade.add(createTable(table));
    }
    recreation.after().forEach(sql -> upgrade.add("execute(" + string(sql) + ")"));
    List<String> downgrade = new ArrayList<>();
    recreation.dropBefore().forEach(sql -> downgrade.add("execute(" + string(sql) + ")"));
    recreation.dropAfter().forEach(sql -> downgrade.add("execute(" + string(sql) + ")"));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("schema", PythonSyntax.comment(schema));
    context.put("revision", string(revision));
    context.put("previous", previous == null ? "None" : string(previous));
    context.put("upgrade", indent(upgrade));
    context.put("downgrade", indent(downgrade));
    return Templates.render("sqlalchemy/revision.peb", context);
  }

  private static String indent(List<String> statements) {
    return statements.isEmpty() ? "    pass" : String.join("\n", statements.stream().map(s -> s.indent(4).stripTrailing()).toList());
  }

  /** {@code op.create_table} with each column's exact SQL type text and defaults as SQL. */
  private static String createTable(SchemaRecreation.TableSpec table) {
    List<String> lines = new ArrayList<>();
    lines.add(string(table.table().name().name()) + ",");
    for (SchemaRecreation.ColumnSpec column : table.columns()) {
      StringBuilder line = new StringBuilder("sa.Column(").append(string(column.name())).append(", SqlType(").append(string(column.sqlType())).append(")");
      line.append(", nullable=").append(column.nullable() ? "True" : "False");
      if (column.defaultExpression() != null) {
        line.append(", server_default=sa.literal_column(").append(string(column.defaultExpression())).append(")");
      }
      lines.add(line.append("),").toString());
    }
    table.table().primaryKey().ifPresent(pk -> lines.add("sa.PrimaryKeyConstraint("
        + String.join(", ", pk.columns().stream().map(PythonSyntax::string).toList()) + ", name=" + string(pk.name()) + "),"));
    lines.add("schema=" + string(table.table().name().schema()) + ",");
    return "op.create_table(\n" + String.join("\n", lines.stream().map(l -> "    " + l).toList()) + "\n)";
  }

  /** The package, its folder, each class's module, and the named model. */
  private record Layout(String packageName, List<String> schemas, Map<String, String> modules, NamedModel named) {
    static Layout of(NamedModel named, GenerationRequest request) {
      Map<String, String> modules = ModuleNames.pythonModules(named.entities().stream().map(e -> e.typeName().value()).toList());
      return new Layout(packageName(request), SchemaRecreation.schemas(named.model().catalog()), modules, named);
    }

    /** The models' package: from the options and the catalog alone, so {@link #locations} names nothing. */
    static String packageName(GenerationRequest request) {
      Catalog catalog = request.model().catalog();
      String packageName = request.options().getOrDefault("package", PythonSyntax.defaultPackage(SchemaRecreation.schemas(catalog), catalog.tablePrefix()));
      if (!PythonSyntax.validPackage(packageName)) {
        throw new GenerationException("option package: '" + packageName + "' is not a Python package name (dotted identifiers, e.g. myapp.stripe_data)");
      }
      return packageName;
    }

    String directory() {
      return directoryOf(packageName);
    }

    static String directoryOf(String packageName) {
      return packageName.replace('.', '/');
    }

    NamedEntity entity(QualifiedName table) {
      return named.entity(table).orElseThrow();
    }
  }
}
