package dev.ferry.codegen.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.Catalog;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.ddl.SqlNames;
import dev.ferry.codegen.fixture.Corpora;
import dev.ferry.codegen.fixture.Javac;
import dev.ferry.codegen.fixture.Outputs;
import dev.ferry.db.DatabaseUrl;
import dev.ferry.naming.Languages;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.Naming;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Path;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.codegen.GenerationTool;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.util.jaxb.tools.MiniJAXB;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Ferry's jOOQ files against jOOQ itself (jooq-codegen 3.19.39, the Open Source Edition from Maven
 * Central, test scope), on every corpus schema in real Postgres with rows:
 * <ul>
 *   <li>the Open Source route: jOOQ's GenerationTool runs with a user configuration (package,
 *       directory) merged with Ferry's {@code ferry-<schema>-xml-database.xml}, which reads Ferry's
 *       INFORMATION_SCHEMA file; javac compiles the output; every reference inside the schema is a
 *       generated foreign key, and for each, an implicit join through jOOQ's generated path method
 *       and an {@code onKey()} join return the same (owner, target) rows as plain SQL;</li>
 *   <li>the commercial route: Ferry's synthetic-keys file is valid against jOOQ's code generator
 *       XSD, GenerationTool runs against the live database with it merged, and its output compiles
 *       (the Open Source Edition ignores synthetic foreign and unique keys, so no join is run on
 *       it); its synthetic primary keys, which every edition honours, are the tables' primary keys.</li>
 * </ul>
 */
class JooqCodegenTest {
  private static final Instant STAMP = Instant.parse("2026-11-25T12:00:00Z");
  private static final String OSS_PACKAGE = "app.jooq.oss";
  private static final String LIVE_PACKAGE = "app.jooq.live";
  static final List<Corpora.Corpus> CORPORA = Corpora.ALL;

  /**
   * Hostile schemas whose names jOOQ's own generator (default strategy) turns into Java that does not
   * compile, with or without Ferry: listed in docs/targets/jooq.md; checked here to stay so.
   */
  static final Map<String, String> JOOQ_CANNOT_NAME = Map.of(
      "hostile-reserved", "a table named class: jOOQ's generated class Class hides java.lang.Class in its own package",
      "hostile-collisions", "columns FooBar, foo bar and foo-bar: jOOQ gives them the same field names",
      "hostile-unicode", "columns straße and strasse: jOOQ gives them the same field name STRASSE");

  @TempDir java.nio.file.Path out;

  @ParameterizedTest(name = "{0}")
  @FieldSource("CORPORA")
  void jooqsGeneratorReadsFerrysRelationshipsAndItsJoinsReturnTheRowsOfSql(Corpora.Corpus corpus) throws Exception {
    String url = Corpora.database(corpus);
    RelationModel model = Corpora.model(url, corpus);
    NamedModel named = Naming.localize(model, Languages.JAVA);
    List<GeneratedFile> files = new JooqTarget(m -> named).generate(new GenerationRequest(model, Map.of(), STAMP));
    Outputs.write(out, files);
    validate(files);

    java.nio.file.Path sources = out.resolve("jooq-src");
    if (JOOQ_CANNOT_NAME.containsKey(corpus.name())) {
      // jOOQ's generator alone, on the live database without Ferry's files, writes Java that does not compile
      GenerationTool.generate(liveConfiguration(url, corpus, List.of(), sources));
      assertThat(compiles(sources, out.resolve("classes"))).as(JOOQ_CANNOT_NAME.get(corpus.name())).isFalse();
      return;
    }
    GenerationTool.generate(ossConfiguration(files, sources));
    GenerationTool.generate(liveConfiguration(url, corpus, files, sources));
    java.nio.file.Path classes = Javac.compile(sources, out.resolve("classes"));

    // every reference the Java naming renders: the model's and an id-prefix pair's one per target
    List<Reference> references = named.entities().stream().flatMap(e -> e.associations().stream())
        .filter(a -> a.kind() == NamedAssociation.Kind.BELONGS_TO).map(NamedAssociation::reference)
        .filter(r -> r.from().schema().equals(r.to().schema())).toList();
    int withRows = 0;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        Connection connection = DriverManager.getConnection(DatabaseUrl.parse(url).jdbcUrl(), DatabaseUrl.parse(url).effectiveUser(),
            Objects.requireNonNullElse(DatabaseUrl.parse(url).password(), ""))) {
      DSLContext jooq = DSL.using(connection, SQLDialect.POSTGRES);
      Map<String, Table<?>> oss = tables(loader, classes, OSS_PACKAGE);
      for (Reference reference : references) {
        Table<?> owner = oss.get(reference.from().name());
        Table<?> target = oss.get(reference.to().name());
        assertThat(owner).as("generated table %s", reference.from()).isNotNull();
        assertThat(target).as("generated table %s", reference.to()).isNotNull();
        ForeignKey<?, ?> key = foreignKey(owner, target, reference);
        List<String> truth = sql(connection, model.catalog(), reference);
        assertThat(implicitJoin(jooq, owner, path(owner, key), reference, model.catalog()))
            .as("implicit join %s", reference).containsExactlyInAnyOrderElementsOf(truth);
        assertThat(onKeyJoin(jooq, owner, target, key, reference, model.catalog()))
            .as("onKey join %s", reference).containsExactlyInAnyOrderElementsOf(truth);
        withRows += truth.isEmpty() ? 0 : 1;
      }

      JooqTarget.Keys keys = JooqTarget.keys(named);
      Map<String, Table<?>> live = tables(loader, classes, LIVE_PACKAGE);
      for (JooqTarget.Key key : keys.primary()) {
        Table<?> table = live.get(key.table().name());
        assertThat(table).as("generated table %s", key.table()).isNotNull();
        assertThat(table.getPrimaryKey()).as("synthetic primary key of %s", key.table()).isNotNull();
        assertThat(table.getPrimaryKey().getFields().stream().map(Field::getName).toList()).isEqualTo(key.columns());
      }
      assertThat(keys.foreign()).hasSize(references.size());
      System.out.printf("jooq %s: %d tables; %d references as foreign keys, each joined implicitly and with onKey() (%d with rows);"
          + " synthetic-keys file: %d foreign, %d primary, %d unique keys%n", corpus, oss.size(), references.size(), withRows,
          keys.foreign().size(), keys.primary().size(), keys.unique().size());
    }
  }

  /** Each file against jOOQ's own XSDs: the code generator's for configurations, jooq-meta's for the INFORMATION_SCHEMA. */
  private static void validate(List<GeneratedFile> files) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    var codegen = factory.newSchema(Objects.requireNonNull(GenerationTool.class.getClassLoader().getResource("org/jooq/meta/xsd/jooq-codegen-3.19.28.xsd")));
    var meta = factory.newSchema(Objects.requireNonNull(DSL.class.getClassLoader().getResource("org/jooq/xsd/jooq-meta-3.19.0.xsd")));
    for (GeneratedFile file : files) {
      (file.path().endsWith("-information-schema.xml") ? meta : codegen).newValidator().validate(new StreamSource(new StringReader(file.content())));
    }
    assertThat(files).extracting(GeneratedFile::path).anyMatch(p -> p.endsWith("-information-schema.xml"));
  }

  /** The user's configuration (target package and directory; the Maven plugin's basedir) merged with Ferry's XMLDatabase file. */
  private Configuration ossConfiguration(List<GeneratedFile> files, java.nio.file.Path sources) {
    Configuration configuration = new Configuration().withBasedir(out.toString())
        .withGenerator(new Generator().withTarget(new org.jooq.meta.jaxb.Target().withPackageName(OSS_PACKAGE).withDirectory(sources.toString())));
    for (GeneratedFile file : files) {
      if (file.path().endsWith("-xml-database.xml")) {
        configuration = MiniJAXB.append(configuration, MiniJAXB.unmarshal(file.content(), Configuration.class));
      }
    }
    return configuration;
  }

  /** The user's live-database configuration with Ferry's synthetic-keys files appended, as the Maven plugin merges them. */
  private static Configuration liveConfiguration(String url, Corpora.Corpus corpus, List<GeneratedFile> files, java.nio.file.Path sources) {
    DatabaseUrl jdbc = DatabaseUrl.parse(url);
    Configuration configuration = new Configuration()
        .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(jdbc.jdbcUrl()).withUser(jdbc.effectiveUser())
            .withPassword(Objects.requireNonNullElse(jdbc.password(), "")))
        .withGenerator(new Generator()
            .withDatabase(new org.jooq.meta.jaxb.Database().withName("org.jooq.meta.postgres.PostgresDatabase")
                // a mutable list: MiniJAXB.append adds the next file's entries to it
                .withSchemata(new ArrayList<>(corpus.schemas().stream().map(s -> new SchemaMappingType().withInputSchema(s)).toList())))
            .withTarget(new org.jooq.meta.jaxb.Target().withPackageName(LIVE_PACKAGE).withDirectory(sources.toString())));
    for (GeneratedFile file : files) {
      if (!file.path().endsWith("-xml-database.xml") && !file.path().endsWith("-information-schema.xml")) {
        configuration = MiniJAXB.append(configuration, MiniJAXB.unmarshal(file.content(), Configuration.class));
      }
    }
    return configuration;
  }

  /** Whether javac compiles every source under {@code sources}. */
  private static boolean compiles(java.nio.file.Path sources, java.nio.file.Path classes) throws Exception {
    Files.createDirectories(classes);
    List<java.nio.file.Path> files;
    try (Stream<java.nio.file.Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      return javac.getTask(Writer.nullWriter(), fileManager, diagnostic -> { },
          List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), "-proc:none", "-encoding", "UTF-8"),
          null, fileManager.getJavaFileObjectsFromPaths(files)).call();
    }
  }

  /** The generated foreign key of {@code reference}: from its columns to the target table. */
  private static ForeignKey<?, ?> foreignKey(Table<?> owner, Table<?> target, Reference reference) {
    List<? extends ForeignKey<?, ?>> keys = owner.getReferences().stream()
        .filter(k -> k.getKey().getTable().getName().equals(target.getName())
            && k.getFields().stream().map(Field::getName).collect(Collectors.toSet()).equals(Set.copyOf(reference.columns())))
        .toList();
    assertThat(keys).as("generated foreign key of %s", reference).hasSize(1);
    return keys.get(0);
  }

  /** The path table jOOQ generated for {@code key}: the no-argument method of the owner's class whose path follows it. */
  private static Table<?> path(Table<?> owner, ForeignKey<?, ?> key) throws Exception {
    java.lang.reflect.Field childPath = TableImpl.class.getDeclaredField("childPath");
    childPath.setAccessible(true);
    for (Method method : owner.getClass().getMethods()) {
      if (method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers()) && Path.class.isAssignableFrom(method.getReturnType())
          && Table.class.isAssignableFrom(method.getReturnType())) {
        Table<?> path = (Table<?>) method.invoke(owner);
        // the key by its name, unique in the schema (the path holds the generated Keys constant)
        if (path instanceof TableImpl<?> impl && childPath.get(impl) instanceof ForeignKey<?, ?> followed
            && followed.getName().equals(key.getName()) && followed.getTable().getName().equals(owner.getName())) {
          return path;
        }
      }
    }
    throw new AssertionError("no path method on " + owner.getName() + " for " + key.getName());
  }

  /** {@code select <owner id>, <target id> from owner} through the path: jOOQ adds the join. */
  private static List<String> implicitJoin(DSLContext jooq, Table<?> owner, Table<?> path, Reference reference, Catalog catalog) {
    List<Field<?>> select = new ArrayList<>(text(owner, ownerIdentity(catalog, reference)));
    select.addAll(text(path, targetIdentity(catalog, reference)));
    return rows(jooq.select(select).from(owner).where(path.field(reference.targetColumns().get(0)).isNotNull()).fetch());
  }

  /** {@code select ... from owner join target on key}, the tables aliased so a self-reference joins too. */
  private static List<String> onKeyJoin(DSLContext jooq, Table<?> owner, Table<?> target, ForeignKey<?, ?> key, Reference reference, Catalog catalog) {
    Table<?> o = owner.as("o");
    Table<?> t = target.as("t");
    List<Field<?>> select = new ArrayList<>(text(o, ownerIdentity(catalog, reference)));
    select.addAll(text(t, targetIdentity(catalog, reference)));
    return rows(jooq.select(select).from(o).join(t).onKey(key).fetch());
  }

  /** The same pairs in plain SQL over JDBC. */
  private static List<String> sql(Connection connection, Catalog catalog, Reference reference) throws Exception {
    List<String> select = new ArrayList<>();
    ownerIdentity(catalog, reference).forEach(c -> select.add("cast(o." + SqlNames.ident(c) + " as varchar)"));
    targetIdentity(catalog, reference).forEach(c -> select.add("cast(t." + SqlNames.ident(c) + " as varchar)"));
    List<String> on = new ArrayList<>();
    for (int i = 0; i < reference.columns().size(); i++) {
      on.add("o." + SqlNames.ident(reference.columns().get(i)) + " = t." + SqlNames.ident(reference.targetColumns().get(i)));
    }
    String query = "select " + String.join(", ", select) + " from " + SqlNames.qualified(reference.from()) + " o join "
        + SqlNames.qualified(reference.to()) + " t on " + String.join(" and ", on);
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= select.size(); i++) {
          row.add(String.valueOf(result.getString(i)));
        }
        rows.add(String.join("|", row));
      }
    }
    return rows;
  }

  /** An owner row: its primary key, else all its columns. */
  private static List<String> ownerIdentity(Catalog catalog, Reference reference) {
    var table = catalog.table(reference.from()).orElseThrow();
    return table.primaryKey().map(pk -> pk.columns()).orElse(table.columns().stream().map(dev.ferry.catalog.Column::name).toList());
  }

  /** A target row: its primary key, else the referenced columns. */
  private static List<String> targetIdentity(Catalog catalog, Reference reference) {
    return catalog.table(reference.to()).orElseThrow().primaryKey().map(pk -> pk.columns()).orElse(reference.targetColumns());
  }

  private static List<Field<?>> text(Table<?> table, List<String> columns) {
    return columns.stream().<Field<?>>map(c -> Objects.requireNonNull(table.field(c), c).cast(SQLDataType.VARCHAR)).toList();
  }

  private static List<String> rows(org.jooq.Result<? extends Record> result) {
    return result.stream().map(r -> Stream.of(r.intoArray()).map(String::valueOf).collect(Collectors.joining("|"))).toList();
  }

  /** The generated tables of {@code javaPackage} by their database name, from each generated schema's {@code getTables()}. */
  private static Map<String, Table<?>> tables(ClassLoader loader, java.nio.file.Path classes, String javaPackage) throws Exception {
    Map<String, Table<?>> tables = new HashMap<>();
    List<java.nio.file.Path> classFiles;
    try (Stream<java.nio.file.Path> walk = Files.walk(classes.resolve(javaPackage.replace('.', '/')))) {
      classFiles = walk.filter(p -> p.toString().endsWith(".class")).toList();
    }
    for (java.nio.file.Path file : classFiles) {
      String name = classes.relativize(file).toString().replace('/', '.');
      Class<?> type = loader.loadClass(name.substring(0, name.length() - ".class".length()));
      if (!Schema.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
        continue;
      }
      for (java.lang.reflect.Field field : type.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == type) {
          for (Table<?> table : ((Schema) field.get(null)).getTables()) {
            tables.put(table.getName(), table);
          }
        }
      }
    }
    return tables;
  }
}
