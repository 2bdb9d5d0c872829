package dev.ferry.sync.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sync.source.Change;
import dev.ferry.sync.source.ChangeBatch;
import dev.ferry.sync.source.CursorExpiredException;
import dev.ferry.sync.source.Field;
import dev.ferry.sync.source.FieldType;
import dev.ferry.sync.source.ObjectType;
import dev.ferry.sync.source.Page;
import dev.ferry.sync.source.PushRejectedException;
import dev.ferry.sync.source.Slice;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceException;
import dev.ferry.sync.source.SourceRecord;
import dev.ferry.vendor.salesforce.SObject;
import dev.ferry.vendor.salesforce.SObjectField;
import dev.ferry.vendor.salesforce.SalesforceNames;
import dev.ferry.vendor.salesforce.SalesforceObjects;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Salesforce as a {@link Source}. Tables come from describe ({@code /sobjects/<Object>/describe}),
 * named as {@link SalesforceNames} says; lookups become declared references, polymorphic ones
 * ({@code WhoId}) told apart by the targets' key prefixes.
 *
 * <p>Backfill: one slice per object, read through the REST query API ({@code ORDER BY Id}, following
 * {@code nextRecordsUrl}) or, above {@link SalesforceConfig#bulkThreshold()} records
 * ({@code /limits/recordCount}), a Bulk API 2.0 query job read as CSV page by page with
 * {@code Sforce-Locator}. Changes: per object, {@code queryAll} over
 * {@code SystemModstamp >= last stamp AND SystemModstamp <= now - lag}, ordered by stamp and id;
 * records already applied at the last stamp are skipped (ties), {@code IsDeleted} rows (deletes and
 * merge losers) become deletes, and {@code getDeleted} covers records purged from the recycle bin.
 * Formula (calculated) fields change without {@code SystemModstamp} moving, so every
 * {@link SalesforceConfig#formulaReread()} the feed reads them again, Id and those fields only, by Id
 * in pages, and patches just those columns.
 *
 * <p>Cursors: a backfill page is {@code rest:<nextRecordsUrl>|<last id>} or
 * {@code bulk:<job id>|<locator>}; the change feed is a JSON object with, per object, the last
 * stamp, the ids applied at it, where getDeleted was last read up to, when the last formula re-read
 * began and, while one is under way, the last id it read; keyed by table type.
 */
public final class SalesforceSource implements Source {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter SOQL_DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter REST_DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx");
  /** Rows per Bulk API 2.0 results page (one request); it is streamed, so only a batch of it is held. */
  static final int BULK_PAGE = 50_000;
  /** A batch of Bulk results written in one transaction: at most this many rows, or rows of this many CSV characters. */
  static final int BATCH_ROWS = 2_000;
  static final long BATCH_CHARS = 2_000_000;
  /** getDeleted is read on the first poll of a run and then every this many polls. */
  static final int DELETED_EVERY = 240;
  /** A formula re-read reads this many records a request ({@code ORDER BY Id LIMIT}), and at most {@link #REREAD_ROWS} a poll. */
  static final int REREAD_PAGE = 2_000;
  static final int REREAD_ROWS = 10_000;

  private final SalesforceConfig config;
  private final SalesforceClient client;
  private final List<String> objects;
  private final boolean offline;
  private final Map<String, SObject> described = new ConcurrentHashMap<>();
  private final Map<String, String> keyPrefixes = new ConcurrentHashMap<>();
  private final Map<String, String[]> columns = new ConcurrentHashMap<>();
  private int polls;

  /** A source for {@code objects} (API names; the default set when empty). */
  public SalesforceSource(SalesforceConfig config, List<String> objects) {
    this(config, objects, false);
  }

  private SalesforceSource(SalesforceConfig config, List<String> objects, boolean offline) {
    this.config = config;
    this.client = offline ? null : new SalesforceClient(config);
    this.objects = objects.isEmpty() ? SalesforceObjects.defaultObjects() : List.copyOf(objects);
    this.offline = offline;
    for (SObject object : SalesforceObjects.all()) {
      keyPrefixes.put(object.name(), object.keyPrefix());
    }
  }

  /** Describes the default objects from Ferry's object model, without an org (for {@code ferry tables}). */
  static SalesforceSource offline() {
    return new SalesforceSource(SalesforceConfig.of("offline:offline", null, 1), List.of(), true);
  }

  @Override
  public String name() {
    return "salesforce";
  }

  /** API requests sent, and the org's daily use and allocation as last reported (for {@code ferry bench sync}). */
  public long requests() {
    return client.requests();
  }

  public long dailyUsed() {
    return client.dailyUsed();
  }

  public long dailyLimit() {
    return client.dailyLimit();
  }

  // ---- describe

  @Override
  public List<ObjectType> objectTypes() {
    return objects.stream().map(o -> describe(SalesforceNames.table(o))).toList();
  }

  @Override
  public List<String> defaultObjectTypes() {
    return objects.stream().map(SalesforceNames::table).toList();
  }

  @Override
  public ObjectType describe(String type) {
    SObject object = sobject(type);
    Set<String> synced = objects.stream().map(o -> o.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
    List<Field> fields = new ArrayList<>();
    for (SObjectField field : object.fields()) {
      if (field.name().equals("Id")) {
        continue;
      }
      fields.add(field(field, synced));
    }
    return ObjectType.of(SalesforceNames.table(object.name()), fields);
  }

  @Override
  public String definitionOf(String type) {
    return "Salesforce's describe of " + apiName(type);
  }

  /** A field leaves describe when an admin deletes it or field-level security hides it from Ferry's user. */
  @Override
  public String removedField(String type) {
    return "field no longer in Salesforce's describe of " + apiName(type) + " (deleted, or hidden from Ferry's user)";
  }

  /** The object's describe: fetched from the org once per source (a new field shows on the next run), the model offline. */
  private SObject sobject(String type) {
    return described.computeIfAbsent(apiName(type), name -> offline ? modelOrFail(name) : describeFromOrg(name));
  }

  /** The API name of a table's object; API names are case-insensitive, so a custom invoice__c outside the defaults is its table name. */
  private String apiName(String type) {
    return objects.stream().filter(o -> SalesforceNames.table(o).equals(type)).findFirst().orElse(type);
  }

  private static SObject modelOrFail(String name) {
    SObject object = SalesforceObjects.named(name);
    if (object == null) {
      throw new IllegalArgumentException("Ferry's Salesforce model has no object '" + name + "'; describe needs an org");
    }
    return object;
  }

  private SObject describeFromOrg(String name) {
    JsonNode node;
    try {
      node = client.get(SalesforceClient.DATA + "/sobjects/" + name + "/describe", Map.of());
    } catch (SalesforceClient.ApiError e) {
      if (e.status == 404) {
        throw new IllegalArgumentException("the Salesforce org has no object '" + name + "'");
      }
      throw e;
    }
    List<SObjectField> fields = new ArrayList<>();
    for (JsonNode f : node.path("fields")) {
      List<String> referenceTo = new ArrayList<>();
      f.path("referenceTo").forEach(t -> referenceTo.add(t.asText()));
      List<String> picklist = new ArrayList<>();
      f.path("picklistValues").forEach(p -> picklist.add(p.path("value").asText()));
      fields.add(new SObjectField(f.path("name").asText(), f.path("type").asText(), f.path("length").asInt(), f.path("precision").asInt(),
          f.path("scale").asInt(), referenceTo, f.path("relationshipName").isTextual() ? f.path("relationshipName").asText() : null,
          f.path("compoundFieldName").isTextual() ? f.path("compoundFieldName").asText() : null, picklist, f.path("custom").asBoolean(),
          f.path("calculated").asBoolean(), f.path("calculatedFormula").isTextual() ? f.path("calculatedFormula").asText() : null));
    }
    String prefix = node.path("keyPrefix").asText("");
    if (!prefix.isEmpty()) {
      keyPrefixes.put(node.path("name").asText(name), prefix);
    }
    return new SObject(node.path("name").asText(name), node.path("label").asText(name), node.path("labelPlural").asText(name), prefix,
        node.path("custom").asBoolean(), fields);
  }

  /** How a describe field is stored: a lookup to synced objects is a (polymorphic) reference, any other lookup plain text. */
  private Field field(SObjectField field, Set<String> synced) {
    if (field.isReference()) {
      List<String> targets = field.referenceTo().stream().filter(t -> synced.contains(t.toLowerCase(java.util.Locale.ROOT))).toList();
      if (targets.size() > 1) {
        String prefixes = targets.stream().filter(keyPrefixes::containsKey)
            .map(t -> keyPrefixes.get(t) + "=" + SalesforceNames.table(t)).collect(Collectors.joining(","));
        return new Field(SalesforceNames.field(field), FieldType.POLYMORPHIC, prefixes, null);
      }
      if (targets.size() == 1) {
        return new Field(SalesforceNames.field(field), FieldType.REFERENCE, SalesforceNames.table(targets.get(0)), null);
      }
      return Field.of(SalesforceNames.field(field) + "_id", FieldType.STRING);
    }
    FieldType type = switch (field.type()) {
      case "boolean" -> FieldType.BOOLEAN;
      case "int" -> FieldType.INTEGER;
      case "double", "currency", "percent" -> FieldType.DECIMAL;
      case "date" -> FieldType.DATE;
      case "datetime" -> FieldType.TIMESTAMP;
      case "multipicklist" -> FieldType.STRING_LIST;
      case "address", "location" -> FieldType.JSON;
      default -> FieldType.STRING;
    };
    String description = field.picklistValues().isEmpty() ? null : "one of: " + String.join(", ", field.picklistValues());
    return new Field(SalesforceNames.snake(field.name()), type, null, description);
  }

  // ---- values

  private SourceRecord record(SObject object, Map<String, String> text) {
    Map<String, Object> values = new LinkedHashMap<>();
    String[] columns = columns(object);
    for (int i = 0; i < columns.length; i++) {
      SObjectField field = object.fields().get(i);
      String value = columns[i] == null ? null : text.get(field.name());
      if (value == null || value.isEmpty()) {
        continue;
      }
      values.put(columns[i], value(field, value));
    }
    for (SObjectField compound : object.fields()) {
      if (compound.isCompound()) {
        ObjectNode json = JSON.createObjectNode();
        for (SObjectField part : object.fields()) {
          if (compound.name().equals(part.compoundFieldName()) && text.get(part.name()) != null && !text.get(part.name()).isEmpty()) {
            Object value = value(part, text.get(part.name()));
            if (value instanceof BigDecimal d) {
              json.put(componentKey(compound, part), d);
            } else {
              json.put(componentKey(compound, part), value.toString());
            }
          }
        }
        if (!json.isEmpty()) {
          values.put(SalesforceNames.snake(compound.name()), json.toString());
        }
      }
    }
    return new SourceRecord(SalesforceNames.table(object.name()), text.get("Id"), values);
  }

  /** The column of each of the object's fields, in field order; null for Id and compound fields (put together from their parts). */
  private String[] columns(SObject object) {
    return columns.computeIfAbsent(object.name(), name -> {
      Set<String> synced = objects.stream().map(o -> o.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
      return object.fields().stream().map(f -> f.name().equals("Id") || f.isCompound() ? null : field(f, synced).name()).toArray(String[]::new);
    });
  }

  /** {@code BillingPostalCode} → {@code postalCode}, {@code HQ_Location__Latitude__s} → {@code latitude}: the REST API's keys. */
  private static String componentKey(SObjectField compound, SObjectField part) {
    String name = part.name();
    if (name.endsWith("__s")) {
      String inner = name.substring(0, name.length() - 3);
      name = inner.substring(inner.lastIndexOf("__") + 2);
    } else {
      name = name.substring(compound.name().length() - "Address".length());
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static Object value(SObjectField field, String text) {
    return switch (field.type()) {
      case "boolean" -> Boolean.parseBoolean(text);
      case "int" -> new BigDecimal(text).longValueExact();
      case "double", "currency", "percent" -> scaled(new BigDecimal(text), field);
      case "date" -> LocalDate.parse(text);
      case "datetime" -> datetime(text);
      case "multipicklist" -> Arrays.asList(text.split(";"));
      default -> text;
    };
  }

  /** Numbers at the field's scale ({@code 12.5} in a currency(18,2) field is {@code 12.50}), as Salesforce stores them. */
  private static BigDecimal scaled(BigDecimal value, SObjectField field) {
    return field.scale() > 0 || field.precision() > 0 ? value.setScale(field.scale(), RoundingMode.HALF_UP) : value;
  }

  /** REST {@code 2025-01-01T10:00:00.000+0000} and Bulk CSV {@code 2025-01-01T10:00:00.000Z}. */
  static Instant datetime(String text) {
    if (text.endsWith("Z")) {
      return Instant.parse(text);
    }
    return OffsetDateTime.parse(text, REST_DATETIME).toInstant();
  }

  /** A REST record's fields as the text Bulk CSV would give, so both paths share one conversion. */
  private static Map<String, String> textOf(JsonNode record) {
    Map<String, String> text = new LinkedHashMap<>();
    record.properties().forEach(e -> {
      JsonNode value = e.getValue();
      if (!value.isNull() && !value.isObject() && !e.getKey().equals("attributes")) {
        text.put(e.getKey(), value.isNumber() ? value.decimalValue().toPlainString() : value.asText());
      }
    });
    return text;
  }

  /** Every field but compound ones: Bulk API refuses them, so both paths read the parts and put them together. */
  private static String fieldList(SObject object) {
    return object.fields().stream().filter(f -> !f.isCompound()).map(SObjectField::name).collect(Collectors.joining(", "));
  }

  // ---- backfill

  @Override
  public List<Slice> slices(String type, int parallelism) {
    SObject object = sobject(type);
    JsonNode counts = client.get(SalesforceClient.DATA + "/limits/recordCount", Map.of("sObjects", object.name()));
    long count = 0;
    for (JsonNode entry : counts.path("sObjects")) {
      count = Math.max(count, entry.path("count").asLong());
    }
    return List.of(new Slice(type, "all", count > config.bulkThreshold() ? "bulk:" : "rest:"));
  }

  @Override
  public Page backfillPage(Slice slice, String cursor) {
    if (cursor.startsWith("bulk:")) {
      try (Pages pages = pages(slice, cursor)) {
        return pages.next();
      }
    }
    return restPage(sobject(slice.type()), cursor.substring(5));
  }

  private Page restPage(SObject object, String position) {
    String soql = "SELECT " + fieldList(object) + " FROM " + object.name();
    JsonNode page;
    if (position.isEmpty()) {
      page = client.get(SalesforceClient.DATA + "/query", Map.of("q", soql + " ORDER BY Id"));
    } else {
      int bar = position.lastIndexOf('|');
      String next = position.substring(0, bar);
      String lastId = position.substring(bar + 1);
      try {
        page = client.get(next, Map.of());
      } catch (SalesforceClient.ApiError e) {
        if (!e.errorCode.equals("INVALID_QUERY_LOCATOR") && e.status != 404) {
          throw e;
        }
        // query cursors expire (15 minutes idle, or a restart between runs): continue after the last id instead
        page = client.get(SalesforceClient.DATA + "/query", Map.of("q", soql + " WHERE Id > '" + lastId + "' ORDER BY Id"));
      }
    }
    List<Change> changes = new ArrayList<>();
    String lastId = null;
    for (JsonNode record : page.path("records")) {
      changes.add(Change.upsert(record(object, textOf(record)), List.of(), 0));
      lastId = record.path("Id").asText();
    }
    boolean done = page.path("done").asBoolean(true) || lastId == null;
    return new Page(changes, done ? null : "rest:" + page.path("nextRecordsUrl").asText() + "|" + lastId);
  }

  @Override
  public Pages pages(Slice slice, String cursor) {
    return cursor.startsWith("bulk:") ? new BulkPages(sobject(slice.type()), cursor.substring(5)) : Source.super.pages(slice, cursor);
  }

  /**
   * A Bulk API 2.0 query job's results, read as they arrive and handed out {@link #BATCH_ROWS} rows (or
   * {@link #BATCH_CHARS} characters) at a time, so a slice holds one batch however large the object is.
   * The cursor after a batch is {@code <job>|<locator of the results page>|<rows of it applied>}: a
   * resumed run asks for the same results page again (a job's results do not change) and skips those.
   */
  private final class BulkPages implements Pages {
    private final SObject object;
    private final String job;
    private String locator;
    private long consumed;
    private String nextLocator;
    private Csv reader;
    private Map<String, String> ahead;

    BulkPages(SObject object, String position) {
      this.object = object;
      if (position.isEmpty()) {
        ObjectNode request = JSON.createObjectNode().put("operation", "query")
            .put("query", "SELECT " + fieldList(object) + " FROM " + object.name());
        job = client.post(SalesforceClient.DATA + "/jobs/query", request).path("id").asText();
        locator = "";
      } else {
        String[] parts = position.split("\\|", -1);
        job = parts[0];
        locator = parts[1];
        consumed = parts.length > 2 ? Long.parseLong(parts[2]) : 0; // cursors before batches named no row
      }
    }

    @Override
    public Page next() {
      List<Change> changes = new ArrayList<>();
      long until = -1;
      int failures = 0;
      while (changes.size() < BATCH_ROWS) {
        try {
          if (reader == null) {
            open();
            until = reader.chars() + BATCH_CHARS;
          } else if (until < 0) {
            until = reader.chars() + BATCH_CHARS;
          }
          Map<String, String> row = ahead != null ? ahead : reader.next();
          ahead = null;
          if (row == null) {
            break;
          }
          changes.add(Change.upsert(record(object, row), List.of(), 0));
          consumed++;
          if (reader.chars() >= until) {
            break;
          }
        } catch (java.io.UncheckedIOException e) {
          // the connection broke mid-page: ask for the same page again and skip what was read
          closeReader();
          if (++failures >= config.maxAttempts()) {
            throw new SourceException("reading the Bulk API results of " + object.name() + " kept failing: " + e.getCause().getMessage());
          }
        }
      }
      try {
        ahead = reader.next(); // a batch that ends the results page moves the cursor on to the next page
      } catch (java.io.UncheckedIOException e) {
        closeReader(); // the next batch opens the page again
        return new Page(changes, "bulk:" + job + "|" + locator + "|" + consumed);
      }
      if (ahead == null) {
        closeReader();
        if (nextLocator == null) {
          return new Page(changes, null);
        }
        locator = nextLocator;
        consumed = 0;
      }
      return new Page(changes, "bulk:" + job + "|" + locator + "|" + consumed);
    }

    private void open() {
      awaitJob(job, object);
      Map<String, String> query = new LinkedHashMap<>();
      query.put("maxRecords", String.valueOf(BULK_PAGE));
      if (!locator.isEmpty()) {
        query.put("locator", locator);
      }
      SalesforceClient.CsvPage page = client.csv(SalesforceClient.DATA + "/jobs/query/" + job + "/results", query);
      nextLocator = page.locator();
      reader = new Csv(page.csv());
      for (long skipped = 0; skipped < consumed; skipped++) {
        if (reader.next() == null) {
          break;
        }
      }
    }

    private void closeReader() {
      if (reader != null) {
        reader.close();
        reader = null;
      }
      ahead = null;
    }

    @Override
    public void close() {
      closeReader();
    }
  }

  /** Polls a query job until it completes (a few seconds for most objects; Salesforce chunks large ones itself). */
  private void awaitJob(String job, SObject object) {
    long wait = 50;
    while (true) {
      JsonNode info = client.get(SalesforceClient.DATA + "/jobs/query/" + job, Map.of());
      String state = info.path("state").asText();
      if (state.equals("JobComplete")) {
        return;
      }
      if (state.equals("Failed") || state.equals("Aborted")) {
        throw new SourceException("the Bulk API query job for " + object.name() + " ended " + state + ": "
            + info.path("errorMessage").asText("no reason given"));
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException("interrupted while waiting for a Bulk API job");
      }
      wait = Math.min(5_000, wait * 2);
    }
  }

  // ---- change feed

  /**
   * Where the feed stands for one object: the last stamp applied, the ids applied at it, getDeleted's
   * last end, when the last formula re-read began, and the last id a re-read under way has read
   * (null when none is under way; empty when one is due to start).
   */
  private record Position(Instant stamp, Set<String> idsAtStamp, Instant deletedUntil, Instant formulasAt, String formulasAfter) {
    Position(Instant stamp, Set<String> idsAtStamp, Instant deletedUntil, Position formulas) {
      this(stamp, idsAtStamp, deletedUntil, formulas.formulasAt(), formulas.formulasAfter());
    }

    Position withFormulas(Instant at, String after) {
      return new Position(stamp, idsAtStamp, deletedUntil, at, after);
    }
  }

  @Override
  public String changeCursorNow() {
    Instant start = windowEnd();
    Map<String, Position> positions = new LinkedHashMap<>();
    for (String type : defaultObjectTypes()) {
      positions.put(type, new Position(start, Set.of(), start, start, null)); // the backfill reads the formulas
    }
    return encode(positions);
  }

  private Instant windowEnd() {
    return config.clock().instant().minus(config.lag()).truncatedTo(ChronoUnit.SECONDS);
  }

  @Override
  public ChangeBatch changes(String cursor, Set<String> types, int limit) {
    Map<String, Position> positions = decode(cursor);
    Instant end = windowEnd();
    boolean readDeleted = polls++ % DELETED_EVERY == 0;
    Instant now = config.clock().instant();
    List<Change> changes = new ArrayList<>();
    int reread = 0;
    for (String type : types) {
      // a type first seen here (added with --objects after the cursor was taken) starts now: its backfill covers the past
      Position position = positions.getOrDefault(type, new Position(end, Set.of(), end, end, null));
      SObject object = sobject(type);
      position = modified(object, position, end, changes);
      if (readDeleted && object.hasIsDeleted()) {
        position = purged(object, position, end, changes);
      }
      if (reread < REREAD_ROWS && formulasDue(object, position, now)) {
        int before = changes.size();
        position = formulas(object, position.formulasAfter() == null ? position.withFormulas(now, "") : position, changes,
            REREAD_ROWS - reread);
        reread += changes.size() - before;
      }
      positions.put(type, position);
    }
    // a re-read left under way goes on at once, not a poll interval later
    boolean caughtUp = positions.values().stream().noneMatch(p -> p.formulasAfter() != null);
    return new ChangeBatch(changes, encode(positions), caughtUp);
  }

  /** Whether the object's formula fields are to be read (again) now: a re-read is under way, or the last began an interval ago. */
  private boolean formulasDue(SObject object, Position position, Instant now) {
    if (config.formulaReread() == null || object.calculatedFields().isEmpty()) {
      return false;
    }
    return position.formulasAfter() != null || !now.isBefore(position.formulasAt().plus(config.formulaReread()));
  }

  /**
   * Reads Id and the formula fields of the records after the re-read's last id, in id order, a page
   * at a time up to {@code budget} records, and adds a patch of those columns for each. Keyset pages
   * ({@code WHERE Id > last}, not a query locator) so that a resumed process continues where the
   * committed cursor says. Live records only ({@code query}): deleted ones come as deletes.
   */
  private Position formulas(SObject object, Position position, List<Change> changes, int budget) {
    List<SObjectField> calculated = object.calculatedFields();
    String[] columns = columns(object);
    String after = position.formulasAfter();
    int read = 0;
    while (read < budget) {
      String soql = "SELECT Id, " + calculated.stream().map(SObjectField::name).collect(Collectors.joining(", ")) + " FROM " + object.name()
          + (after.isEmpty() ? "" : " WHERE Id > '" + after + "'") + " ORDER BY Id LIMIT " + REREAD_PAGE;
      JsonNode page = client.get(SalesforceClient.DATA + "/query", Map.of("q", soql));
      int rows = 0;
      while (true) {
        for (JsonNode json : page.path("records")) {
          Map<String, String> text = textOf(json);
          Map<String, Object> values = new LinkedHashMap<>();
          for (SObjectField field : calculated) {
            String value = text.get(field.name());
            values.put(columns[object.fields().indexOf(field)], value == null || value.isEmpty() ? null : value(field, value));
          }
          after = text.get("Id");
          changes.add(Change.patch(new SourceRecord(SalesforceNames.table(object.name()), after, values)));
          rows++;
        }
        if (page.path("done").asBoolean(true)) {
          break;
        }
        page = client.get(page.path("nextRecordsUrl").asText(), Map.of());
      }
      read += rows;
      if (rows < REREAD_PAGE) {
        return position.withFormulas(position.formulasAt(), null);
      }
    }
    return position.withFormulas(position.formulasAt(), after);
  }

  /** Records stamped in {@code [stamp, end]}, skipping those applied at {@code stamp} already. */
  private Position modified(SObject object, Position position, Instant end, List<Change> changes) {
    if (end.isBefore(position.stamp())) {
      return position;
    }
    String soql = "SELECT " + fieldList(object) + " FROM " + object.name() + " WHERE SystemModstamp >= "
        + SOQL_DATETIME.format(position.stamp()) + " AND SystemModstamp <= " + SOQL_DATETIME.format(end) + " ORDER BY SystemModstamp, Id";
    Instant stamp = position.stamp();
    Set<String> atStamp = new HashSet<>(position.idsAtStamp());
    JsonNode page = client.get(SalesforceClient.DATA + (object.hasIsDeleted() ? "/queryAll" : "/query"), Map.of("q", soql));
    while (true) {
      for (JsonNode json : page.path("records")) {
        Map<String, String> text = textOf(json);
        Instant recordStamp = datetime(text.get("SystemModstamp"));
        String id = text.get("Id");
        if (recordStamp.equals(position.stamp()) && position.idsAtStamp().contains(id)) {
          continue; // a tie on the boundary stamp, applied by the last poll
        }
        if (recordStamp.isAfter(stamp)) {
          stamp = recordStamp;
          atStamp.clear();
        }
        atStamp.add(id);
        long at = recordStamp.getEpochSecond();
        changes.add("true".equals(text.get("IsDeleted"))
            ? Change.delete(SalesforceNames.table(object.name()), id, at)
            : Change.upsert(record(object, text), List.of(), at));
      }
      if (page.path("done").asBoolean(true)) {
        break;
      }
      page = client.get(page.path("nextRecordsUrl").asText(), Map.of());
    }
    return new Position(stamp, atStamp, position.deletedUntil(), position);
  }

  /** Records deleted since the last read and purged from the recycle bin, which queryAll no longer returns. */
  private Position purged(SObject object, Position position, Instant end, List<Change> changes) {
    Instant start = position.deletedUntil().truncatedTo(ChronoUnit.MINUTES);
    if (!end.isAfter(start.plus(Duration.ofMinutes(1)))) {
      return position;
    }
    JsonNode deleted;
    try {
      deleted = client.get(SalesforceClient.DATA + "/sobjects/" + object.name() + "/deleted/",
          Map.of("start", SOQL_DATETIME.format(start), "end", SOQL_DATETIME.format(end)));
    } catch (SalesforceClient.ApiError e) {
      if (e.errorCode.equals("INVALID_REPLICATION_DATE")) {
        throw new CursorExpiredException("Salesforce's delete log no longer reaches back to " + start + " for " + object.name()
            + " (it keeps 15 days)");
      }
      throw e;
    }
    for (JsonNode record : deleted.path("deletedRecords")) {
      changes.add(Change.delete(SalesforceNames.table(object.name()), record.path("id").asText(),
          datetime(record.path("deletedDate").asText()).getEpochSecond()));
    }
    Instant covered = deleted.hasNonNull("latestDateCovered") ? datetime(deleted.path("latestDateCovered").asText()) : start;
    return new Position(position.stamp(), position.idsAtStamp(), covered, position);
  }

  private static String encode(Map<String, Position> positions) {
    ObjectNode node = JSON.createObjectNode();
    positions.forEach((object, position) -> {
      ObjectNode entry = node.putObject(object);
      entry.put("stamp", position.stamp().toString());
      var ids = entry.putArray("ids");
      position.idsAtStamp().stream().sorted().forEach(ids::add);
      entry.put("deletedUntil", position.deletedUntil().toString());
      entry.put("formulasAt", position.formulasAt().toString());
      if (position.formulasAfter() != null) {
        entry.put("formulasAfter", position.formulasAfter());
      }
    });
    return node.toString();
  }

  private static Map<String, Position> decode(String cursor) {
    try {
      Map<String, Position> positions = new LinkedHashMap<>();
      JSON.readTree(cursor).properties().forEach(e -> {
        Set<String> ids = new HashSet<>();
        e.getValue().path("ids").forEach(id -> ids.add(id.asText()));
        Instant stamp = Instant.parse(e.getValue().path("stamp").asText());
        // a cursor from before formula re-reads counts from its stamp
        Instant formulasAt = e.getValue().has("formulasAt") ? Instant.parse(e.getValue().path("formulasAt").asText()) : stamp;
        positions.put(e.getKey(), new Position(stamp, ids, Instant.parse(e.getValue().path("deletedUntil").asText()), formulasAt,
            e.getValue().path("formulasAfter").isTextual() ? e.getValue().path("formulasAfter").asText() : null));
      });
      return positions;
    } catch (IOException | RuntimeException e) {
      throw new SourceException("unreadable Salesforce change cursor: " + e.getMessage());
    }
  }

  @Override
  public List<Change> pushedChanges(java.util.function.Function<String, String> header, byte[] body) {
    throw new PushRejectedException("Salesforce changes are polled; Change Data Capture (Pub/Sub API) is not supported");
  }

  @Override
  public void close() {}
}
