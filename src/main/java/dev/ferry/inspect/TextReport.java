package dev.ferry.inspect;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.ForeignKey;
import dev.ferry.catalog.Index;
import dev.ferry.catalog.PgType;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.RelationKind;
import dev.ferry.catalog.Table;
import dev.ferry.catalog.UniqueConstraint;
import dev.ferry.naming.Unrepresentable;
import dev.ferry.relations.Attribute;
import dev.ferry.relations.Entity;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.Unresolved;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code ferry inspect --format text}: a summary, then one table at a time with its columns, keys,
 * indexes and both directions of every relationship (what it references and what references it),
 * then the enum types. Meant for people; tools should read {@link JsonReport}.
 */
public final class TextReport {
  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

  private TextReport() {}

  public static String render(RelationModel model) {
    StringBuilder out = new StringBuilder();
    summary(model, out);
    for (Entity entity : model.entities()) {
      out.append('\n');
      table(model, entity, out);
    }
    enums(model, out);
    unrepresentable(model, out);
    return out.toString();
  }

  // Names a target's ORM cannot address, listed only when there are some.
  private static void unrepresentable(RelationModel model, StringBuilder out) {
    List<Unrepresentable.Limit> limits = Unrepresentable.of(model);
    if (limits.isEmpty()) {
      return;
    }
    out.append("\nNames a target cannot address (left out of its models)\n");
    for (Unrepresentable.Limit limit : limits) {
      out.append("  ").append(limit.language().id()).append(": ").append(oneLine(limit.what())).append(": ").append(limit.reason()).append('\n');
    }
  }

  private static void summary(RelationModel model, StringBuilder out) {
    String prefix = model.catalog().tablePrefix();
    out.append("Schemas: ")
        .append(model.catalog().schemas().stream().map(TextReport::ident).collect(Collectors.joining(", ")))
        .append(prefix.isEmpty() ? "" : " (tables starting with \"" + prefix + "\")")
        .append('\n');
    out.append(count(model.entities().size(), "table"))
        .append(", ")
        .append(count(model.references().size(), "reference"))
        .append(", ")
        .append(count(model.polymorphics().size(), "polymorphic reference"))
        .append(", ")
        .append(count(model.idArrays().size(), "id array"))
        .append(", ")
        .append(model.manyToMany().size())
        .append(" many-to-many, ")
        .append(model.unresolved().size())
        .append(" unresolved\n");
  }

  private static void table(RelationModel model, Entity entity, StringBuilder out) {
    Table table = entity.table();
    out.append("== ").append(name(table.name())).append(" (").append(kind(table)).append(")\n");
    if (table.comment() != null) {
      out.append("   ").append(oneLine(table.comment())).append('\n');
    }
    out.append("   names: ")
        .append(entity.singular().words())
        .append(" / ")
        .append(entity.plural().words())
        .append('\n');

    out.append("   Columns\n");
    List<String[]> rows = new ArrayList<>();
    for (Attribute attribute : entity.attributes()) {
      rows.add(columnRow(attribute));
    }
    aligned(rows, "     ", out);

    // a missing primary key is worth saying for a table; views never have one
    boolean storesRows = table.kind() == RelationKind.TABLE || table.kind() == RelationKind.PARTITIONED_TABLE;
    if (table.primaryKey().isPresent() || storesRows) {
      out.append("   Primary key: ")
          .append(table.primaryKey().map(pk -> pk.name() + " " + columns(pk.columns())).orElse("none"))
          .append('\n');
    }
    section("Unique constraints", table.uniqueConstraints().stream().map(TextReport::unique).toList(), out);
    section("Foreign keys", table.foreignKeys().stream().map(TextReport::foreignKey).toList(), out);
    section("Indexes", table.indexes().stream().map(index -> index(table, index)).toList(), out);
    section("References", outgoing(model, table.name()), out);
    section("Referenced by", incoming(model, table.name()), out);
    section("Many-to-many", manyToMany(model, table.name()), out);
    section(
        "Unresolved",
        ReportOrder.unresolved(model).stream()
            .filter(u -> u.table().equals(table.name()))
            .map(TextReport::unresolved)
            .toList(),
        out);
  }

  private static String[] columnRow(Attribute attribute) {
    Column column = attribute.column();
    List<String> details = new ArrayList<>();
    if (attribute.primaryKey()) {
      details.add("primary key");
    }
    if (column.identity() != Column.Identity.NONE) {
      details.add("identity " + column.identity().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    if (column.defaultExpression() != null) {
      details.add("default " + column.defaultExpression());
    }
    if (column.generatedExpression() != null) {
      details.add("generated as " + column.generatedExpression());
    }
    if (!attribute.name().words().equals(column.name())) {
      details.add("named " + attribute.name().words());
    }
    if (column.deprecation() != null) {
      details.add("deprecated: " + column.deprecation());
    }
    String comment = column.comment() == null ? "" : oneLine(column.comment().lines()
        .filter(line -> !line.strip().startsWith(Column.DEPRECATED_MARKER)).collect(java.util.stream.Collectors.joining("\n")));
    if (!comment.isEmpty()) {
      details.add("-- " + comment);
    }
    return new String[] {
      ident(column.name()), type(column.type()), column.nullable() ? "null" : "not null", String.join(", ", details)
    };
  }

  private static String type(PgType type) {
    return switch (type.kind()) {
      case ENUM -> type.sql() + " (enum)";
      case DOMAIN -> type.sql() + " (domain over " + type.base().sql() + ")";
      default -> type.sql();
    };
  }

  private static String unique(UniqueConstraint unique) {
    return unique.name() + " " + columns(unique.columns());
  }

  private static String foreignKey(ForeignKey key) {
    return key.name() + " " + columns(key.columns()) + " → " + name(key.target()) + " " + columns(key.targetColumns());
  }

  private static String index(Table table, Index index) {
    StringBuilder text = new StringBuilder(index.name()).append(": ");
    if (index.primary()) {
      text.append("primary ");
    } else if (index.unique()) {
      text.append("unique ");
    }
    // expression keys are already SQL text; only plain column names need quoting for display
    String keys =
        index.columns().stream()
            .map(key -> table.column(key).isPresent() ? ident(key) : key)
            .collect(Collectors.joining(", "));
    text.append(index.method()).append(" (").append(keys).append(')');
    if (index.predicate() != null) {
      text.append(" where ").append(index.predicate());
    }
    return text.toString();
  }

  /** ", one-to-one" when the back reference is one row, with the reason when no unique index gives it. */
  private static String cardinality(Reference reference) {
    String why = reference.cardinality().isEmpty() ? "" : ": " + reference.cardinality();
    return reference.oneToOne() ? ", one-to-one" + why : why.isEmpty() ? "" : ", one-to-many" + why;
  }

  /** What this table points at: references, polymorphic references and id arrays. */
  private static List<String> outgoing(RelationModel model, QualifiedName table) {
    List<String> lines = new ArrayList<>();
    for (Reference reference : ReportOrder.references(model)) {
      if (reference.from().equals(table)) {
        lines.add(
            reference.forward().words() + " → " + name(reference.to())
                + " (" + String.join(", ", reference.columns().stream().map(TextReport::ident).toList())
                + ", evidence: " + evidence(reference.evidence())
                + cardinality(reference) + ")");
      }
    }
    for (Polymorphic polymorphic : ReportOrder.polymorphics(model)) {
      if (polymorphic.table().equals(table)) {
        String selector =
            polymorphic.typeColumn() == null
                ? "by id prefix of " + ident(polymorphic.idColumn())
                : "by " + ident(polymorphic.typeColumn()) + " + " + ident(polymorphic.idColumn());
        String targets =
            polymorphic.targets().stream()
                .map(t -> t.selector() + " → " + name(t.table()))
                .collect(Collectors.joining(", "));
        lines.add(
            polymorphic.name().words() + " → polymorphic " + selector + ": " + targets
                + " (evidence: " + evidence(polymorphic.evidence()) + ")");
      }
    }
    for (IdArray idArray : ReportOrder.idArrays(model)) {
      if (idArray.table().equals(table)) {
        lines.add(
            idArray.name().words() + " → " + name(idArray.target()) + "[] (" + ident(idArray.column())
                + ", id array, evidence: " + evidence(idArray.evidence()) + ")");
      }
    }
    return lines;
  }

  /** What points at this table, named as seen from here ({@code subscriptions ← stripe.subscription.customer_id}). */
  private static List<String> incoming(RelationModel model, QualifiedName table) {
    List<String> lines = new ArrayList<>();
    for (Reference reference : ReportOrder.references(model)) {
      if (reference.to().equals(table)) {
        lines.add(
            reference.back().words() + " ← " + columnsOf(reference.from(), reference.columns())
                + " (evidence: " + evidence(reference.evidence())
                + cardinality(reference) + ")");
      }
    }
    for (Polymorphic polymorphic : ReportOrder.polymorphics(model)) {
      // one line per pointing column, however many prefixes or type values name this table
      List<Polymorphic.Target> here = polymorphic.targets().stream().filter(t -> t.table().equals(table)).toList();
      if (here.isEmpty()) {
        continue;
      }
      String selectors = here.stream().map(Polymorphic.Target::selector).collect(java.util.stream.Collectors.joining(" or "));
      String how = polymorphic.typeColumn() == null
          ? "ids starting with " + selectors
          : ident(polymorphic.typeColumn()) + " = " + selectors;
      Polymorphic.Target first = here.get(0);
      lines.add(
          (first.back() == null ? "" : first.back().words() + " ")
              + "← " + columnsOf(polymorphic.table(), List.of(polymorphic.idColumn()))
              + " (polymorphic: " + how + ", evidence: " + evidence(polymorphic.evidence()) + ")");
    }
    for (IdArray idArray : ReportOrder.idArrays(model)) {
      if (idArray.target().equals(table)) {
        lines.add(
            idArray.back().words() + " ← " + columnsOf(idArray.table(), List.of(idArray.column()))
                + " (id array, evidence: " + evidence(idArray.evidence()) + ")");
      }
    }
    return lines;
  }

  private static List<String> manyToMany(RelationModel model, QualifiedName table) {
    List<String> lines = new ArrayList<>();
    for (ManyToMany join : ReportOrder.manyToMany(model)) {
      if (join.left().to().equals(table)) {
        lines.add(join.leftName().words() + " ↔ " + name(join.right().to()) + " (through " + name(join.joinTable()) + ")");
      }
      if (join.right().to().equals(table)) {
        lines.add(join.rightName().words() + " ↔ " + name(join.left().to()) + " (through " + name(join.joinTable()) + ")");
      }
    }
    return lines;
  }

  private static String unresolved(Unresolved unresolved) {
    String candidates =
        unresolved.candidates().isEmpty()
            ? ""
            : " (candidates: "
                + ReportOrder.sortedNames(unresolved.candidates()).stream()
                    .map(TextReport::name)
                    .collect(Collectors.joining(", "))
                + ")";
    return ident(unresolved.column()) + ": " + unresolved.reason() + candidates;
  }

  private static void enums(RelationModel model, StringBuilder out) {
    if (model.catalog().enumTypes().isEmpty()) {
      return;
    }
    out.append("\nEnum types\n");
    for (PgType type : model.catalog().enumTypes()) {
      out.append("  ")
          .append(name(new QualifiedName(type.schema(), type.name())))
          .append(": ")
          .append(String.join(", ", type.enumLabels()))
          .append('\n');
    }
  }

  private static void section(String title, List<String> lines, StringBuilder out) {
    if (lines.isEmpty()) {
      return;
    }
    out.append("   ").append(title).append('\n');
    for (String line : lines) {
      out.append("     ").append(line).append('\n');
    }
  }

  /** Rows padded to the widest cell of each column; trailing blanks trimmed. */
  private static void aligned(List<String[]> rows, String indent, StringBuilder out) {
    int columns = rows.isEmpty() ? 0 : rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()) + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String kind(Table table) {
    return table.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String evidence(Enum<?> evidence) {
    return evidence.name().toLowerCase(Locale.ROOT);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String columns(List<String> columns) {
    return "(" + columns.stream().map(TextReport::ident).collect(Collectors.joining(", ")) + ")";
  }

  private static String columnsOf(QualifiedName table, List<String> columns) {
    return columns.size() == 1 ? name(table) + "." + ident(columns.get(0)) : name(table) + " " + columns(columns);
  }

  private static String name(QualifiedName name) {
    return ident(name.schema()) + "." + ident(name.name());
  }

  /** Names print as they are unless a reader could misread them (spaces, capitals, quotes): then quoted as SQL would. */
  static String ident(String name) {
    return PLAIN_IDENTIFIER.matcher(name).matches() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
