package dev.ferry.codegen.jpa;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.catalog.UniqueConstraint;
import dev.ferry.codegen.Regions;
import dev.ferry.codegen.ddl.SqlNames;
import dev.ferry.naming.Identifier;
import dev.ferry.naming.JavaNames;
import dev.ferry.naming.Languages;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedAttribute;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.Unrepresentable;
import dev.ferry.relations.ManyToMany;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One entity class: the table's columns as fields, each reference as a lazy {@code @ManyToOne} (or
 * {@code @OneToOne}) over join columns that neither insert nor update and declare no foreign-key
 * constraint, the inverse side as {@code @OneToMany(mappedBy)}, many-to-many through the join
 * table's {@code @JoinTable}. Database names are written as Postgres needs them quoted ({@code
 * "\"Order\""}, JPA's quoted-identifier form); every Java name comes from {@code dev.ferry.naming}.
 */
final class EntityRenderer {
  private static final String JPA = "jakarta.persistence";
  private static final JavaType ENTITY = JavaType.of(JPA, "Entity");
  private static final JavaType TABLE = JavaType.of(JPA, "Table");
  private static final JavaType ID = JavaType.of(JPA, "Id");
  private static final JavaType COLUMN = JavaType.of(JPA, "Column");
  private static final JavaType MANY_TO_ONE = JavaType.of(JPA, "ManyToOne");
  private static final JavaType ONE_TO_ONE = JavaType.of(JPA, "OneToOne");
  private static final JavaType ONE_TO_MANY = JavaType.of(JPA, "OneToMany");
  private static final JavaType MANY_TO_MANY = JavaType.of(JPA, "ManyToMany");
  private static final JavaType JOIN_COLUMN = JavaType.of(JPA, "JoinColumn");
  private static final JavaType JOIN_COLUMNS = JavaType.of(JPA, "JoinColumns");
  private static final JavaType JOIN_TABLE = JavaType.of(JPA, "JoinTable");
  private static final JavaType FOREIGN_KEY = JavaType.of(JPA, "ForeignKey");
  private static final JavaType CONSTRAINT_MODE = JavaType.of(JPA, "ConstraintMode");
  private static final JavaType FETCH_TYPE = JavaType.of(JPA, "FetchType");
  private static final JavaType IMMUTABLE = JavaType.of("org.hibernate.annotations", "Immutable");
  private static final JavaType JDBC_TYPE_CODE = JavaType.of("org.hibernate.annotations", "JdbcTypeCode");
  private static final JavaType SQL_TYPES = JavaType.of("org.hibernate.type", "SqlTypes");
  private static final JavaType SERIALIZABLE = JavaType.of(java.io.Serializable.class);
  private static final JavaType LIST = JavaType.of(List.class);
  private static final JavaType ARRAY_LIST = JavaType.of(ArrayList.class);
  /** Past this width an annotation puts each member on a line of its own. */
  private static final int LINE = 100;

  private final NamedModel model;
  private final Map<String, String> packages;
  private final boolean readOnly;
  private final Map<QualifiedName, NamedEntity> entities = new HashMap<>();
  private final Map<QualifiedName, Boolean> modeled = new HashMap<>();

  EntityRenderer(NamedModel model, Map<String, String> packages, boolean readOnly) {
    this.model = model;
    this.packages = packages;
    this.readOnly = readOnly;
    model.entities().forEach(e -> entities.put(e.entity().name(), e));
  }

  /** Whether the table gets an entity: Hibernate can address its name (dev.ferry.naming.Unrepresentable). */
  boolean modeled(QualifiedName table) {
    return modeled.computeIfAbsent(table, name -> {
      NamedEntity entity = entities.get(name);
      return entity != null && Unrepresentable.model(Languages.JAVA, entity.entity().table()).isEmpty();
    });
  }

  /** The columns the entity's {@code @Id} covers (see {@link #identifier}). */
  static List<String> identifier(Table table) {
    if (table.primaryKey().isPresent()) {
      return table.primaryKey().get().columns();
    }
    for (UniqueConstraint unique : table.uniqueConstraints()) {
      if (unique.columns().stream().allMatch(c -> table.column(c).map(column -> !column.nullable()).orElse(false))) {
        return unique.columns();
      }
    }
    return table.columns().stream().map(Column::name).toList();
  }

  /**
   * The source with two generated regions: {@code header} (package and imports) and {@code entity}
   * (the class declaration, fields and getters), so the user's imports go between them and the
   * user's members below the entity region, before the class's closing brace.
   */
  String render(NamedEntity entity) {
    QualifiedName name = entity.entity().name();
    JavaSource.Rendered source = JavaSource.render(packages.get(name.schema()), entity.typeName().value(), java -> body(java, entity));
    StringBuilder file = new StringBuilder(source.body().length() + source.imports().length() + 512);
    file.append("// ").append(Regions.BEGIN).append(" header\n")
        .append("// Generated by Ferry from ").append(name.toString().replaceAll("\\p{Cntrl}", " "))
        .append(". Ferry rewrites the generated regions; add your imports and members outside them.\n")
        .append(source.packageLine()).append('\n').append(source.imports());
    if (!source.imports().isEmpty()) {
      file.append('\n');
    }
    file.append("// ").append(Regions.END).append("\n\n// ").append(Regions.BEGIN).append(" entity\n").append(source.body());
    return file.toString();
  }

  private String body(JavaSource java, NamedEntity entity) {
    Table table = entity.entity().table();
    QualifiedName name = table.name();
    List<String> identifier = identifier(table);
    StringBuilder out = new StringBuilder(4096);
    out.append("/**\n * The rows of ").append(doc(name.toString())).append(readOnly ? ", read-only: the sync owns them." : ".").append('\n');
    if (table.primaryKey().isEmpty()) {
      out.append(" *\n * <p>The table has no primary key; the entity's identifier is ")
          .append(identifier.size() == table.columns().size() ? "every column (a row with a null in any of them is not loaded)"
              : "its unique key " + doc(String.join(", ", identifier)))
          .append(".\n");
    }
    out.append(" */\n");
    annotation(out, "", java, ENTITY);
    annotation(out, "", java, TABLE, "schema", string(SqlNames.ident(name.schema())), "name", string(SqlNames.ident(name.name())));
    if (readOnly) {
      annotation(out, "", java, IMMUTABLE);
    }
    out.append("public class ").append(entity.typeName().value());
    if (identifier.size() > 1) {
      // Hibernate's non-aggregated composite identifier: the entity is its own id class
      out.append(" implements ").append(java.name(SERIALIZABLE));
    }
    out.append(" {\n");
    StringBuilder getters = new StringBuilder(1024);
    boolean first = true;
    for (NamedAttribute attribute : entity.attributes()) {
      out.append(first ? "" : "\n");
      first = false;
      String type = attributeField(out, java, attribute, identifier.contains(attribute.column()));
      getter(getters, attribute.name(), type);
    }
    for (NamedAssociation association : entity.associations()) {
      if (!modeled(association.target()) || (association.through() != null && !modeled(association.through().joinTable()))) {
        continue;
      }
      out.append(first ? "" : "\n");
      first = false;
      String type = associationField(out, java, association);
      getter(getters, association.name(), type);
    }
    out.append(getters).append("\n  // ").append(Regions.END).append("\n}\n");
    return out.toString();
  }

  private String attributeField(StringBuilder out, JavaSource java, NamedAttribute attribute, boolean id) {
    Column column = attribute.attribute().column();
    JpaTypes types = JpaTypes.of(attribute.attribute().type());
    if (id) {
      annotation(out, "  ", java, ID);
    }
    List<String> members = new ArrayList<>(List.of("name", string(SqlNames.ident(column.name()))));
    if (types.definition() != null) {
      members.addAll(List.of("columnDefinition", string(types.definition())));
    }
    if (column.generatedExpression() != null || column.identity() == Column.Identity.ALWAYS) {
      members.addAll(List.of("insertable", "false", "updatable", "false"));
    }
    annotation(out, "  ", java, COLUMN, members.toArray(String[]::new));
    if (types.typeCode() != null) {
      annotation(out, "  ", java, JDBC_TYPE_CODE, "value", java.name(SQL_TYPES) + "." + types.typeCode());
    }
    String type = java.name(types.javaType());
    out.append("  private ").append(type).append(' ').append(attribute.name().value()).append(";\n");
    return type;
  }

  private String associationField(StringBuilder out, JavaSource java, NamedAssociation association) {
    String target = className(java, association.target());
    String name = association.name().value();
    // each type named only where it is written: naming it imports it
    switch (association.kind()) {
      case BELONGS_TO -> {
        annotation(out, "  ", java, association.reference().oneToOne() ? ONE_TO_ONE : MANY_TO_ONE, "fetch", lazy(java));
        joinColumns(out, java, association.columns(), association.targetColumns());
        field(out, target, name, null);
        return target;
      }
      case HAS_ONE -> {
        annotation(out, "  ", java, ONE_TO_ONE, "mappedBy", string(association.inverse().value()), "fetch", lazy(java));
        field(out, target, name, null);
        return target;
      }
      case HAS_MANY -> {
        annotation(out, "  ", java, ONE_TO_MANY, "mappedBy", string(association.inverse().value()));
        String list = java.name(LIST) + "<" + target + ">";
        field(out, list, name, java.name(ARRAY_LIST));
        return list;
      }
      case MANY_TO_MANY -> {
        manyToMany(out, java, association);
        String list = java.name(LIST) + "<" + target + ">";
        field(out, list, name, java.name(ARRAY_LIST));
        return list;
      }
      default -> throw new IllegalStateException(association.kind().toString());
    }
  }

  private static String lazy(JavaSource java) {
    return java.name(FETCH_TYPE) + ".LAZY";
  }

  private static void field(StringBuilder out, String type, String name, String listType) {
    out.append("  private ").append(type).append(' ').append(name);
    if (listType != null) {
      out.append(" = new ").append(listType).append("<>()");
    }
    out.append(";\n");
  }

  /** The left side of the join owns the {@code @JoinTable}; the right side is {@code mappedBy} it. */
  private static void manyToMany(StringBuilder out, JavaSource java, NamedAssociation association) {
    ManyToMany through = association.through();
    if (!association.reference().equals(through.left())) {
      annotation(out, "  ", java, MANY_TO_MANY, "mappedBy", string(association.inverse().value()));
      return;
    }
    annotation(out, "  ", java, MANY_TO_MANY);
    QualifiedName join = through.joinTable();
    List<String> left = new ArrayList<>();
    for (int i = 0; i < through.left().columns().size(); i++) {
      left.add(joinColumn(java, through.left().columns().get(i), through.left().targetColumns().get(i), false));
    }
    List<String> right = new ArrayList<>();
    for (int i = 0; i < through.right().columns().size(); i++) {
      right.add(joinColumn(java, through.right().columns().get(i), through.right().targetColumns().get(i), false));
    }
    annotation(out, "  ", java, JOIN_TABLE, "schema", string(SqlNames.ident(join.schema())), "name", string(SqlNames.ident(join.name())),
        "joinColumns", values(left), "inverseJoinColumns", values(right),
        "foreignKey", noConstraint(java), "inverseForeignKey", noConstraint(java));
  }

  /** {@code @JoinColumn}, or {@code @JoinColumns} over several columns, read-only and without a constraint. */
  private static void joinColumns(StringBuilder out, JavaSource java, List<String> columns, List<String> targetColumns) {
    if (columns.size() == 1) {
      annotation(out, "  ", java, JOIN_COLUMN, joinColumnMembers(java, columns.get(0), targetColumns.get(0), true));
      return;
    }
    List<String> several = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      several.add(joinColumn(java, columns.get(i), targetColumns.get(i), true));
    }
    annotation(out, "  ", java, JOIN_COLUMNS, "value", values(several), "foreignKey", noConstraint(java));
  }

  private static String joinColumn(JavaSource java, String column, String targetColumn, boolean readOnlyColumn) {
    StringBuilder inline = new StringBuilder();
    annotation(inline, null, java, JOIN_COLUMN, joinColumnMembers(java, column, targetColumn, readOnlyColumn));
    return inline.toString();
  }

  private static String[] joinColumnMembers(JavaSource java, String column, String targetColumn, boolean readOnlyColumn) {
    List<String> members = new ArrayList<>(List.of("name", string(SqlNames.ident(column)), "referencedColumnName", string(SqlNames.ident(targetColumn))));
    if (readOnlyColumn) {
      // the column is also mapped as a plain field, which owns its value
      members.addAll(List.of("insertable", "false", "updatable", "false", "foreignKey", noConstraint(java)));
    }
    return members.toArray(String[]::new);
  }

  private static String noConstraint(JavaSource java) {
    return "@" + java.name(FOREIGN_KEY) + "(" + java.name(CONSTRAINT_MODE) + ".NO_CONSTRAINT)";
  }

  /** One annotation value, or several in braces. */
  private static String values(List<String> values) {
    return values.size() == 1 ? values.get(0) : "{" + String.join(", ", values) + "}";
  }

  /**
   * {@code @Type(member = value, ...)} (a lone {@code value} member unnamed): on one line after
   * {@code indent}, or with a member per line where that line would pass {@value #LINE} columns; a
   * null {@code indent} writes it inline, without a line end, as a member's value.
   */
  private static void annotation(StringBuilder out, String indent, JavaSource java, JavaType type, String... members) {
    int start = out.length();
    out.append(indent == null ? "" : indent).append('@').append(java.name(type));
    if (members.length == 0) {
      out.append(indent == null ? "" : "\n");
      return;
    }
    if (members.length == 2 && members[0].equals("value")) {
      out.append('(').append(members[1]).append(')').append(indent == null ? "" : "\n");
      return;
    }
    int open = out.length();
    out.append('(');
    for (int i = 0; i < members.length; i += 2) {
      out.append(i == 0 ? "" : ", ").append(members[i]).append(" = ").append(members[i + 1]);
    }
    out.append(')');
    if (indent == null) {
      return;
    }
    if (out.length() - start > LINE) {
      out.setLength(open);
      out.append("(\n");
      for (int i = 0; i < members.length; i += 2) {
        out.append(indent).append("    ").append(members[i]).append(" = ").append(members[i + 1]).append(i + 2 < members.length ? ",\n" : "\n");
      }
      out.append(indent).append(')');
    }
    out.append('\n');
  }

  /** A Java string literal. */
  private static String string(String text) {
    StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> literal.append("\\\"");
        case '\\' -> literal.append("\\\\");
        case '\n' -> literal.append("\\n");
        case '\r' -> literal.append("\\r");
        case '\t' -> literal.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            literal.append(String.format("\\u%04x", (int) c));
          } else {
            literal.append(c);
          }
        }
      }
    }
    return literal.append('"').toString();
  }

  /** Text safe in a Javadoc comment: no comment end, no unicode escape, no line break. */
  private static String doc(String text) {
    return text.replace("\\", "&#92;").replace("*/", "*&#47;").replace("@", "&#64;").replaceAll("\\p{Cntrl}", " ");
  }

  private static void getter(StringBuilder out, Identifier member, String type) {
    out.append("\n  public ").append(type).append(' ').append(JavaNames.getter(member))
        .append("() {\n    return ").append(member.value()).append(";\n  }\n");
  }

  private String className(JavaSource java, QualifiedName table) {
    return java.name(JavaType.of(packages.get(table.schema()), entities.get(table).typeName().value()));
  }
}
