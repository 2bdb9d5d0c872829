package dev.ferry.codegen.jpa;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
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
import dev.ferry.relations.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * One entity class: the table's columns as fields, each reference as a lazy {@code @ManyToOne} (or
 * {@code @OneToOne}) over join columns that neither insert nor update and declare no foreign-key
 * constraint, the inverse side as {@code @OneToMany(mappedBy)}, many-to-many through the join
 * table's {@code @JoinTable}. Database names are written as Postgres needs them quoted ({@code
 * "\"Order\""}, JPA's quoted-identifier form); every Java name comes from {@code dev.ferry.naming}.
 */
final class EntityRenderer {
  private static final String JPA = "jakarta.persistence";
  private static final ClassName ENTITY = ClassName.get(JPA, "Entity");
  private static final ClassName TABLE = ClassName.get(JPA, "Table");
  private static final ClassName ID = ClassName.get(JPA, "Id");
  private static final ClassName COLUMN = ClassName.get(JPA, "Column");
  private static final ClassName MANY_TO_ONE = ClassName.get(JPA, "ManyToOne");
  private static final ClassName ONE_TO_ONE = ClassName.get(JPA, "OneToOne");
  private static final ClassName ONE_TO_MANY = ClassName.get(JPA, "OneToMany");
  private static final ClassName MANY_TO_MANY = ClassName.get(JPA, "ManyToMany");
  private static final ClassName JOIN_COLUMN = ClassName.get(JPA, "JoinColumn");
  private static final ClassName JOIN_COLUMNS = ClassName.get(JPA, "JoinColumns");
  private static final ClassName JOIN_TABLE = ClassName.get(JPA, "JoinTable");
  private static final ClassName FOREIGN_KEY = ClassName.get(JPA, "ForeignKey");
  private static final ClassName CONSTRAINT_MODE = ClassName.get(JPA, "ConstraintMode");
  private static final ClassName FETCH_TYPE = ClassName.get(JPA, "FetchType");
  private static final ClassName IMMUTABLE = ClassName.get("org.hibernate.annotations", "Immutable");
  private static final ClassName JDBC_TYPE_CODE = ClassName.get("org.hibernate.annotations", "JdbcTypeCode");
  private static final ClassName SQL_TYPES = ClassName.get("org.hibernate.type", "SqlTypes");
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName ARRAY_LIST = ClassName.get(ArrayList.class);

  private final NamedModel model;
  private final Map<String, String> packages;
  private final boolean readOnly;
  private final Map<QualifiedName, NamedEntity> entities = new HashMap<>();

  EntityRenderer(NamedModel model, Map<String, String> packages, boolean readOnly) {
    this.model = model;
    this.packages = packages;
    this.readOnly = readOnly;
    model.entities().forEach(e -> entities.put(e.entity().name(), e));
  }

  /** Whether the table gets an entity: Hibernate can address its name (dev.ferry.naming.Unrepresentable). */
  boolean modeled(QualifiedName table) {
    NamedEntity entity = entities.get(table);
    return entity != null && Unrepresentable.model(Languages.JAVA, entity.entity().table()).isEmpty();
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

  String render(NamedEntity entity) {
    Table table = entity.entity().table();
    QualifiedName name = table.name();
    List<String> identifier = identifier(table);
    TypeSpec.Builder type = TypeSpec.classBuilder(entity.typeName().value())
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The rows of $L" + (readOnly ? ", read-only: the sync owns them." : ".") + "\n", doc(name.toString()))
        .addAnnotation(ENTITY)
        .addAnnotation(AnnotationSpec.builder(TABLE)
            .addMember("schema", "$S", SqlNames.ident(name.schema()))
            .addMember("name", "$S", SqlNames.ident(name.name()))
            .build());
    if (table.primaryKey().isEmpty()) {
      type.addJavadoc("\n<p>The table has no primary key; the entity's identifier is $L.\n",
          identifier.size() == table.columns().size() ? "every column (a row with a null in any of them is not loaded)"
              : "its unique key " + doc(String.join(", ", identifier)));
    }
    if (readOnly) {
      type.addAnnotation(IMMUTABLE);
    }
    if (identifier.size() > 1) {
      // Hibernate's non-aggregated composite identifier: the entity is its own id class
      type.addSuperinterface(java.io.Serializable.class);
    }
    List<MethodSpec> getters = new ArrayList<>();
    for (NamedAttribute attribute : entity.attributes()) {
      FieldSpec field = attributeField(attribute, identifier.contains(attribute.column()));
      type.addField(field);
      getters.add(getter(attribute.name(), field.type));
    }
    for (NamedAssociation association : entity.associations()) {
      if (!modeled(association.target()) || (association.through() != null && !modeled(association.through().joinTable()))) {
        continue;
      }
      FieldSpec field = associationField(association);
      type.addField(field);
      getters.add(getter(association.name(), field.type));
    }
    type.addMethods(getters);
    String source = JavaFile.builder(packages.get(name.schema()), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build()
        .toString();
    return withRegions(source, name);
  }

  private FieldSpec attributeField(NamedAttribute attribute, boolean id) {
    Column column = attribute.attribute().column();
    JpaTypes types = JpaTypes.of(attribute.attribute().type());
    FieldSpec.Builder field = FieldSpec.builder(types.javaType(), attribute.name().value(), Modifier.PRIVATE);
    if (id) {
      field.addAnnotation(ID);
    }
    AnnotationSpec.Builder columnAnnotation = AnnotationSpec.builder(COLUMN).addMember("name", "$S", SqlNames.ident(column.name()));
    if (types.definition() != null) {
      columnAnnotation.addMember("columnDefinition", "$S", types.definition());
    }
    if (column.generatedExpression() != null || column.identity() == Column.Identity.ALWAYS) {
      columnAnnotation.addMember("insertable", "false").addMember("updatable", "false");
    }
    field.addAnnotation(columnAnnotation.build());
    if (types.typeCode() != null) {
      field.addAnnotation(AnnotationSpec.builder(JDBC_TYPE_CODE).addMember("value", "$T.$L", SQL_TYPES, types.typeCode()).build());
    }
    return field.build();
  }

  private FieldSpec associationField(NamedAssociation association) {
    ClassName target = className(association.target());
    String name = association.name().value();
    return switch (association.kind()) {
      case BELONGS_TO -> FieldSpec.builder(target, name, Modifier.PRIVATE)
          .addAnnotation(AnnotationSpec.builder(association.reference().oneToOne() ? ONE_TO_ONE : MANY_TO_ONE)
              .addMember("fetch", "$T.LAZY", FETCH_TYPE).build())
          .addAnnotation(joinColumns(association.columns(), association.targetColumns()))
          .build();
      case HAS_ONE -> FieldSpec.builder(target, name, Modifier.PRIVATE)
          .addAnnotation(AnnotationSpec.builder(ONE_TO_ONE).addMember("mappedBy", "$S", association.inverse().value())
              .addMember("fetch", "$T.LAZY", FETCH_TYPE).build())
          .build();
      case HAS_MANY -> FieldSpec.builder(ParameterizedTypeName.get(LIST, target), name, Modifier.PRIVATE)
          .addAnnotation(AnnotationSpec.builder(ONE_TO_MANY).addMember("mappedBy", "$S", association.inverse().value()).build())
          .initializer("new $T<>()", ARRAY_LIST)
          .build();
      case MANY_TO_MANY -> manyToMany(association, target, name);
    };
  }

  /** The left side of the join owns the {@code @JoinTable}; the right side is {@code mappedBy} it. */
  private FieldSpec manyToMany(NamedAssociation association, ClassName target, String name) {
    ManyToMany through = association.through();
    FieldSpec.Builder field = FieldSpec.builder(ParameterizedTypeName.get(LIST, target), name, Modifier.PRIVATE)
        .initializer("new $T<>()", ARRAY_LIST);
    if (!association.reference().equals(through.left())) {
      return field.addAnnotation(AnnotationSpec.builder(MANY_TO_MANY).addMember("mappedBy", "$S", association.inverse().value()).build())
          .build();
    }
    QualifiedName join = through.joinTable();
    AnnotationSpec.Builder joinTable = AnnotationSpec.builder(JOIN_TABLE)
        .addMember("schema", "$S", SqlNames.ident(join.schema()))
        .addMember("name", "$S", SqlNames.ident(join.name()));
    for (int i = 0; i < through.left().columns().size(); i++) {
      joinTable.addMember("joinColumns", "$L", joinColumn(through.left().columns().get(i), through.left().targetColumns().get(i), false));
    }
    for (int i = 0; i < through.right().columns().size(); i++) {
      joinTable.addMember("inverseJoinColumns", "$L", joinColumn(through.right().columns().get(i), through.right().targetColumns().get(i), false));
    }
    joinTable.addMember("foreignKey", "$L", noConstraint()).addMember("inverseForeignKey", "$L", noConstraint());
    return field.addAnnotation(MANY_TO_MANY).addAnnotation(joinTable.build()).build();
  }

  /** {@code @JoinColumn}, or {@code @JoinColumns} over several columns, read-only and without a constraint. */
  private static AnnotationSpec joinColumns(List<String> columns, List<String> targetColumns) {
    if (columns.size() == 1) {
      return joinColumn(columns.get(0), targetColumns.get(0), true);
    }
    AnnotationSpec.Builder several = AnnotationSpec.builder(JOIN_COLUMNS);
    for (int i = 0; i < columns.size(); i++) {
      several.addMember("value", "$L", joinColumn(columns.get(i), targetColumns.get(i), true));
    }
    return several.addMember("foreignKey", "$L", noConstraint()).build();
  }

  private static AnnotationSpec joinColumn(String column, String targetColumn, boolean readOnlyColumn) {
    AnnotationSpec.Builder join = AnnotationSpec.builder(JOIN_COLUMN)
        .addMember("name", "$S", SqlNames.ident(column))
        .addMember("referencedColumnName", "$S", SqlNames.ident(targetColumn));
    if (readOnlyColumn) {
      // the column is also mapped as a plain field, which owns its value
      join.addMember("insertable", "false").addMember("updatable", "false").addMember("foreignKey", "$L", noConstraint());
    }
    return join.build();
  }

  private static AnnotationSpec noConstraint() {
    return AnnotationSpec.builder(FOREIGN_KEY).addMember("value", "$T.NO_CONSTRAINT", CONSTRAINT_MODE).build();
  }

  /** Text safe in a Javadoc comment: no comment end, no unicode escape, no line break. */
  private static String doc(String text) {
    return text.replace("\\", "&#92;").replace("*/", "*&#47;").replace("@", "&#64;").replaceAll("\\p{Cntrl}", " ");
  }

  private static MethodSpec getter(Identifier member, TypeName type) {
    return MethodSpec.methodBuilder(JavaNames.getter(member))
        .addModifiers(Modifier.PUBLIC)
        .returns(type)
        .addCode(CodeBlock.of("return $N;\n", member.value()))
        .build();
  }

  private ClassName className(QualifiedName table) {
    return ClassName.get(packages.get(table.schema()), entities.get(table).typeName().value());
  }

  /**
   * The source with two generated regions: {@code header} (package and imports) and {@code entity}
   * (the class declaration, fields and getters), so the user's imports go between them and the
   * user's members below the entity region, before the class's closing brace.
   */
  private static String withRegions(String source, QualifiedName table) {
    List<String> lines = new ArrayList<>(source.lines().toList());
    int declaration = 0;
    while (!(lines.get(declaration).startsWith("/**") || lines.get(declaration).startsWith("@"))) {
      declaration++;
    }
    int closing = lines.size() - 1;
    while (!lines.get(closing).equals("}")) {
      closing--;
    }
    lines.add(closing, "  // " + Regions.END);
    lines.add(closing, "");
    lines.add(declaration, "// " + Regions.BEGIN + " entity");
    lines.add(declaration, "");
    lines.add(declaration, "// " + Regions.END);
    lines.add(0, "// Generated by Ferry from " + table.toString().replaceAll("\\p{Cntrl}", " ")
        + ". Ferry rewrites the generated regions; add your imports and members outside them.");
    lines.add(0, "// " + Regions.BEGIN + " header");
    return String.join("\n", lines) + "\n";
  }
}
