package dev.ferry.read;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.errors.FerryException;
import dev.ferry.config.ProjectConfig;
import dev.ferry.words.Inflector;
import dev.ferry.relations.Attribute;
import dev.ferry.relations.Entity;
import dev.ferry.words.Words;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.inference.Cardinality;
import dev.ferry.relations.inference.ColumnRef;
import dev.ferry.relations.inference.ConfiguredRelationships;
import dev.ferry.relations.inference.DottedName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Applies ferry.yaml to the read side: drops ignored tables and columns from the catalog, resolves
 * added and dropped relationships to columns, and sets the names the user chose for relationships,
 * models and attributes ({@link Name#configured}, with source "FILE line N", which the namer keeps),
 * then checks that those names collide with no column or other association. Names are {@code [schema.]table} and
 * {@code [schema.]table.column}; an entry for a schema of the database that is not inspected is
 * skipped, an entry for a schema the database does not have or that matches nothing in an
 * inspected schema is an error naming its line.
 */
final class ConfigApplier {
  private final ProjectConfig config;
  private final Catalog catalog;

  ConfigApplier(ProjectConfig config, Catalog raw) {
    this.config = config;
    this.catalog = withoutIgnored(raw);
  }

  Catalog catalog() {
    return catalog;
  }

  ConfiguredRelationships relationships() {
    List<ConfiguredRelationships.Addition> additions = new ArrayList<>();
    for (ProjectConfig.Addition add : config.relationships().add()) {
      Optional<ColumnRef> column = column(catalog, add.column(), add.line());
      Optional<Table> target = table(catalog, add.references(), add.line());
      if (column.isPresent() && target.isPresent()) {
        additions.add(new ConfiguredRelationships.Addition(column.get(), target.get().name(), config.at(add.line())));
      }
    }
    Set<ColumnRef> drops = new HashSet<>();
    for (ProjectConfig.Spot drop : config.relationships().drop()) {
      column(catalog, drop.text(), drop.line()).ifPresent(drops::add);
    }
    return new ConfiguredRelationships(additions, drops);
  }

  /** The references ferry.yaml says are has_one or has_many, by column. */
  Map<ColumnRef, Cardinality.Declared> cardinalities() {
    Map<ColumnRef, Cardinality.Declared> declared = new HashMap<>();
    declare(declared, config.relationships().hasOne(), true);
    declare(declared, config.relationships().hasMany(), false);
    return declared;
  }

  private void declare(Map<ColumnRef, Cardinality.Declared> declared, List<ProjectConfig.Spot> spots, boolean one) {
    for (ProjectConfig.Spot spot : spots) {
      column(catalog, spot.text(), spot.line()).ifPresent(c -> {
        Cardinality.Declared before = declared.put(c, new Cardinality.Declared(one, config.at(spot.line())));
        if (before != null) {
          throw FerryException.badConfig(config.at(spot.line()) + ": " + c + " is already listed at " + before.where().replace(config.file() + " ", ""));
        }
      });
    }
  }

  /** The model with the forward and back names ferry.yaml sets (from {@code rename} and {@code add}). */
  RelationModel withNames(RelationModel model) {
    List<NameChoice> choices = new ArrayList<>();
    for (ProjectConfig.Addition add : config.relationships().add()) {
      if (add.forward() != null || add.back() != null) {
        column(catalog, add.column(), add.line()).ifPresent(c -> choices.add(new NameChoice(c, add.forward(), add.back(), config.at(add.line()))));
      }
    }
    for (ProjectConfig.Rename rename : config.relationships().rename()) {
      column(catalog, rename.column(), rename.line()).ifPresent(c -> choices.add(new NameChoice(c, rename.forward(), rename.back(), config.at(rename.line()))));
    }
    List<Reference> references = new ArrayList<>(model.references());
    List<Polymorphic> polymorphics = new ArrayList<>(model.polymorphics());
    List<IdArray> idArrays = new ArrayList<>(model.idArrays());
    for (NameChoice choice : choices) {
      boolean matched = false;
      for (int i = 0; i < references.size(); i++) {
        Reference r = references.get(i);
        if (r.from().equals(choice.column().table()) && r.columns().equals(List.of(choice.column().column()))) {
          references.set(i, new Reference(r.from(), r.columns(), r.to(), r.targetColumns(), r.evidence(), r.detail(), r.oneToOne(), r.cardinality(),
              choice.forward(r.forward()), choice.back(r.back()), r.label()));
          matched = true;
        }
      }
      for (int i = 0; i < polymorphics.size(); i++) {
        Polymorphic p = polymorphics.get(i);
        if (p.table().equals(choice.column().table()) && p.idColumn().equals(choice.column().column())) {
          polymorphics.set(i, new Polymorphic(p.table(), p.typeColumn(), p.idColumn(), choice.forward(p.name()), p.targets(), p.evidence(), p.detail(),
              p.unmatched()));
          matched = true;
        }
      }
      for (int i = 0; i < idArrays.size(); i++) {
        IdArray a = idArrays.get(i);
        if (a.table().equals(choice.column().table()) && a.column().equals(choice.column().column())) {
          idArrays.set(i, new IdArray(a.table(), a.column(), a.target(), a.evidence(), a.detail(), choice.forward(a.name()), choice.back(a.back())));
          matched = true;
        }
      }
      if (!matched) {
        throw FerryException.badConfig(choice.where() + ": " + choice.column() + " is not a relationship, so it cannot be renamed");
      }
    }
    return new RelationModel(model.catalog(), namedEntities(model.entities()), references, polymorphics, idArrays,
        model.manyToMany(), model.unresolved(), model.sampling());
  }

  /** Entities with the model and attribute names of {@code names:}. */
  private List<Entity> namedEntities(List<Entity> entities) {
    Map<QualifiedName, ProjectConfig.TableName> tableNames = new HashMap<>();
    for (ProjectConfig.TableName name : config.names().tables()) {
      table(catalog, name.table(), name.line()).ifPresent(t -> tableNames.put(t.name(), name));
    }
    Map<ColumnRef, ProjectConfig.ColumnName> columnNames = new HashMap<>();
    for (ProjectConfig.ColumnName name : config.names().columns()) {
      column(catalog, name.column(), name.line()).ifPresent(c -> columnNames.put(c, name));
    }
    if (tableNames.isEmpty() && columnNames.isEmpty()) {
      return entities;
    }
    return entities.stream().map(entity -> {
      ProjectConfig.TableName chosen = tableNames.get(entity.name());
      Name singular = entity.singular();
      Name plural = entity.plural();
      if (chosen != null) {
        singular = Name.configured(chosen.singular(), config.at(chosen.line()));
        plural = Name.configured(chosen.plural() != null ? chosen.plural() : Inflector.plural(chosen.singular()), config.at(chosen.line()));
      }
      List<Attribute> attributes = entity.attributes().stream().map(a -> {
        ProjectConfig.ColumnName named = columnNames.get(new ColumnRef(entity.name(), a.column().name()));
        return named == null ? a
            : new Attribute(a.column(), Name.configured(named.name(), config.at(named.line())), a.type(), a.primaryKey());
      }).toList();
      return entity.with(singular, plural, attributes);
    }).toList();
  }

  private record NameChoice(ColumnRef column, String forwardWords, String backWords, String where) {
    Name forward(Name current) {
      return forwardWords == null ? current : Name.configured(forwardWords, where);
    }

    Name back(Name current) {
      return backWords == null ? current : Name.configured(backWords, where);
    }
  }

  /**
   * Checks the named model: a name set in the file that is also the name of a column or of another
   * association of the same entity is an error on the line that sets it (a target would otherwise
   * number one of them, {@code id_2}, silently).
   */
  void checkNames(RelationModel named) {
    Map<QualifiedName, List<Member>> members = new HashMap<>();
    for (Entity entity : named.entities()) {
      for (Attribute a : entity.attributes()) {
        member(members, entity.name(), a.name(), () -> "column " + a.column().name(), Words.snake(a.column().name()));
      }
    }
    for (Reference r : named.references()) {
      Supplier<String> columns = () -> r.from() + "." + String.join(",", r.columns());
      member(members, r.from(), r.forward(), () -> "the association on " + columns.get(), null);
      member(members, r.to(), r.back(), () -> "the association from " + columns.get(), null);
    }
    for (ManyToMany join : named.manyToMany()) {
      member(members, join.left().to(), join.leftName(), () -> "the many-to-many association through " + join.joinTable(), null);
      member(members, join.right().to(), join.rightName(), () -> "the many-to-many association through " + join.joinTable(), null);
    }
    for (Polymorphic p : named.polymorphics()) {
      member(members, p.table(), p.name(), () -> "the polymorphic association on " + p.table() + "." + p.idColumn(), null);
    }
    for (IdArray a : named.idArrays()) {
      member(members, a.table(), a.name(), () -> "the id array " + a.table() + "." + a.column(), null);
      member(members, a.target(), a.back(), () -> "the association from the id array " + a.table() + "." + a.column(), null);
    }
    members.forEach((entity, list) -> {
      for (Member chosen : list) {
        if (!chosen.name().configured()) {
          continue;
        }
        for (Member other : list) {
          if (other != chosen && other.spells(chosen.name().words())) {
            throw FerryException.badConfig(chosen.name().source() + ": the name '" + chosen.name().words() + "' of "
                + chosen.what().get() + " is already the name of " + other.what().get() + " in " + entity);
          }
        }
      }
    });
  }

  /**
   * A column or association of an entity, with its name (and, for a column, the words of the column
   * itself); what it is gets described only for an error (most models have no conflict to report).
   */
  private record Member(Name name, Supplier<String> what, String columnWords) {
    boolean spells(String words) {
      return name.words().equals(words) || words.equals(columnWords);
    }
  }

  private static void member(Map<QualifiedName, List<Member>> members, QualifiedName entity, Name name, Supplier<String> what, String columnWords) {
    if (name != null) {
      members.computeIfAbsent(entity, e -> new ArrayList<>()).add(new Member(name, what, columnWords));
    }
  }

  private Catalog withoutIgnored(Catalog raw) {
    Set<QualifiedName> tables = new HashSet<>();
    for (ProjectConfig.Spot spot : config.ignore().tables()) {
      table(raw, spot.text(), spot.line()).ifPresent(t -> tables.add(t.name()));
    }
    Set<ColumnRef> columns = new HashSet<>();
    for (ProjectConfig.Spot spot : config.ignore().columns()) {
      column(raw, spot.text(), spot.line()).ifPresent(columns::add);
    }
    if (tables.isEmpty() && columns.isEmpty()) {
      return raw;
    }
    List<Table> kept = raw.tables().stream()
        .filter(t -> !tables.contains(t.name()))
        .map(t -> withoutColumns(t, columns))
        .toList();
    return raw.withTables(kept);
  }

  // A key, constraint or index that mentions an ignored column goes with it.
  private static Table withoutColumns(Table table, Set<ColumnRef> ignored) {
    Set<String> gone = new HashSet<>();
    for (Column column : table.columns()) {
      if (ignored.contains(new ColumnRef(table.name(), column.name()))) {
        gone.add(column.name());
      }
    }
    if (gone.isEmpty()) {
      return table;
    }
    return new Table(table.name(), table.kind(), table.comment(),
        table.columns().stream().filter(c -> !gone.contains(c.name())).toList(),
        table.primaryKey().filter(pk -> pk.columns().stream().noneMatch(gone::contains)),
        table.uniqueConstraints().stream().filter(u -> u.columns().stream().noneMatch(gone::contains)).toList(),
        table.foreignKeys().stream().filter(f -> f.columns().stream().noneMatch(gone::contains)).toList(),
        table.indexes().stream().filter(i -> i.columns().stream().noneMatch(gone::contains)).toList());
  }

  private Optional<Table> table(Catalog in, String text, int line) {
    List<String> parts = parts(text, line, 1, 2, "[schema.]table");
    return findTable(in, parts.size() == 2 ? parts.get(0) : null, parts.get(parts.size() - 1), text, line);
  }

  private Optional<ColumnRef> column(Catalog in, String text, int line) {
    List<String> parts = parts(text, line, 2, 3, "[schema.]table.column");
    Optional<Table> table = findTable(in, parts.size() == 3 ? parts.get(0) : null, parts.get(parts.size() - 2), text, line);
    if (table.isEmpty()) {
      return Optional.empty();
    }
    String column = parts.get(parts.size() - 1);
    if (table.get().column(column).isEmpty()) {
      throw FerryException.badConfig(config.at(line) + ": table " + table.get().name() + " has no column '" + column + "'");
    }
    return Optional.of(new ColumnRef(table.get().name(), column));
  }

  private Optional<Table> findTable(Catalog in, String schema, String name, String text, int line) {
    if (schema != null && !in.schemas().contains(schema)) {
      if (!in.databaseSchemas().contains(schema)) {
        throw FerryException.badConfig(config.at(line) + ": no schema '" + schema + "' in the database (user schemas: "
            + String.join(", ", in.databaseSchemas()) + ")");
      }
      return Optional.empty(); // written for another inspection (another --schema)
    }
    if (!in.tablePrefix().isEmpty() && !name.startsWith(in.tablePrefix())) {
      return Optional.empty(); // outside the --table-prefix this run is limited to
    }
    List<Table> found = in.tables().stream()
        .filter(t -> t.name().name().equals(name) && (schema == null || t.name().schema().equals(schema)))
        .toList();
    if (found.size() > 1) {
      throw FerryException.badConfig(config.at(line) + ": '" + text + "' matches tables in several schemas ("
          + String.join(", ", found.stream().map(t -> t.name().toString()).toList()) + "); write it as schema.table");
    }
    if (found.isEmpty()) {
      throw FerryException.badConfig(config.at(line) + ": no table '" + name + "' in "
          + (schema != null ? "schema " + schema : "the inspected schemas (" + String.join(", ", in.schemas()) + ")"));
    }
    return Optional.of(found.get(0));
  }

  private List<String> parts(String text, int line, int min, int max, String shape) {
    List<String> parts = DottedName.split(text).orElse(List.of());
    if (parts.size() < min || parts.size() > max) {
      throw FerryException.badConfig(config.at(line) + ": '" + text + "' is not " + shape);
    }
    return parts;
  }
}
