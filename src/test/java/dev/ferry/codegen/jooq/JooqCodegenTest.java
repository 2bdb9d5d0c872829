package dev.ferry.codegen.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.fixture.Corpora;
import dev.ferry.codegen.fixture.Javac;
import dev.ferry.codegen.fixture.Outputs;
import dev.ferry.db.DatabaseUrl;
import dev.ferry.naming.Languages;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.Naming;
import dev.ferry.relations.RelationModel;
import java.io.StringReader;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.jooq.Field;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.util.jaxb.tools.MiniJAXB;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Ferry's file against jOOQ itself (jooq-codegen 3.19.39 from Maven Central, test scope), on every
 * corpus schema in real Postgres: the file is valid against the code generator's own XSD (shipped in
 * jooq-meta); jOOQ's GenerationTool runs with a user configuration merged with it, as the Maven
 * plugin's {@code <configurationFiles>} merges them; javac compiles its output; and every synthetic
 * primary key Ferry wrote is the generated table's primary key. jOOQ's Open Source edition (the one on
 * Maven Central) ignores synthetic foreign and unique keys (an Express/Professional feature), so the
 * implicit-join and {@code onKey()} queries of docs/targets/jooq.md are not run here.
 */
class JooqCodegenTest {
  private static final Instant STAMP = Instant.parse("2026-11-25T12:00:00Z");
  private static final String PACKAGE = "app.jooq";
  static final List<Corpora.Corpus> CORPORA = Corpora.ALL;

  @TempDir Path out;

  @ParameterizedTest(name = "{0}")
  @FieldSource("CORPORA")
  void jooqsGeneratorAcceptsFerrysSyntheticKeysAndItsOutputCompiles(Corpora.Corpus corpus) throws Exception {
    String url = Corpora.database(corpus);
    RelationModel model = Corpora.model(url, corpus);
    NamedModel named = Naming.localize(model, Languages.JAVA);
    List<GeneratedFile> files = new JooqTarget(m -> named).generate(new GenerationRequest(model, Map.of(), STAMP));
    Outputs.write(out, files);
    var xsd = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(Objects.requireNonNull(GenerationTool.class.getClassLoader().getResource("org/jooq/meta/xsd/jooq-codegen-3.19.28.xsd")));
    for (GeneratedFile file : files) {
      xsd.newValidator().validate(new StreamSource(new StringReader(file.content())));
    }

    Path sources = out.resolve("jooq-src");
    GenerationTool.generate(configuration(url, corpus, files, sources));
    Path classes = Javac.compile(sources, out.resolve("classes"));

    JooqTarget.Keys keys = JooqTarget.keys(named);
    try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Map<String, Table<?>> tables = tables(loader, classes);
      assertThat(tables).as("generated tables").isNotEmpty();
      for (JooqTarget.Key key : keys.primary()) {
        Table<?> table = tables.get(key.table().name());
        assertThat(table).as("generated table %s", key.table()).isNotNull();
        assertThat(table.getPrimaryKey()).as("synthetic primary key of %s", key.table()).isNotNull();
        assertThat(table.getPrimaryKey().getFields().stream().map(Field::getName).toList()).isEqualTo(key.columns());
      }
      System.out.printf("jooq %s: %d tables generated and compiled; Ferry's file: %d foreign, %d primary, %d unique keys%n", corpus,
          tables.size(), keys.foreign().size(), keys.primary().size(), keys.unique().size());
    }
    assertThat(keys.foreign()).hasSize(model.references().size());
  }

  /** The user's configuration (connection, schema, target package) with Ferry's files appended, as the Maven plugin merges them. */
  private static Configuration configuration(String url, Corpora.Corpus corpus, List<GeneratedFile> files, Path sources) {
    DatabaseUrl jdbc = DatabaseUrl.parse(url);
    Configuration configuration = new Configuration()
        .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(jdbc.jdbcUrl()).withUser(jdbc.effectiveUser())
            .withPassword(Objects.requireNonNullElse(jdbc.password(), "")))
        .withGenerator(new Generator()
            .withDatabase(new org.jooq.meta.jaxb.Database().withName("org.jooq.meta.postgres.PostgresDatabase")
                // a mutable list: MiniJAXB.append adds the next file's entries to it
                .withSchemata(new ArrayList<>(corpus.schemas().stream().map(s -> new SchemaMappingType().withInputSchema(s)).toList())))
            .withTarget(new org.jooq.meta.jaxb.Target().withPackageName(PACKAGE).withDirectory(sources.toString())));
    for (GeneratedFile file : files) {
      configuration = MiniJAXB.append(configuration, MiniJAXB.unmarshal(file.content(), Configuration.class));
    }
    return configuration;
  }

  /** The generated tables by their database name, from each generated schema's {@code getTables()}. */
  private static Map<String, Table<?>> tables(ClassLoader loader, Path classes) throws Exception {
    Map<String, Table<?>> tables = new HashMap<>();
    List<Path> classFiles;
    try (Stream<Path> walk = Files.walk(classes)) {
      classFiles = walk.filter(p -> p.toString().endsWith(".class")).toList();
    }
    for (Path file : classFiles) {
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
