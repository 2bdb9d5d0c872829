package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.db.Database;
import dev.ferry.sandbox.stripe.ObjectType;
import dev.ferry.sandbox.stripe.SandboxData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a synced database with the sandbox's state, object for object: the same ids per table
 * (nothing lost, nothing extra) and, for every object, every top-level field equal to its column
 * (read back as JSON, timestamps as Unix seconds, references as ids). Independent of Ferry's own
 * conversion code.
 */
public final class SandboxComparison {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Sandbox types with their own list endpoint, as Ferry names their tables. */
  public static final Map<ObjectType, String> LISTED = new java.util.LinkedHashMap<>();

  static {
    for (ObjectType type : ObjectType.values()) {
      if (type.listPath() != null && type != ObjectType.EVENT) {
        LISTED.put(type, type == ObjectType.INVOICEITEM ? "invoice_item" : type.typeName());
      }
    }
  }

  private SandboxComparison() {}

  /** Asserts that every listed type's table holds exactly the sandbox's live objects with equal fields. */
  public static void assertMatches(String url, String schema, SandboxData data) throws SQLException {
    assertMatches(url, schema, "", data);
  }

  /** The same for tables named {@code <prefix><type>} ({@code public.stripe_customer}: prefix {@code stripe_}). */
  public static void assertMatches(String url, String schema, String prefix, SandboxData data) throws SQLException {
    int compared = 0;
    try (Connection connection = Database.of(url).connect()) {
      for (Map.Entry<ObjectType, String> entry : LISTED.entrySet()) {
        Map<String, ObjectNode> rows = rows(connection, schema, prefix + entry.getValue());
        List<ObjectNode> expected = data.liveObjects(entry.getKey());
        Set<String> expectedIds = new TreeSet<>();
        expected.forEach(o -> expectedIds.add(o.path("id").asText()));
        if (entry.getKey() == ObjectType.PAYMENT_METHOD) {
          // Stripe lists payment methods per customer only: one detached from its customer (or whose customer
          // was deleted) is kept if an event brought it, but no backfill can find it
          Set<String> live = new TreeSet<>(data.liveIds(ObjectType.CUSTOMER));
          Set<String> listable = new TreeSet<>();
          expected.stream().filter(o -> live.contains(o.path("customer").asText())).forEach(o -> listable.add(o.path("id").asText()));
          assertThat(rows.keySet()).as("ids of %s", entry.getValue()).containsAll(listable);
          assertThat(expectedIds).as("ids of %s", entry.getValue()).containsAll(rows.keySet());
        } else {
          assertThat(new TreeSet<>(rows.keySet())).as("ids of %s", entry.getValue()).isEqualTo(expectedIds);
        }
        for (ObjectNode object : expected) {
          if (rows.containsKey(object.path("id").asText())) {
            compare(entry.getValue(), object, rows.get(object.path("id").asText()));
            compared++;
          }
        }
      }
    }
    assertThat(compared).isPositive();
  }

  private static void compare(String table, ObjectNode object, ObjectNode row) {
    var names = object.fieldNames();
    while (names.hasNext()) {
      String field = names.next();
      if (Set.of("object", "id", "lines", "items").contains(field)) {
        continue;
      }
      JsonNode value = object.get(field);
      String where = table + " " + object.path("id").asText() + "." + field;
      if (row.has(field + "_id") && !row.has(field)) {
        String expected = value.isObject() ? value.path("id").asText(null) : value.isNull() ? null : value.asText();
        assertThat(row.get(field + "_id").isNull() ? null : row.get(field + "_id").asText()).as(where).isEqualTo(expected);
        continue;
      }
      if (value.isNull() && !row.has(field)) {
        continue; // a field never seen with a value has no type yet, so no column: nothing is lost
      }
      assertThat(row.has(field)).as("column for " + where).isTrue();
      JsonNode column = row.get(field);
      if (value.isNull()) {
        assertThat(column.isNull()).as(where + " is null").isTrue();
      } else if (column.isTextual() && value.isIntegralNumber() && looksLikeTimestamp(column.asText())) {
        assertThat(OffsetDateTime.parse(column.asText()).toEpochSecond()).as(where).isEqualTo(value.asLong());
      } else if (column.isArray() && value.isArray() && !value.isEmpty() && value.get(0).isObject()
          && !(column.size() > 0 && column.get(0).isObject())) {
        List<String> ids = new ArrayList<>();
        value.forEach(v -> ids.add(v.path("id").asText()));
        assertThat(column.toString()).as(where).isEqualTo(JSON.valueToTree(ids).toString());
      } else if (value.isNumber() && column.isNumber()) {
        assertThat(column.decimalValue()).as(where).isEqualByComparingTo(value.decimalValue());
      } else if (value.isValueNode() && column.isValueNode()) {
        assertThat(column.asText()).as(where).isEqualTo(value.asText());
      } else {
        assertThat(column.equals(SandboxComparison::compareNodes, value)).as(where + ": " + column + " vs " + value).isTrue();
      }
    }
  }

  /** JSON equality where 1, 1.0 and a long 1 are the same number (Postgres jsonb keeps numbers as numeric). */
  private static int compareNodes(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  }

  private static boolean looksLikeTimestamp(String text) {
    return text.length() >= 19 && text.charAt(4) == '-' && text.charAt(10) == 'T';
  }

  /** Rows of {@code schema.table} as JSON objects by id (empty when the table does not exist). */
  public static Map<String, ObjectNode> rows(Connection connection, String schema, String table) throws SQLException {
    Map<String, ObjectNode> rows = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT to_jsonb(t)::text FROM \"" + schema + "\".\"" + table + "\" t")) {
      while (result.next()) {
        ObjectNode row = (ObjectNode) JSON.readTree(result.getString(1));
        rows.put(row.path("id").asText(), row);
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }
}
