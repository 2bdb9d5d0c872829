package dev.ferry.codegen.jooq;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.catalog.UniqueConstraint;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.LocalizedTarget;
import dev.ferry.codegen.GeneratedFile.Ownership;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.OutputLocation;
import dev.ferry.codegen.Summaries;
import dev.ferry.naming.JavaNames;
import dev.ferry.naming.Languages;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.Naming;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code ferry generate jooq}: jOOQ's own code generator finds no relationship where the database
 * has no FOREIGN KEY constraint, so Ferry writes the ones it inferred as jOOQ's synthetic objects
 * ({@code <syntheticObjects>}), one configuration file per schema, {@code
 * src/main/jooq/ferry-<schema>.xml}, for the generator to merge with the user's own configuration:
 * a synthetic foreign key per reference (named after its Java association name, which jOOQ's path
 * methods then carry when a table has several keys to the same table), a synthetic primary key
 * where a referenced table has none, and a synthetic unique key where a reference points at columns
 * that are neither. See docs/targets/jooq.md.
 */
public final class JooqTarget extends LocalizedTarget {
  /** Where the configuration files go; the Maven plugin lists them in {@code <configurationFiles>}. */
  public static final String FOLDER = "src/main/jooq";

  public JooqTarget() {
    super(Languages.JAVA);
  }

  /** @param namer decides the Java names the keys carry ({@code Naming.localize(model, Languages.JAVA)}) */
  public JooqTarget(Function<RelationModel, NamedModel> namer) {
    super(namer);
  }

  @Override
  public String id() {
    return "jooq";
  }

  @Override
  public String description() {
    return "jOOQ code generator configuration: synthetic foreign, primary and unique keys (src/main/jooq/ferry-<schema>.xml)";
  }

  @Override
  public Optional<String> projectFile() {
    return Optional.of("pom.xml");
  }

  @Override
  protected List<GeneratedFile> render(GenerationRequest request, NamedModel named) {
    Keys keys = keys(named);
    Catalog catalog = request.model().catalog();
    List<GeneratedFile> files = new ArrayList<>();
    for (String schema : schemas(catalog)) {
      String name = namespace(schema, catalog);
      files.add(new GeneratedFile(FOLDER + "/ferry-" + name + ".xml", render(schema, keys), Ownership.FERRY));
      files.add(new GeneratedFile(informationSchemaFile(name),
          InformationSchemaFile.render(catalog, schema, keys), Ownership.FERRY));
      files.add(new GeneratedFile(FOLDER + "/ferry-" + name + "-xml-database.xml", xmlDatabase(name), Ownership.FERRY));
    }
    return files;
  }

  @Override
  public List<OutputLocation> locations(GenerationRequest request) {
    Catalog catalog = request.model().catalog();
    return schemas(catalog).stream()
        .map(schema -> OutputLocation.of(FOLDER, "ferry-" + Pattern.quote(namespace(schema, catalog)) + "(-information-schema|-xml-database)?\\.xml"))
        .toList();
  }

  @Override
  protected String summary(GenerationRequest request, NamedModel named) {
    Keys keys = keys(named);
    return Summaries.count(keys.foreign().size(), "synthetic foreign key") + ", " + Summaries.count(keys.primary().size(), "primary key")
        + ", " + Summaries.count(keys.unique().size(), "unique key");
  }

  /** A synthetic key: its name, table and columns; for a foreign key also the referenced table and columns. */
  record Key(String name, QualifiedName table, List<String> columns, QualifiedName referencedTable, List<String> referencedColumns) {}

  /** Every synthetic key of the model, in a fixed order. */
  record Keys(List<Key> foreign, List<Key> primary, List<Key> unique) {}

  static Keys keys(NamedModel named) {
    Catalog catalog = named.model().catalog();
    List<Key> foreign = new ArrayList<>();
    Map<QualifiedName, Key> primary = new LinkedHashMap<>();
    Map<List<Object>, Key> unique = new LinkedHashMap<>();
    for (NamedEntity entity : named.entities()) {
      for (NamedAssociation association : entity.associations()) {
        if (association.kind() != NamedAssociation.Kind.BELONGS_TO) {
          continue;
        }
        Reference reference = association.reference();
        foreign.add(new Key(association.name().value(), reference.from(), reference.columns(), reference.to(), reference.targetColumns()));
        Table target = catalog.table(reference.to()).orElseThrow();
        if (target.primaryKey().isPresent() && Set.copyOf(target.primaryKey().get().columns()).equals(Set.copyOf(reference.targetColumns()))) {
          continue;
        }
        boolean declaredUnique = target.uniqueConstraints().stream().map(UniqueConstraint::columns)
            .anyMatch(columns -> Set.copyOf(columns).equals(Set.copyOf(reference.targetColumns())));
        if (declaredUnique) {
          continue;
        }
        // Postgres' own default constraint names: <table>_pkey, <table>_<columns>_key
        if (target.primaryKey().isEmpty() && !primary.containsKey(reference.to())) {
          primary.put(reference.to(), new Key(reference.to().name() + "_pkey", reference.to(), reference.targetColumns(), null, null));
        } else if (!primary.containsKey(reference.to()) || !primary.get(reference.to()).columns().equals(reference.targetColumns())) {
          unique.putIfAbsent(List.of(reference.to(), reference.targetColumns()), new Key(
              reference.to().name() + "_" + String.join("_", reference.targetColumns()) + "_key", reference.to(), reference.targetColumns(), null, null));
        }
      }
    }
    return new Keys(foreign, List.copyOf(primary.values()), List.copyOf(unique.values()));
  }

  private static String render(String schema, Keys keys) {
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<!-- Generated by Ferry from schema ").append(comment(schema))
        .append(": the relationships it inferred, as jOOQ synthetic keys. Ferry rewrites this file. -->\n")
        .append("<!-- Merge it into the code generator's configuration: docs/targets/jooq.md. -->\n")
        .append("<configuration xmlns=\"http://www.jooq.org/xsd/jooq-codegen-3.19.28.xsd\">\n")
        .append("  <generator>\n    <database>\n      <syntheticObjects>\n");
    section(xml, "primaryKeys", "primaryKey", keys.primary(), schema);
    section(xml, "uniqueKeys", "uniqueKey", keys.unique(), schema);
    section(xml, "foreignKeys", "foreignKey", keys.foreign(), schema);
    xml.append("      </syntheticObjects>\n    </database>\n  </generator>\n</configuration>\n");
    return xml.toString();
  }

  private static void section(StringBuilder xml, String list, String element, List<Key> keys, String schema) {
    List<Key> mine = keys.stream().filter(k -> k.table().schema().equals(schema)).toList();
    if (mine.isEmpty()) {
      return;
    }
    xml.append("        <").append(list).append(">\n");
    for (Key key : mine) {
      xml.append("          <").append(element).append(">\n");
      xml.append("            <name>").append(key.name()).append("</name>\n");
      xml.append("            <tables>").append(regex(key.table())).append("</tables>\n");
      fields(xml, "fields", key.columns());
      if (key.referencedTable() != null) {
        xml.append("            <referencedTable>").append(regex(key.referencedTable())).append("</referencedTable>\n");
        fields(xml, "referencedFields", key.referencedColumns());
      }
      xml.append("          </").append(element).append(">\n");
    }
    xml.append("        </").append(list).append(">\n");
  }

  private static void fields(StringBuilder xml, String element, List<String> columns) {
    xml.append("            <").append(element).append(">");
    for (String column : columns) {
      xml.append("<field>").append(exact(column)).append("</field>");
    }
    xml.append("</").append(element).append(">\n");
  }

  /** jOOQ matches tables by a regular expression against {@code schema.table}: this one matches exactly that table. */
  private static String regex(QualifiedName table) {
    return exact(table.schema()) + "\\." + literal(table.name());
  }

  /**
   * A case-sensitive regular expression ({@code (?-i)}, as jOOQ's default flags ignore case) matching
   * exactly {@code name}, with every character but ASCII letters, digits and {@code _} as {@code
   * \x{hex}}: safe in XML and under jOOQ's default COMMENTS flag, which ignores white space and {@code #}.
   */
  private static String exact(String name) {
    return "(?-i)" + literal(name);
  }

  private static String literal(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(c -> {
      if (c < 128 && (Character.isLetterOrDigit(c) || c == '_')) {
        out.appendCodePoint(c);
      } else {
        out.append("\\x{").append(Integer.toHexString(c)).append('}');
      }
    });
    return out.toString();
  }

  /**
   * The code generator configuration that reads {@code informationSchema} through jOOQ's {@code
   * XMLDatabase} (every edition), in Postgres' dialect; merged with the user's, which names the
   * target package and directory.
   */
  private static String xmlDatabase(String namespace) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!-- Generated by Ferry: jOOQ's code generator reads the tables and Ferry's relationships from "
        + informationSchemaFile(namespace) + " (XMLDatabase, jOOQ Open Source Edition and up). Ferry rewrites this file. -->\n"
        + "<configuration xmlns=\"http://www.jooq.org/xsd/jooq-codegen-3.19.28.xsd\">\n"
        + "  <generator>\n    <database>\n"
        + "      <name>org.jooq.meta.xml.XMLDatabase</name>\n"
        + "      <properties>\n"
        + "        <property><key>dialect</key><value>POSTGRES</value></property>\n"
        + "        <property><key>xmlFile</key><value>" + informationSchemaFile(namespace) + "</value></property>\n"
        + "      </properties>\n"
        + "    </database>\n  </generator>\n</configuration>\n";
  }

  static String informationSchemaFile(String namespace) {
    return FOLDER + "/ferry-" + namespace + "-information-schema.xml";
  }

  static String comment(String text) {
    return text.replace("--", "-\u2010").replaceAll("\\p{Cntrl}", " ").replace("&", "&amp;").replace("<", "&lt;");
  }

  /** XML character data: markup characters and carriage returns (which XML parsers would turn into line feeds) as references. */
  static void escape(StringBuilder xml, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> xml.append("&amp;");
        case '<' -> xml.append("&lt;");
        case '>' -> xml.append("&gt;");
        case '\r' -> xml.append("&#13;");
        default -> xml.append(c);
      }
    }
  }

  private static List<String> schemas(Catalog catalog) {
    return List.copyOf(new LinkedHashSet<>(catalog.tables().stream().map(t -> t.name().schema()).toList()));
  }

  /** {@code stripe} in {@code ferry-stripe.xml}: named as the jpa target names the schema's package (the table prefix in prefix form). */
  private static String namespace(String schema, Catalog catalog) {
    String prefix = catalog.tablePrefix().replaceAll("_+$", "");
    return JavaNames.packageSegment(prefix.isEmpty() ? schema : prefix);
  }
}
