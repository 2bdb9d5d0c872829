package dev.ferry.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ferry inspect --format json}: the relation model as the stable document described field by
 * field in docs/inspect-json.md. Object keys are sorted, every documented key is always present
 * (null when it has no value), and lists keep a fixed order, so the same database prints the same
 * bytes.
 */
public final class JsonReport {
  /** Changes only when a field changes meaning or disappears; new fields may be added within it. */
  public static final String FORMAT = "ferry.inspect/1";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
          .build();

  private JsonReport() {}

  public static String render(RelationModel model) {
    StringWriter out = new StringWriter();
    write(model, out);
    return out.toString();
  }

  /**
   * Writes the document to {@code out} as it goes, one table or reference at a time: the whole
   * tree of a 2,000-table schema, then its text, would otherwise sit in memory at once. The root's
   * keys are written in sorted order by hand; each element is sorted by the mapper.
   */
  public static void write(RelationModel model, Writer out) {
    // elements are flushed with the document's end, and the caller's writer (stdout) stays open
    ObjectWriter writer = MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    try (JsonGenerator json = writer.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      json.writeStartObject();
      array(json, writer, "enums", model.catalog().enumTypes().stream().map(JsonReport::type));
      json.writeStringField("format", FORMAT);
      array(json, writer, "idArrays", ReportOrder.idArrays(model).stream().map(JsonReport::idArray));
      array(json, writer, "manyToMany", ReportOrder.manyToMany(model).stream().map(JsonReport::manyToMany));
      array(json, writer, "polymorphicReferences", ReportOrder.polymorphics(model).stream().map(JsonReport::polymorphic));
      array(json, writer, "references", ReportOrder.references(model).stream().map(JsonReport::reference));
      json.writeStringField("sampling", lower(model.sampling()));
      array(json, writer, "schemas", model.catalog().schemas().stream().map(TextNode::valueOf));
      json.writeStringField("tablePrefix", model.catalog().tablePrefix());
      array(json, writer, "tables", model.entities().stream().map(JsonReport::table));
      array(json, writer, "unrepresentable", Unrepresentable.of(model).stream().map(JsonReport::unrepresentable));
      array(json, writer, "unresolved", ReportOrder.unresolved(model).stream().map(JsonReport::unresolved));
      json.writeEndObject();
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void array(JsonGenerator json, ObjectWriter writer, String name, Stream<? extends JsonNode> elements)
      throws IOException {
    json.writeFieldName(name);
    json.writeStartArray();
    for (JsonNode element : (Iterable<JsonNode>) elements.map(JsonNode.class::cast)::iterator) {
      writer.writeValue(json, element);
    }
    json.writeEndArray();
  }

  private static ObjectNode unrepresentable(Unrepresentable.Limit limit) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("language", limit.language().id());
    node.set("table", qualified(limit.table()));
    node.put("column", limit.column());
    node.put("reason", limit.reason());
    return node;
  }

  private static ObjectNode table(Entity entity) {
    Table table = entity.table();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("schema", table.name().schema());
    node.put("name", table.name().name());
    node.put("kind", lower(table.kind()));
    node.put("comment", table.comment());
    node.set("singular", name(entity.singular()));
    node.set("plural", name(entity.plural()));
    ArrayNode columns = node.putArray("columns");
    entity.attributes().forEach(attribute -> columns.add(column(attribute)));
    node.set(
        "primaryKey",
        table.primaryKey()
            .<JsonNode>map(pk -> constraint(pk.name(), pk.columns()))
            .orElse(node.nullNode()));
    ArrayNode uniques = node.putArray("uniqueConstraints");
    for (UniqueConstraint unique : table.uniqueConstraints()) {
      uniques.add(constraint(unique.name(), unique.columns()));
    }
    ArrayNode foreignKeys = node.putArray("foreignKeys");
    for (ForeignKey key : table.foreignKeys()) {
      ObjectNode fk = constraint(key.name(), key.columns());
      fk.set("target", qualified(key.target()));
      strings(fk.putArray("targetColumns"), key.targetColumns());
      foreignKeys.add(fk);
    }
    ArrayNode indexes = node.putArray("indexes");
    table.indexes().forEach(index -> indexes.add(index(index)));
    return node;
  }

  private static ObjectNode column(Attribute attribute) {
    Column column = attribute.column();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", column.name());
    node.put("position", column.position());
    node.set("type", type(column.type()));
    node.put("abstractType", lower(attribute.type().kind()));
    node.put("nullable", column.nullable());
    node.put("default", column.defaultExpression());
    node.put("identity", lower(column.identity()));
    node.put("generated", column.generatedExpression());
    node.put("comment", column.comment());
    node.put("deprecated", column.deprecation());
    node.put("primaryKey", attribute.primaryKey());
    node.set("attribute", name(attribute.name()));
    return node;
  }

  private static ObjectNode type(PgType type) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("schema", type.schema());
    node.put("name", type.name());
    node.put("sql", type.sql());
    node.put("kind", lower(type.kind()));
    node.set("element", type.element() == null ? node.nullNode() : type(type.element()));
    node.set("base", type.base() == null ? node.nullNode() : type(type.base()));
    strings(node.putArray("enumLabels"), type.enumLabels());
    node.put("length", type.length());
    node.put("precision", type.precision());
    node.put("scale", type.scale());
    return node;
  }

  private static ObjectNode index(Index index) {
    ObjectNode node = constraint(index.name(), index.columns());
    node.put("unique", index.unique());
    node.put("primary", index.primary());
    node.put("method", index.method());
    node.put("definition", index.definition());
    node.put("predicate", index.predicate());
    return node;
  }

  private static ObjectNode reference(Reference reference) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("from", qualified(reference.from()));
    strings(node.putArray("columns"), reference.columns());
    node.set("to", qualified(reference.to()));
    strings(node.putArray("targetColumns"), reference.targetColumns());
    node.put("evidence", lower(reference.evidence()));
    node.put("detail", reference.detail());
    node.put("oneToOne", reference.oneToOne());
    if (!reference.cardinality().isEmpty()) {
      node.put("cardinality", reference.cardinality());
    }
    node.set("forward", name(reference.forward()));
    node.set("back", name(reference.back()));
    node.set("label", name(reference.label()));
    return node;
  }

  private static ObjectNode polymorphic(Polymorphic polymorphic) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("table", qualified(polymorphic.table()));
    node.put("typeColumn", polymorphic.typeColumn());
    node.put("idColumn", polymorphic.idColumn());
    node.set("name", name(polymorphic.name()));
    ArrayNode targets = node.putArray("targets");
    for (Polymorphic.Target target : polymorphic.targets()) {
      ObjectNode targetNode = targets.addObject();
      targetNode.put("selector", target.selector());
      targetNode.set("table", qualified(target.table()));
      targetNode.set("back", name(target.back()));
    }
    node.put("evidence", lower(polymorphic.evidence()));
    node.put("detail", polymorphic.detail());
    return node;
  }

  private static ObjectNode idArray(IdArray idArray) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("table", qualified(idArray.table()));
    node.put("column", idArray.column());
    node.set("target", qualified(idArray.target()));
    node.put("evidence", lower(idArray.evidence()));
    node.put("detail", idArray.detail());
    node.set("name", name(idArray.name()));
    node.set("back", name(idArray.back()));
    return node;
  }

  private static ObjectNode manyToMany(ManyToMany join) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("joinTable", qualified(join.joinTable()));
    node.set("left", reference(join.left()));
    node.set("right", reference(join.right()));
    node.set("leftName", name(join.leftName()));
    node.set("rightName", name(join.rightName()));
    return node;
  }

  private static ObjectNode unresolved(Unresolved unresolved) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("table", qualified(unresolved.table()));
    node.put("column", unresolved.column());
    node.put("reason", unresolved.reason());
    ArrayNode candidates = node.putArray("candidates");
    ReportOrder.sortedNames(unresolved.candidates()).forEach(candidate -> candidates.add(qualified(candidate)));
    return node;
  }

  private static ObjectNode constraint(String name, List<String> columns) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", name);
    strings(node.putArray("columns"), columns);
    return node;
  }

  private static JsonNode name(Name name) {
    if (name == null) {
      return MAPPER.nullNode();
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("words", name.words());
    node.put("source", name.source());
    strings(node.putArray("reasons"), name.reasons());
    return node;
  }

  private static ObjectNode qualified(QualifiedName name) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("schema", name.schema());
    node.put("name", name.name());
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
