package dev.ferry.codegen.jpa;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
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
import dev.ferry.naming.NamedPolymorphic;
import dev.ferry.naming.NamedPolymorphicBack;
import dev.ferry.naming.Unrepresentable;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Polymorphic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * One entity class: the table's columns as fields, each reference as a lazy {@code @ManyToOne} (or
 * {@code @OneToOne}) over join columns that neither insert nor update and declare no foreign-key
 * constraint, the inverse side as {@code @OneToMany(mappedBy)}, many-to-many through the join
 * table's {@code @JoinTable}, a type-column polymorphic pair as Hibernate's {@code @Any} and each
 * target's side of it as a {@code @OneToMany} restricted to its type value. Database names are written as Postgres needs them quoted ({@code
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
  private static final ClassName DISCRIMINATOR_TYPE = ClassName.get(JPA, "DiscriminatorType");
  private static final ClassName ANY = ClassName.get("org.hibernate.annotations", "Any");
  private static final ClassName ANY_DISCRIMINATOR = ClassName.get("org.hibernate.annotations", "AnyDiscriminator");
  private static final ClassName ANY_DISCRIMINATOR_VALUE = ClassName.get("org.hibernate.annotations", "AnyDiscriminatorValue");
  private static final ClassName ANY_KEY_JAVA_CLASS = ClassName.get("org.hibernate.annotations", "AnyKeyJavaClass");
  private static final ClassName SQL_RESTRICTION = ClassName.get("org.hibernate.annotations", "SQLRestriction");
  private static final ClassName IMMUTABLE = ClassName.get("org.hibernate.annotations", "Immutable");
  private static final ClassName JDBC_TYPE_CODE = ClassName.get("org.hibernate.annotations", "JdbcTypeCode");
  private static final ClassName SQL_TYPES = ClassName.get("org.hibernate.type", "SqlTypes");
  private static final ClassName SERIALIZABLE = ClassName.get(java.io.Serializable.class);
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName ARRAY_LIST = ClassName.get(ArrayList.class);
  // immutable specs every entity shares instead of building its own
  private static final AnnotationSpec ENTITY_ANNOTATION = AnnotationSpec.builder(ENTITY).build();
  private static final AnnotationSpec IMMUTABLE_ANNOTATION = AnnotationSpec.builder(IMMUTABLE).build();
  private static final AnnotationSpec ID_ANNOTATION = AnnotationSpec.builder(ID).build();
  private static final AnnotationSpec MANY_TO_MANY_ANNOTATION = AnnotationSpec.builder(MANY_TO_MANY).build();
  // member values parsed once, not once per association
  private static final CodeBlock LAZY = CodeBlock.of("$T.LAZY", FETCH_TYPE);
  private static final CodeBlock FALSE = CodeBlock.of("false");
  private static final CodeBlock NO_CONSTRAINT = CodeBlock.of("$L", AnnotationSpec.builder(FOREIGN_KEY).addMember("value", "$T.NO_CONSTRAINT", CONSTRAINT_MODE).build());
  private static final AnnotationSpec MANY_TO_ONE_LAZY = AnnotationSpec.builder(MANY_TO_ONE).addMember("fetch", LAZY).build();
  private static final AnnotationSpec ONE_TO_ONE_LAZY = AnnotationSpec.builder(ONE_TO_ONE).addMember("fetch", LAZY).build();
  private static final CodeBlock NEW_ARRAY_LIST = CodeBlock.of("new $T<>()", ARRAY_LIST);
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  /** {@code @JdbcTypeCode(SqlTypes.X)} by type code. */
  private static final Map<String, AnnotationSpec> TYPE_CODES = new ConcurrentHashMap<>();

  private final NamedModel model;
  private final Map<String, String> packages;
  private final boolean readOnly;

  /** Decided before rendering, so entities can be rendered on several threads. */
  private final Set<QualifiedName> modeled = new HashSet<>();
  private final Map<QualifiedName, ClassName> classes = new HashMap<>();
  private final Map<QualifiedName, TypeName> lists = new HashMap<>();

  EntityRenderer(NamedModel model, Map<String, String> packages, boolean readOnly) {
    this.model = model;
    this.packages = packages;
    this.readOnly = readOnly;
    for (NamedEntity entity : model.entities()) {
      QualifiedName name = entity.entity().name();
      if (Unrepresentable.model(Languages.JAVA, entity.entity().table()).isEmpty()) {
        modeled.add(name);
        ClassName type = ClassName.get(packages.get(name.schema()), entity.typeName().value());
        classes.put(name, type);
        lists.put(name, ParameterizedTypeName.get(LIST, type));
      }
    }
  }

  /** Whether the table gets an entity: Hibernate can address its name (dev.ferry.naming.Unrepresentable). */
  boolean modeled(QualifiedName table) {
    return modeled.contains(table);
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
   * user's members below the entity region, before the class's closing brace. JavaPoet writes the
   * file (imports, escaping, layout); the region markers are its file comment and two lines spliced
   * in where the class begins (its Javadoc, which every entity has) and before its closing brace.
   */
  String render(NamedEntity entity) {
    QualifiedName name = entity.entity().name();
    // one prebuilt piece per comment: JavaPoet splits every piece it writes into lines
    JavaFile file = JavaFile.builder(packages.get(name.schema()), type(entity))
        .addFileComment("$L", Regions.BEGIN + " header\nGenerated by Ferry from " + CONTROL.matcher(name.toString()).replaceAll(" ")
            + ". Ferry rewrites the generated regions; add your imports and members outside them.")
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
    // sized for a field and a getter per member, so the text is not copied as it grows
    StringBuilder source = new StringBuilder(1024 + 192 * (entity.attributes().size() + entity.associations().size()));
    try {
      file.writeTo(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    source.insert(source.length() - "}\n".length(), "\n  // " + Regions.END + "\n");
    int declaration = source.indexOf("\n/**\n");
    return source.replace(declaration, declaration + 1, "// " + Regions.END + "\n\n// " + Regions.BEGIN + " entity\n").toString();
  }

  private TypeSpec type(NamedEntity entity) {
    Table table = entity.entity().table();
    QualifiedName name = table.name();
    List<String> identifier = identifier(table);
    String javadoc = "The rows of " + doc(name.toString()) + (readOnly ? ", read-only: the sync owns them.\n" : ".\n");
    if (table.primaryKey().isEmpty()) {
      javadoc += "\n<p>The table has no primary key; the entity's identifier is "
          + (identifier.size() == table.columns().size() ? "every column (a row with a null in any of them is not loaded)"
              : "its unique key " + doc(String.join(", ", identifier))) + ".\n";
    }
    TypeSpec.Builder type = TypeSpec.classBuilder(entity.typeName().value())
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("$L", javadoc);
    type.addAnnotation(ENTITY_ANNOTATION)
        .addAnnotation(AnnotationSpec.builder(TABLE)
            .addMember("schema", "$S", SqlNames.ident(name.schema()))
            .addMember("name", "$S", SqlNames.ident(name.name()))
            .build());
    if (readOnly) {
      type.addAnnotation(IMMUTABLE_ANNOTATION);
    }
    if (identifier.size() > 1) {
      // Hibernate's non-aggregated composite identifier: the entity is its own id class
      type.addSuperinterface(SERIALIZABLE);
    }
    List<MethodSpec> getters = new ArrayList<>();
    for (NamedAttribute attribute : entity.attributes()) {
      FieldSpec field = attributeField(attribute, identifier.contains(attribute.column()));
      type.addField(field);
      getters.add(getter(attribute.name(), field));
    }
    for (NamedAssociation association : entity.associations()) {
      if (!modeled(association.target()) || (association.through() != null && !modeled(association.through().joinTable()))) {
        continue;
      }
      FieldSpec field = associationField(association);
      type.addField(field);
      getters.add(getter(association.name(), field));
    }
    for (NamedPolymorphic pair : entity.polymorphics()) {
      if (!anyTargets(pair).isEmpty()) {
        FieldSpec field = any(entity, pair);
        type.addField(field);
        getters.add(getter(pair.name(), field));
      }
    }
    for (NamedPolymorphicBack back : entity.polymorphicBacks()) {
      if (restricted(back)) {
        FieldSpec field = polymorphicBack(back);
        type.addField(field);
        getters.add(getter(back.name(), field));
      }
    }
    return type.addMethods(getters).build();
  }

  private static FieldSpec attributeField(NamedAttribute attribute, boolean id) {
    Column column = attribute.attribute().column();
    JpaTypes types = JpaTypes.of(attribute.attribute().type());
    FieldSpec.Builder field = FieldSpec.builder(types.javaType(), attribute.name().value(), Modifier.PRIVATE);
    if (id) {
      field.addAnnotation(ID_ANNOTATION);
    }
    AnnotationSpec.Builder columnAnnotation = AnnotationSpec.builder(COLUMN).addMember("name", "$S", SqlNames.ident(column.name()));
    if (types.definition() != null) {
      columnAnnotation.addMember("columnDefinition", "$S", types.definition());
    }
    if (column.generatedExpression() != null || column.identity() == Column.Identity.ALWAYS) {
      columnAnnotation.addMember("insertable", FALSE).addMember("updatable", FALSE);
    }
    field.addAnnotation(columnAnnotation.build());
    if (types.typeCode() != null) {
      field.addAnnotation(TYPE_CODES.computeIfAbsent(types.typeCode(),
          code -> AnnotationSpec.builder(JDBC_TYPE_CODE).addMember("value", "$T.$L", SQL_TYPES, code).build()));
    }
    return field.build();
  }

  private FieldSpec associationField(NamedAssociation association) {
    ClassName target = className(association.target());
    String name = association.name().value();
    return switch (association.kind()) {
      case BELONGS_TO -> FieldSpec.builder(target, name, Modifier.PRIVATE)
          .addAnnotation(association.reference().oneToOne() ? ONE_TO_ONE_LAZY : MANY_TO_ONE_LAZY)
          .addAnnotation(joinColumns(association.columns(), association.targetColumns()))
          .build();
      case HAS_ONE -> FieldSpec.builder(target, name, Modifier.PRIVATE)
          .addAnnotation(AnnotationSpec.builder(ONE_TO_ONE).addMember("mappedBy", "$S", association.inverse().value())
              .addMember("fetch", LAZY).build())
          .build();
      case HAS_MANY -> FieldSpec.builder(lists.get(association.target()), name, Modifier.PRIVATE)
          .addAnnotation(AnnotationSpec.builder(ONE_TO_MANY).addMember("mappedBy", "$S", association.inverse().value()).build())
          .initializer(NEW_ARRAY_LIST)
          .build();
      case MANY_TO_MANY -> manyToMany(association, lists.get(association.target()), name);
    };
  }

  /** The left side of the join owns the {@code @JoinTable}; the right side is {@code mappedBy} it. */
  private static FieldSpec manyToMany(NamedAssociation association, TypeName list, String name) {
    ManyToMany through = association.through();
    FieldSpec.Builder field = FieldSpec.builder(list, name, Modifier.PRIVATE).initializer(NEW_ARRAY_LIST);
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
    joinTable.addMember("foreignKey", NO_CONSTRAINT).addMember("inverseForeignKey", NO_CONSTRAINT);
    return field.addAnnotation(MANY_TO_MANY_ANNOTATION).addAnnotation(joinTable.build()).build();
  }

  /**
   * The targets a type-column pair's {@code @Any} maps, or none when Hibernate cannot map the pair:
   * {@code @Any} reads one key type for every target and refuses to load any row of the entity once
   * one holds a type value it does not know, so every type value sampled must name a target with an
   * entity whose one-column key has the id column's Java class.
   */
  List<NamedPolymorphic.Forward> anyTargets(NamedPolymorphic pair) {
    Polymorphic polymorphic = pair.polymorphic();
    Optional<ClassName> key = keyClass(polymorphic.table(), polymorphic.idColumn());
    if (polymorphic.typeColumn() == null || !modeled(polymorphic.table()) || key.isEmpty() || !polymorphic.unmatched().isEmpty()
        || pair.forwards().size() != polymorphic.targets().size()) {
      return List.of();
    }
    for (NamedPolymorphic.Forward forward : pair.forwards()) {
      if (!restricted(forward.target(), key.get())) {
        return List.of();
      }
    }
    return pair.forwards();
  }

  /** Whether a target gets the owner's rows of its type value as a collection: it joins on its key alone. */
  boolean restricted(NamedPolymorphicBack back) {
    Polymorphic polymorphic = back.pair().polymorphic();
    Optional<ClassName> key = keyClass(polymorphic.table(), polymorphic.idColumn());
    return modeled(polymorphic.table()) && key.isPresent() && back.pair().forward(back.target()).isPresent() && restricted(back.target(), key.get());
  }

  private boolean restricted(Polymorphic.Target target, ClassName key) {
    QualifiedName table = target.table();
    return modeled(table) && keyClass(table, model.entity(table).orElseThrow().entity().primaryKey().get(0)).equals(Optional.of(key));
  }

  private Optional<ClassName> keyClass(QualifiedName table, String column) {
    return model.entity(table).flatMap(e -> e.attribute(column))
        .map(a -> JpaTypes.of(a.attribute().type()).javaType())
        .filter(ClassName.class::isInstance).map(ClassName.class::cast);
  }

  /**
   * {@code @Any} over the pair's two columns, one {@code @AnyDiscriminatorValue} per type value;
   * read-only, since the two plain fields own the columns' values.
   */
  private FieldSpec any(NamedEntity owner, NamedPolymorphic pair) {
    Polymorphic polymorphic = pair.polymorphic();
    FieldSpec.Builder field = FieldSpec.builder(Object.class, pair.name().value(), Modifier.PRIVATE)
        .addAnnotation(AnnotationSpec.builder(ANY).addMember("fetch", LAZY).build())
        .addAnnotation(AnnotationSpec.builder(ANY_DISCRIMINATOR).addMember("value", "$T.STRING", DISCRIMINATOR_TYPE).build());
    for (NamedPolymorphic.Forward forward : anyTargets(pair)) {
      field.addAnnotation(AnnotationSpec.builder(ANY_DISCRIMINATOR_VALUE)
          .addMember("discriminator", "$S", forward.target().selector())
          .addMember("entity", "$T.class", className(forward.target().table()))
          .build());
    }
    return field
        .addAnnotation(AnnotationSpec.builder(ANY_KEY_JAVA_CLASS).addMember("value", "$T.class", keyClass(owner.entity().name(), polymorphic.idColumn()).orElseThrow()).build())
        .addAnnotation(AnnotationSpec.builder(COLUMN).addMember("name", "$S", SqlNames.ident(polymorphic.typeColumn()))
            .addMember("insertable", FALSE).addMember("updatable", FALSE).build())
        .addAnnotation(AnnotationSpec.builder(JOIN_COLUMN).addMember("name", "$S", SqlNames.ident(polymorphic.idColumn()))
            .addMember("insertable", FALSE).addMember("updatable", FALSE).addMember("foreignKey", NO_CONSTRAINT).build())
        .build();
  }

  /**
   * A target's side of a pair: the owner's rows over the id column, restricted to this target's
   * type value. {@code @Any} has no {@code mappedBy}, so the collection states the join itself.
   */
  private FieldSpec polymorphicBack(NamedPolymorphicBack back) {
    Polymorphic polymorphic = back.pair().polymorphic();
    String key = model.entity(back.target().table()).orElseThrow().entity().primaryKey().get(0);
    return FieldSpec.builder(lists.get(polymorphic.table()), back.name().value(), Modifier.PRIVATE)
        .addAnnotation(ONE_TO_MANY)
        .addAnnotation(joinColumn(polymorphic.idColumn(), key, true))
        .addAnnotation(AnnotationSpec.builder(SQL_RESTRICTION)
            .addMember("value", "$S", SqlNames.ident(polymorphic.typeColumn()) + " = " + SqlNames.literal(back.target().selector()))
            .build())
        .initializer(NEW_ARRAY_LIST)
        .build();
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
    return several.addMember("foreignKey", NO_CONSTRAINT).build();
  }

  private static AnnotationSpec joinColumn(String column, String targetColumn, boolean readOnlyColumn) {
    AnnotationSpec.Builder join = AnnotationSpec.builder(JOIN_COLUMN)
        .addMember("name", "$S", SqlNames.ident(column))
        .addMember("referencedColumnName", "$S", SqlNames.ident(targetColumn));
    if (readOnlyColumn) {
      // the column is also mapped as a plain field, which owns its value
      join.addMember("insertable", FALSE).addMember("updatable", FALSE).addMember("foreignKey", NO_CONSTRAINT);
    }
    return join.build();
  }

  /** Text safe in a Javadoc comment: no comment end, no unicode escape, no line break. */
  private static String doc(String text) {
    return CONTROL.matcher(text.replace("\\", "&#92;").replace("*/", "*&#47;").replace("@", "&#64;")).replaceAll(" ");
  }

  private static MethodSpec getter(Identifier member, FieldSpec field) {
    return MethodSpec.methodBuilder(JavaNames.getter(member))
        .addModifiers(Modifier.PUBLIC)
        .returns(field.type())
        // the statement as one piece: a Java identifier needs no escaping
        .addCode("$L", "return " + member.value() + ";\n")
        .build();
  }

  private ClassName className(QualifiedName table) {
    return classes.get(table);
  }
}
