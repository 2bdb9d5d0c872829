package dev.ferry.inspect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.ForeignKey;
import dev.ferry.catalog.Index;
import dev.ferry.catalog.PgType;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.catalog.UniqueConstraint;
import dev.ferry.naming.Unrepresentable;
import dev.ferry.relations.Attribute;
import dev.ferry.relations.Entity;
import dev.ferry.relations.IdArray;
import dev.ferry.relations.ManyToMany;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.Unresolved;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * {@code ferry inspect --format json}: the relation model as the stable document described field by
 * field in docs/inspect-json.md. Object keys are sorted, every documented key is always present
 * (null when it has no value), and lists keep a fixed order, so the same database prints the same
 * bytes.
 *
 * <p>Written straight to the generator as it goes, each object's keys in sorted order by hand: a tree
 * of nodes per element, sorted by the mapper while written, cost a 2,000-table schema's cold
 * process about a third of its CPU (and a full tree with its text would sit in memory at once).
 */
public final class JsonReport {
  /** Changes only when a field changes meaning or disappears; new fields may be added within it. */
  public static final String FORMAT = "ferry.inspect/1";

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonReport() {}

  public static String render(RelationModel model) {
    StringWriter out = new StringWriter();
    write(model, out);
    return out.toString();
  }

  /** Writes the document to {@code out}, which stays open (it is stdout); the text is flushed at its end. */
  public static void write(RelationModel model, Writer out) {
    try (JsonGenerator json = FACTORY.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      json.setPrettyPrinter(new DefaultPrettyPrinter());
      json.writeStartObject();
      json.writeArrayFieldStart("enums");
      for (PgType type : model.catalog().enumTypes()) {
        type(json, type);
      }
      json.writeEndArray();
      json.writeStringField("format", FORMAT);
      json.writeArrayFieldStart("idArrays");
      for (IdArray idArray : ReportOrder.idArrays(model)) {
        idArray(json, idArray);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("manyToMany");
      for (ManyToMany join : ReportOrder.manyToMany(model)) {
        manyToMany(json, join);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("polymorphicReferences");
      for (Polymorphic polymorphic : ReportOrder.polymorphics(model)) {
        polymorphic(json, polymorphic);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("references");
      for (Reference reference : ReportOrder.references(model)) {
        reference(json, reference);
      }
      json.writeEndArray();
      json.writeStringField("sampling", lower(model.sampling()));
      strings(json, "schemas", model.catalog().schemas());
      json.writeStringField("tablePrefix", model.catalog().tablePrefix());
      json.writeArrayFieldStart("tables");
      for (Entity entity : model.entities()) {
        table(json, entity);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("unrepresentable");
      for (Unrepresentable.Limit limit : Unrepresentable.of(model)) {
        unrepresentable(json, limit);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("unresolved");
      for (Unresolved unresolved : ReportOrder.unresolved(model)) {
        unresolved(json, unresolved);
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void unrepresentable(JsonGenerator json, Unrepresentable.Limit limit) throws IOException {
    json.writeStartObject();
    json.writeStringField("column", limit.column());
    json.writeStringField("language", limit.language().id());
    json.writeStringField("reason", limit.reason());
    qualified(json, "table", limit.table());
    json.writeEndObject();
  }

  private static void table(JsonGenerator json, Entity entity) throws IOException {
    Table table = entity.table();
    json.writeStartObject();
    json.writeArrayFieldStart("columns");
    for (Attribute attribute : entity.attributes()) {
      column(json, attribute);
    }
    json.writeEndArray();
    json.writeStringField("comment", table.comment());
    json.writeArrayFieldStart("foreignKeys");
    for (ForeignKey key : table.foreignKeys()) {
      json.writeStartObject();
      strings(json, "columns", key.columns());
      json.writeStringField("name", key.name());
      qualified(json, "target", key.target());
      strings(json, "targetColumns", key.targetColumns());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("indexes");
    for (Index index : table.indexes()) {
      index(json, index);
    }
    json.writeEndArray();
    json.writeStringField("kind", lower(table.kind()));
    json.writeStringField("name", table.name().name());
    name(json, "plural", entity.plural());
    json.writeFieldName("primaryKey");
    if (table.primaryKey().isPresent()) {
      constraint(json, table.primaryKey().get().name(), table.primaryKey().get().columns());
    } else {
      json.writeNull();
    }
    json.writeStringField("schema", table.name().schema());
    name(json, "singular", entity.singular());
    json.writeArrayFieldStart("uniqueConstraints");
    for (UniqueConstraint unique : table.uniqueConstraints()) {
      constraint(json, unique.name(), unique.columns());
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void column(JsonGenerator json, Attribute attribute) throws IOException {
    Column column = attribute.column();
    json.writeStartObject();
    json.writeStringField("abstractType", lower(attribute.type().kind()));
    name(json, "attribute", attribute.name());
    json.writeStringField("comment", column.comment());
    json.writeStringField("default", column.defaultExpression());
    json.writeStringField("deprecated", column.deprecation());
    json.writeStringField("generated", column.generatedExpression());
    json.writeStringField("identity", lower(column.identity()));
    json.writeStringField("name", column.name());
    json.writeBooleanField("nullable", column.nullable());
    json.writeNumberField("position", column.position());
    json.writeBooleanField("primaryKey", attribute.primaryKey());
    json.writeFieldName("type");
    type(json, column.type());
    json.writeEndObject();
  }

  private static void type(JsonGenerator json, PgType type) throws IOException {
    json.writeStartObject();
    json.writeFieldName("base");
    typeOrNull(json, type.base());
    json.writeFieldName("element");
    typeOrNull(json, type.element());
    strings(json, "enumLabels", type.enumLabels());
    json.writeStringField("kind", lower(type.kind()));
    number(json, "length", type.length());
    json.writeStringField("name", type.name());
    number(json, "precision", type.precision());
    number(json, "scale", type.scale());
    json.writeStringField("schema", type.schema());
    json.writeStringField("sql", type.sql());
    json.writeEndObject();
  }

  private static void typeOrNull(JsonGenerator json, PgType type) throws IOException {
    if (type == null) {
      json.writeNull();
    } else {
      type(json, type);
    }
  }

  private static void index(JsonGenerator json, Index index) throws IOException {
    json.writeStartObject();
    strings(json, "columns", index.columns());
    json.writeStringField("definition", index.definition());
    json.writeStringField("method", index.method());
    json.writeStringField("name", index.name());
    json.writeStringField("predicate", index.predicate());
    json.writeBooleanField("primary", index.primary());
    json.writeBooleanField("unique", index.unique());
    json.writeEndObject();
  }

  private static void reference(JsonGenerator json, Reference reference) throws IOException {
    json.writeStartObject();
    name(json, "back", reference.back());
    if (!reference.cardinality().isEmpty()) {
      json.writeStringField("cardinality", reference.cardinality());
    }
    strings(json, "columns", reference.columns());
    json.writeStringField("detail", reference.detail());
    json.writeStringField("evidence", lower(reference.evidence()));
    name(json, "forward", reference.forward());
    qualified(json, "from", reference.from());
    name(json, "label", reference.label());
    json.writeBooleanField("oneToOne", reference.oneToOne());
    strings(json, "targetColumns", reference.targetColumns());
    qualified(json, "to", reference.to());
    json.writeEndObject();
  }

  private static void polymorphic(JsonGenerator json, Polymorphic polymorphic) throws IOException {
    json.writeStartObject();
    json.writeStringField("detail", polymorphic.detail());
    json.writeStringField("evidence", lower(polymorphic.evidence()));
    json.writeStringField("idColumn", polymorphic.idColumn());
    name(json, "name", polymorphic.name());
    qualified(json, "table", polymorphic.table());
    json.writeArrayFieldStart("targets");
    for (Polymorphic.Target target : polymorphic.targets()) {
      json.writeStartObject();
      name(json, "back", target.back());
      json.writeStringField("selector", target.selector());
      qualified(json, "table", target.table());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeStringField("typeColumn", polymorphic.typeColumn());
    json.writeEndObject();
  }

  private static void idArray(JsonGenerator json, IdArray idArray) throws IOException {
    json.writeStartObject();
    name(json, "back", idArray.back());
    json.writeStringField("column", idArray.column());
    json.writeStringField("detail", idArray.detail());
    json.writeStringField("evidence", lower(idArray.evidence()));
    name(json, "name", idArray.name());
    qualified(json, "table", idArray.table());
    qualified(json, "target", idArray.target());
    json.writeEndObject();
  }

  private static void manyToMany(JsonGenerator json, ManyToMany join) throws IOException {
    json.writeStartObject();
    qualified(json, "joinTable", join.joinTable());
    json.writeFieldName("left");
    reference(json, join.left());
    name(json, "leftName", join.leftName());
    json.writeFieldName("right");
    reference(json, join.right());
    name(json, "rightName", join.rightName());
    json.writeEndObject();
  }

  private static void unresolved(JsonGenerator json, Unresolved unresolved) throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("candidates");
    for (QualifiedName candidate : ReportOrder.sortedNames(unresolved.candidates())) {
      qualified(json, candidate);
    }
    json.writeEndArray();
    json.writeStringField("column", unresolved.column());
    json.writeStringField("reason", unresolved.reason());
    qualified(json, "table", unresolved.table());
    json.writeEndObject();
  }

  private static void constraint(JsonGenerator json, String name, List<String> columns) throws IOException {
    json.writeStartObject();
    strings(json, "columns", columns);
    json.writeStringField("name", name);
    json.writeEndObject();
  }

  private static void name(JsonGenerator json, String field, Name name) throws IOException {
    json.writeFieldName(field);
    if (name == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    strings(json, "reasons", name.reasons());
    json.writeStringField("source", name.source());
    json.writeStringField("words", name.words());
    json.writeEndObject();
  }

  private static void qualified(JsonGenerator json, String field, QualifiedName name) throws IOException {
    json.writeFieldName(field);
    qualified(json, name);
  }

  private static void qualified(JsonGenerator json, QualifiedName name) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", name.name());
    json.writeStringField("schema", name.schema());
    json.writeEndObject();
  }

  private static void strings(JsonGenerator json, String field, Collection<String> values) throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  private static void number(JsonGenerator json, String field, Integer value) throws IOException {
    json.writeFieldName(field);
    if (value == null) {
      json.writeNull();
    } else {
      json.writeNumber(value);
    }
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
