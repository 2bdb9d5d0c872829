package dev.ferry.sync.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sync.source.Change;
import dev.ferry.sync.source.ChangeBatch;
import dev.ferry.sync.source.ObjectType;
import dev.ferry.sync.source.Page;
import dev.ferry.sync.source.PushRejectedException;
import dev.ferry.sync.source.PushedNotice;
import dev.ferry.sync.source.Slice;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceException;
import dev.ferry.sync.source.SourceRecord;
import dev.ferry.vendor.hubspot.HubSpotModel;
import dev.ferry.vendor.hubspot.HubSpotModel.AssociationPair;
import dev.ferry.vendor.hubspot.HubSpotModel.CrmObject;
import dev.ferry.vendor.hubspot.HubSpotModel.Property;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * HubSpot as a {@link Source}. The account's object model comes first: custom objects from the
 * schemas API, each object's properties from the properties API (so a new property is a new column
 * on the next sync). Backfill pages each object's list endpoint ({@code limit=100}, {@code after},
 * every property named) and reads its associations in batches (v4), from the join table's first side.
 *
 * <p>Changes come from the search API on the object's modification property ({@code lastmodifieddate}
 * for contacts, else {@code hs_lastmodifieddate}), ascending, walked by keys, never by offset: a page
 * {@code modified > since} yields the records before its last timestamp, then the records at that
 * timestamp are read by id ({@code modified = t, hs_object_id > last}). No query pages past the
 * 10,000-result cap, ties are read whole however many there are, and records modified meanwhile move
 * ahead of the walk instead of shifting it. Deletes come from the archived listing; merges from the
 * survivor's {@code hs_merged_object_ids}. Webhook deliveries (signature v3) name objects that are
 * then read at once.
 */
public final class HubSpotSource implements Source {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 100;
  /** Marks a read key of {@link #readNamed} whose records are read without their associations. */
  private static final String PROPERTIES_ONLY = " properties";
  /** The survivor of a merge lists the ids merged into it here (semicolon-separated). */
  private static final String MERGED = "hs_merged_object_ids";

  private final HubSpotClient client;
  private final HubSpotSignature signature;
  private volatile HubSpotSchema schema;
  /**
   * Requests that need not wait for each other run here at once (a page's association reads, the next
   * page, every type's properties), so the shared limiter, not the answers' latency, sets the pace.
   */
  private final ExecutorService requests = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "ferry-hubspot-request");
    thread.setDaemon(true);
    return thread;
  });
  /** Each slice's next page, read while the engine writes the one before, by slice stream. */
  private final Map<String, ReadAhead> readAhead = new ConcurrentHashMap<>();

  /** A source reading the API as {@code config} says ({@code null} config: offline, standard objects only). */
  public HubSpotSource(HubSpotConfig config, HubSpotSignature signature) {
    this.client = config == null ? null : new HubSpotClient(config);
    this.signature = signature;
    this.schema = config == null ? HubSpotSchema.standard() : null;
  }

  @Override
  public String name() {
    return "hubspot";
  }

  /** Requests sent so far, for {@code ferry bench sync}. */
  public long requests() {
    return client == null ? 0 : client.requests();
  }

  // ---- the account's object model

  private HubSpotSchema schema() {
    HubSpotSchema current = schema;
    if (current == null) {
      synchronized (this) {
        if (schema == null) {
          schema = loadSchema();
        }
        current = schema;
      }
    }
    return current;
  }

  private HubSpotSchema loadSchema() {
    Future<List<JsonNode>> customs = requests.submit(this::customSchemas);
    List<List<Property>> standardProperties = inParallel(HubSpotModel.CRM_OBJECTS, o -> properties(o.apiName()));
    List<CrmObject> objects = new ArrayList<>();
    for (int i = 0; i < HubSpotModel.CRM_OBJECTS.size(); i++) {
      CrmObject standard = HubSpotModel.CRM_OBJECTS.get(i);
      objects.add(new CrmObject(standard.apiName(), standard.objectTypeId(), standard.table(), standard.modifiedProperty(),
          standardProperties.get(i)));
    }
    List<AssociationPair> pairs = new ArrayList<>(HubSpotModel.ASSOCIATIONS);
    List<JsonNode> custom = await(customs);
    List<List<Property>> customProperties = inParallel(custom, c -> properties(c.path("name").asText()));
    for (int i = 0; i < custom.size(); i++) {
      JsonNode schemaJson = custom.get(i);
      String apiName = schemaJson.path("name").asText();
      String table = schemaJson.path("labels").path("singular").asText(apiName).toLowerCase().replaceAll("[^a-z0-9]+", "_");
      objects.add(new CrmObject(apiName, schemaJson.path("objectTypeId").asText(), table, "hs_lastmodifieddate", customProperties.get(i)));
      for (JsonNode association : schemaJson.path("associations")) {
        HubSpotModel.CrmObject other = HubSpotModel.CRM_OBJECTS.stream()
            .filter(o -> o.objectTypeId().equals(association.path("toObjectTypeId").asText())).findFirst().orElse(null);
        if (other != null && pairs.stream().noneMatch(p -> p.involves(apiName) && p.involves(other.apiName()))) {
          boolean otherFirst = other.table().compareTo(table) < 0;
          pairs.add(new AssociationPair(otherFirst ? other.apiName() : apiName, otherFirst ? apiName : other.apiName(), 0, 0));
        }
      }
    }
    return new HubSpotSchema(objects, pairs);
  }

  private List<JsonNode> customSchemas() {
    List<JsonNode> schemas = new ArrayList<>();
    try {
      client.get("/crm-object-schemas/v3/schemas", Map.of()).path("results").forEach(schemas::add);
    } catch (HubSpotClient.ApiError e) {
      if (e.status() != 403) {
        throw e; // 403: the token lacks the custom-objects scope, so the account shows none
      }
    }
    return schemas;
  }

  private List<Property> properties(String apiName) {
    List<Property> properties = new ArrayList<>();
    for (JsonNode definition : client.get("/crm/v3/properties/" + apiName, Map.of()).path("results")) {
      List<String> options = new ArrayList<>();
      definition.path("options").forEach(o -> options.add(o.path("value").asText()));
      properties.add(new Property(definition.path("name").asText(), definition.path("label").asText(),
          definition.path("type").asText(), definition.path("fieldType").asText(), options));
    }
    return properties;
  }

  @Override
  public List<ObjectType> objectTypes() {
    return schema().objectTypes();
  }

  @Override
  public ObjectType describe(String type) {
    return objectTypes().stream().filter(t -> t.name().equals(type)).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "unknown HubSpot object type '" + type + "' (known: " + String.join(", ", defaultObjectTypes()) + ")"));
  }

  @Override
  public String definitionOf(String type) {
    return "the HubSpot account's " + type + " properties";
  }

  /** Properties leave the account's definitions when archived (HubSpot's delete archives them). */
  @Override
  public String removedField(String type) {
    return "property archived in HubSpot (no longer among the account's " + type + " properties)";
  }

  @Override
  public List<String> defaultObjectTypes() {
    return objectTypes().stream().filter(t -> !t.isChild()).map(ObjectType::name).toList();
  }

  // ---- backfill

  @Override
  public List<Slice> slices(String type, int parallelism) {
    return describe(type).isChild() ? List.of() : List.of(new Slice(type, "all", ""));
  }

  @Override
  public Page backfillPage(Slice slice, String cursor) {
    ReadAhead ahead = readAhead.remove(slice.stream());
    if (ahead != null && !ahead.cursor().equals(cursor)) {
      ahead.page().cancel(true);
      ahead = null;
    }
    Page page = ahead != null ? await(ahead.page()) : readPage(slice.type(), cursor);
    if (!page.isLast()) {
      String next = page.next();
      readAhead.put(slice.stream(), new ReadAhead(next, requests.submit(() -> readPage(slice.type(), next))));
    }
    return page;
  }

  /** A page being read before the engine asks for it, and the cursor it was read at. */
  private record ReadAhead(String cursor, Future<Page> page) {}

  private Page readPage(String type, String cursor) {
    if (type.equals(HubSpotModel.PIPELINE)) {
      return new Page(pipelines(), null);
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", String.valueOf(PAGE));
    if (!cursor.isEmpty()) {
      query.put("after", cursor);
    }
    if (type.equals(HubSpotModel.OWNER)) {
      JsonNode page = client.get("/crm/v3/owners/", query);
      List<Change> changes = new ArrayList<>();
      page.path("results").forEach(owner -> changes.add(Change.upsert(owner(owner), List.of(), 0)));
      return new Page(changes, next(page));
    }
    CrmObject object = crm(type);
    query.put("properties", String.join(",", object.properties().stream().map(Property::name).toList()));
    JsonNode page = client.get("/crm/v3/objects/" + object.apiName(), query);
    List<JsonNode> results = new ArrayList<>();
    page.path("results").forEach(results::add);
    // backfill reads each pair once, from the join table's first side
    List<AssociationPair> pairs = schema().joins().values().stream()
        .filter(p -> schema().joinSides(p)[0].equals(object.table())).toList();
    return new Page(upserts(object, results, pairs, true), next(page));
  }

  /** {@code work} applied to every item at once on the request threads; the results in order, or the first failure. */
  private <T, R> List<R> inParallel(List<T> items, Function<T, R> work) {
    if (items.size() == 1) {
      return List.of(work.apply(items.get(0)));
    }
    List<Future<R>> futures = new ArrayList<>();
    items.forEach(item -> futures.add(requests.submit(() -> work.apply(item))));
    List<R> results = new ArrayList<>();
    try {
      for (Future<R> future : futures) {
        results.add(await(future));
      }
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
    return results;
  }

  private static <R> R await(Future<R> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new SourceException("HubSpot request failed: " + e.getCause().getMessage());
    } catch (CancellationException e) {
      throw new SourceException("HubSpot request cancelled");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while calling the HubSpot API");
    }
  }

  private static String next(JsonNode page) {
    JsonNode after = page.path("paging").path("next").path("after");
    return after.isMissingNode() || after.asText().isEmpty() ? null : after.asText();
  }

  private CrmObject crm(String table) {
    return schema().crm(table).orElseThrow(() -> new IllegalArgumentException("unknown HubSpot object type '" + table + "'"));
  }

  /**
   * Upserts for {@code records} with their association sets in {@code pairs}, each keyed on this
   * object's side; a survivor of a merge also deletes the ids merged into it.
   */
  private List<Change> upserts(CrmObject object, List<JsonNode> records, List<AssociationPair> pairs, boolean snapshot) {
    if (records.isEmpty()) {
      return List.of();
    }
    return upserts(object, records, children(object, pairs, records.stream().map(r -> r.path("id").asText()).toList()), snapshot);
  }

  /** Each id's association sets in {@code pairs}, every pair read at once. */
  private Map<String, List<Change.ChildSet>> children(CrmObject object, List<AssociationPair> pairs, List<String> ids) {
    Map<String, List<Change.ChildSet>> children = new HashMap<>();
    for (Map<String, Change.ChildSet> sets : inParallel(pairs, pair -> associationSets(object, pair, ids))) {
      sets.forEach((id, set) -> children.computeIfAbsent(id, k -> new ArrayList<>()).add(set));
    }
    return children;
  }

  private List<Change> upserts(CrmObject object, List<JsonNode> records, Map<String, List<Change.ChildSet>> children, boolean snapshot) {
    List<Change> changes = new ArrayList<>();
    for (JsonNode json : records) {
      SourceRecord record = schema().record(object, json);
      Instant updated = HubSpotSchema.instant(json.path("updatedAt").asText(null));
      long eventAt = snapshot || updated == null ? 0 : updated.getEpochSecond();
      changes.add(Change.upsert(record, children.getOrDefault(record.id(), List.of()), eventAt));
      String merged = json.path("properties").path(MERGED).asText("");
      for (String mergedId : merged.split(";")) {
        if (!mergedId.isBlank() && !mergedId.equals(record.id())) {
          changes.add(Change.delete(object.table(), mergedId.trim(), emptySets(object, mergedId.trim()), eventAt));
        }
      }
    }
    return changes;
  }

  /** For a deleted or merged-away object: its rows in every join table it is part of, emptied. */
  private List<Change.ChildSet> emptySets(CrmObject object, String id) {
    List<Change.ChildSet> sets = new ArrayList<>();
    for (Map.Entry<String, AssociationPair> join : schema().joins().entrySet()) {
      if (join.getValue().involves(object.apiName())) {
        sets.add(new Change.ChildSet(join.getKey(), object.table(), id, List.of()));
      }
    }
    return sets;
  }

  /** Each id's complete association set in {@code pair}, read in batches with every input's own paging. */
  private Map<String, Change.ChildSet> associationSets(CrmObject object, AssociationPair pair, List<String> ids) {
    String otherApi = pair.other(object.apiName());
    String joinTable = schema().joinTable(pair);
    boolean thisFirst = schema().joinSides(pair)[0].equals(object.table());
    Map<String, List<SourceRecord>> rows = new LinkedHashMap<>();
    ids.forEach(id -> rows.put(id, new ArrayList<>()));
    Map<String, String> pending = new LinkedHashMap<>();
    ids.forEach(id -> pending.put(id, null));
    while (!pending.isEmpty()) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode inputs = body.putArray("inputs");
      pending.forEach((id, after) -> {
        ObjectNode input = inputs.addObject().put("id", id);
        if (after != null) {
          input.put("after", after);
        }
      });
      pending.clear();
      JsonNode answer = client.post("/crm/v4/associations/" + object.apiName() + "/" + otherApi + "/batch/read", body);
      for (JsonNode result : answer.path("results")) {
        String from = result.path("from").path("id").asText();
        for (JsonNode to : result.path("to")) {
          String toId = to.path("toObjectId").asText();
          List<String> labels = new ArrayList<>();
          List<String> typeIds = new ArrayList<>();
          for (JsonNode associationType : to.path("associationTypes")) {
            typeIds.add(associationType.path("category").asText() + ":" + associationType.path("typeId").asText());
            if (associationType.hasNonNull("label") && !associationType.path("label").asText().isEmpty()) {
              labels.add(associationType.path("label").asText());
            }
          }
          String first = thisFirst ? from : toId;
          String second = thisFirst ? toId : from;
          String[] sides = schema().joinSides(pair);
          Map<String, Object> values = new HashMap<>();
          values.put(sides[0], first);
          values.put(sides[1], second);
          values.put("labels", labels);
          values.put("type_ids", typeIds);
          rows.computeIfAbsent(from, k -> new ArrayList<>()).add(new SourceRecord(joinTable, first + "-" + second, values));
        }
        String after = next(result);
        if (after != null) {
          pending.put(from, after);
        }
      }
    }
    Map<String, Change.ChildSet> sets = new LinkedHashMap<>();
    rows.forEach((id, records) -> sets.put(id, new Change.ChildSet(joinTable, object.table(), id, records)));
    return sets;
  }

  private SourceRecord owner(JsonNode json) {
    Map<String, Object> values = new HashMap<>();
    values.put("email", json.path("email").asText(null));
    values.put("first_name", json.path("firstName").asText(null));
    values.put("last_name", json.path("lastName").asText(null));
    values.put("user_id", json.hasNonNull("userId") ? json.path("userId").asLong() : null);
    values.put(HubSpotSchema.CREATED_AT, HubSpotSchema.instant(json.path("createdAt").asText(null)));
    values.put(HubSpotSchema.UPDATED_AT, HubSpotSchema.instant(json.path("updatedAt").asText(null)));
    values.put("archived", json.path("archived").asBoolean(false));
    return new SourceRecord(HubSpotModel.OWNER, json.path("id").asText(), values);
  }

  /** Every deal and ticket pipeline, each with its complete set of stages. */
  private List<Change> pipelines() {
    List<Change> changes = new ArrayList<>();
    for (String objectType : HubSpotModel.PIPELINE_OBJECTS) {
      for (JsonNode pipeline : client.get("/crm/v3/pipelines/" + objectType, Map.of()).path("results")) {
        Map<String, Object> values = new HashMap<>();
        values.put("object_type", objectType);
        values.put("label", pipeline.path("label").asText(null));
        values.put("display_order", pipeline.path("displayOrder").asLong());
        values.put(HubSpotSchema.CREATED_AT, HubSpotSchema.instant(pipeline.path("createdAt").asText(null)));
        values.put(HubSpotSchema.UPDATED_AT, HubSpotSchema.instant(pipeline.path("updatedAt").asText(null)));
        values.put("archived", pipeline.path("archived").asBoolean(false));
        String id = pipeline.path("id").asText();
        List<SourceRecord> stages = new ArrayList<>();
        for (JsonNode stage : pipeline.path("stages")) {
          Map<String, Object> stageValues = new HashMap<>();
          stageValues.put("pipeline", id);
          stageValues.put("label", stage.path("label").asText(null));
          stageValues.put("display_order", stage.path("displayOrder").asLong());
          stageValues.put("metadata", stage.path("metadata").toString());
          stageValues.put(HubSpotSchema.CREATED_AT, HubSpotSchema.instant(stage.path("createdAt").asText(null)));
          stageValues.put(HubSpotSchema.UPDATED_AT, HubSpotSchema.instant(stage.path("updatedAt").asText(null)));
          stageValues.put("archived", stage.path("archived").asBoolean(false));
          stages.add(new SourceRecord(HubSpotModel.PIPELINE_STAGE, stage.path("id").asText(), stageValues));
        }
        changes.add(Change.upsert(new SourceRecord(HubSpotModel.PIPELINE, id, values),
            List.of(new Change.ChildSet(HubSpotModel.PIPELINE_STAGE, id, stages)), 0));
      }
    }
    return changes;
  }

  // ---- change feed

  @Override
  public String changeCursorNow() {
    ChangeCursor cursor = new ChangeCursor(new LinkedHashMap<>(), new LinkedHashMap<>());
    List<CrmObject> objects = schema().crmObjects();
    List<long[]> newest = inParallel(objects, object -> new long[] {newestModified(object), newestArchived(object, 0, new ArrayList<>())});
    for (int i = 0; i < objects.size(); i++) {
      cursor.positions().put(objects.get(i).table(), new Position(newest.get(i)[0], null));
      cursor.archived().put(objects.get(i).table(), newest.get(i)[1]);
    }
    return cursor.encode();
  }

  private long newestModified(CrmObject object) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("sorts").addObject().put("propertyName", object.modifiedProperty()).put("direction", "DESCENDING");
    body.putArray("properties").add(object.modifiedProperty());
    body.put("limit", 1);
    JsonNode newest = client.post("/crm/v3/objects/" + object.apiName() + "/search", body).path("results");
    return newest.isEmpty() ? 0 : modifiedMillis(object, newest.get(0));
  }

  /**
   * Walks every type at once (each its search, then its archived listing), owners and pipelines read
   * alongside: the requests share the source's rate limit instead of waiting on one another. Each type
   * stops at {@code limit} changes; the batch is caught up when every walk reached its newest record.
   */
  @Override
  public ChangeBatch changes(String cursorText, Set<String> types, int limit) {
    ChangeCursor cursor = ChangeCursor.decode(cursorText);
    List<CrmObject> objects = schema().crmObjects().stream().filter(o -> types.contains(o.table())).toList();
    List<Callable<List<Change>>> work = new ArrayList<>();
    List<TypeWalk> walks = new ArrayList<>();
    for (CrmObject object : objects) {
      TypeWalk walk = new TypeWalk(object, cursor.positions().getOrDefault(object.table(), new Position(0, null)),
          cursor.archived().getOrDefault(object.table(), 0L));
      walks.add(walk);
      work.add(() -> walk.run(limit));
    }
    if (types.contains(HubSpotModel.OWNER)) {
      work.add(this::allOwners);
    }
    if (types.contains(HubSpotModel.PIPELINE)) {
      work.add(this::pipelines);
    }
    List<List<Change>> read = inParallel(work, task -> {
      try {
        return task.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new SourceException("HubSpot request failed: " + e.getMessage());
      }
    });
    boolean caughtUp = walks.stream().allMatch(w -> w.done);
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < walks.size(); i++) {
      TypeWalk walk = walks.get(i);
      changes.addAll(read.get(i));
      cursor.positions().put(walk.object.table(), walk.position);
      cursor.archived().put(walk.object.table(), walk.archivedSince);
    }
    if (caughtUp) {
      // owners and pipelines have no change feed: read whole once the types are caught up
      read.subList(walks.size(), read.size()).forEach(changes::addAll);
    }
    return new ChangeBatch(changes, cursor.encode(), caughtUp);
  }

  /** One type's part of a change batch: its search walk, then (when the walk reached the newest record) its deletes. */
  private final class TypeWalk {
    final CrmObject object;
    Position position;
    long archivedSince;
    boolean done;

    TypeWalk(CrmObject object, Position position, long archivedSince) {
      this.object = object;
      this.position = position;
      this.archivedSince = archivedSince;
    }

    List<Change> run(int limit) {
      List<Change> changes = new ArrayList<>();
      List<AssociationPair> pairs = schema().joins().values().stream().filter(p -> p.involves(object.apiName())).toList();
      while (changes.size() < limit && !done) {
        Step step = step(object, position);
        changes.addAll(upserts(object, step.records(), pairs, false));
        position = step.next();
        done = step.done();
      }
      if (done) {
        archivedSince = newestArchived(object, archivedSince, changes);
      }
      return changes;
    }
  }

  /**
   * Where the walk of one object type stands: everything modified before {@code since} is read;
   * at {@code since}, every id up to {@code tieAfter}, or all of them when it is null.
   */
  record Position(long since, String tieAfter) {}

  /** The records one search read, where to continue, and whether the walk reached the newest record. */
  private record Step(List<JsonNode> records, Position next, boolean done) {}

  private Step step(CrmObject object, Position position) {
    String modified = object.modifiedProperty();
    ObjectNode body = JSON.createObjectNode();
    ArrayNode filters = body.putArray("filterGroups").addObject().putArray("filters");
    ArrayNode properties = body.putArray("properties");
    object.properties().forEach(p -> properties.add(p.name()));
    body.put("limit", PAGE);
    if (position.tieAfter() != null) {
      // the records at exactly `since`, by id: as many as there are, never past the search cap
      filters.addObject().put("propertyName", modified).put("operator", "EQ").put("value", String.valueOf(position.since()));
      filters.addObject().put("propertyName", "hs_object_id").put("operator", "GT").put("value", position.tieAfter());
      body.putArray("sorts").addObject().put("propertyName", "hs_object_id").put("direction", "ASCENDING");
      List<JsonNode> results = search(object, body);
      if (results.size() < PAGE) {
        return new Step(results, new Position(position.since(), null), false);
      }
      return new Step(results, new Position(position.since(), results.get(results.size() - 1).path("id").asText()), false);
    }
    filters.addObject().put("propertyName", modified).put("operator", "GT").put("value", String.valueOf(position.since()));
    body.putArray("sorts").addObject().put("propertyName", modified).put("direction", "ASCENDING");
    List<JsonNode> results = search(object, body);
    if (results.isEmpty()) {
      return new Step(List.of(), position, true);
    }
    long last = modifiedMillis(object, results.get(results.size() - 1));
    List<JsonNode> before = results.stream().filter(r -> modifiedMillis(object, r) < last).toList();
    // the records at the page's last timestamp are read whole, by id, in the next step
    return new Step(before, new Position(last, "0"), false);
  }

  private List<JsonNode> search(CrmObject object, JsonNode body) {
    List<JsonNode> results = new ArrayList<>();
    client.post("/crm/v3/objects/" + object.apiName() + "/search", body).path("results").forEach(results::add);
    return results;
  }

  private static long modifiedMillis(CrmObject object, JsonNode record) {
    String text = record.path("properties").path(object.modifiedProperty()).asText(record.path("updatedAt").asText(""));
    Instant instant = HubSpotSchema.instant(text);
    return instant == null ? 0 : instant.toEpochMilli();
  }

  /** Adds deletes for records archived after {@code since} (ms) and returns the newest archive time seen. */
  private long newestArchived(CrmObject object, long since, List<Change> changes) {
    long newest = since;
    String after = "";
    do {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("limit", String.valueOf(PAGE));
      query.put("archived", "true");
      query.put("properties", "hs_object_id," + MERGED);
      if (!after.isEmpty()) {
        query.put("after", after);
      }
      JsonNode page = client.get("/crm/v3/objects/" + object.apiName(), query);
      for (JsonNode record : page.path("results")) {
        Instant archivedAt = HubSpotSchema.instant(record.path("archivedAt").asText(null));
        long at = archivedAt == null ? 0 : archivedAt.toEpochMilli();
        if (at > since) {
          // an archived survivor of a merge takes the ids merged into it along
          List<String> ids = new ArrayList<>(List.of(record.path("id").asText()));
          ids.addAll(List.of(record.path("properties").path(MERGED).asText("").split(";")));
          for (String id : ids) {
            if (!id.isBlank()) {
              changes.add(Change.delete(object.table(), id, emptySets(object, id), at / 1000));
            }
          }
          newest = Math.max(newest, at);
        }
      }
      after = next(page);
    } while (after != null);
    return newest;
  }

  private List<Change> allOwners() {
    List<Change> changes = new ArrayList<>();
    String after = "";
    while (after != null) {
      Page page = backfillPage(new Slice(HubSpotModel.OWNER, "all", ""), after);
      changes.addAll(page.changes());
      after = page.next();
    }
    return changes;
  }

  /** The change feed's position: per object table, the search walk and the newest archive time read. */
  record ChangeCursor(Map<String, Position> positions, Map<String, Long> archived) {
    String encode() {
      ObjectNode node = JSON.createObjectNode();
      ObjectNode walk = node.putObject("search");
      positions.forEach((table, position) -> {
        ObjectNode p = walk.putObject(table).put("since", position.since());
        if (position.tieAfter() != null) {
          p.put("tie_after", position.tieAfter());
        }
      });
      ObjectNode archivedNode = node.putObject("archived");
      archived.forEach(archivedNode::put);
      return node.toString();
    }

    static ChangeCursor decode(String text) {
      try {
        JsonNode node = JSON.readTree(text);
        Map<String, Position> positions = new LinkedHashMap<>();
        node.path("search").properties().forEach(e -> positions.put(e.getKey(),
            new Position(e.getValue().path("since").asLong(), e.getValue().hasNonNull("tie_after") ? e.getValue().path("tie_after").asText() : null)));
        Map<String, Long> archived = new LinkedHashMap<>();
        node.path("archived").properties().forEach(e -> archived.put(e.getKey(), e.getValue().asLong()));
        return new ChangeCursor(positions, archived);
      } catch (IOException e) {
        throw new SourceException("unreadable HubSpot change cursor: " + e.getMessage());
      }
    }
  }

  // ---- webhooks

  @Override
  public List<Change> pushedChanges(Function<String, String> header, byte[] body) {
    PushedNotice notice = verifyPush(header, body);
    List<Change> changes = new ArrayList<>(notice.changes());
    changes.addAll(readNamed(notice.named()));
    return changes;
  }

  /** Deletions carry their change; every other event names objects (by table) to read now, with their associations. */
  @Override
  public PushedNotice verifyPush(Function<String, String> header, byte[] body) {
    if (signature == null) {
      throw new PushRejectedException("no HubSpot client secret configured");
    }
    signature.verify(header.apply("X-HubSpot-Signature-v3"), header.apply("X-HubSpot-Request-Timestamp"),
        header.apply("Host"), header.apply(Source.REQUEST_TARGET), body);
    JsonNode events;
    try {
      events = JSON.readTree(body);
    } catch (IOException e) {
      throw new SourceException("unreadable HubSpot webhook delivery: " + e.getMessage());
    }
    Map<String, Set<String>> reread = new LinkedHashMap<>();
    List<Change> deletes = new ArrayList<>();
    for (JsonNode event : events) {
      String subscription = event.path("subscriptionType").asText("");
      int dot = subscription.indexOf('.');
      CrmObject object = dot < 0 ? null : webhookObject(subscription.substring(0, dot));
      if (object == null) {
        continue;
      }
      String id = event.path("objectId").asText();
      String kind = subscription.substring(dot + 1);
      switch (kind) {
        case "deletion", "privacyDeletion" -> deletes.add(Change.delete(object.table(), id, emptySets(object, id),
            event.path("occurredAt").asLong() / 1000));
        case "associationChange" -> {
          reread.computeIfAbsent(object.table(), k -> new LinkedHashSet<>()).add(event.path("fromObjectId").asText(id));
          String[] association = event.path("associationType").asText("").toLowerCase().split("_to_");
          CrmObject to = association.length == 2 ? webhookObject(association[1]) : null;
          if (to != null) {
            reread.computeIfAbsent(to.table(), k -> new LinkedHashSet<>()).add(event.path("toObjectId").asText());
          }
        }
        case "merge" -> {
          for (JsonNode merged : event.path("mergedObjectIds")) {
            if (!merged.asText().equals(event.path("primaryObjectId").asText())) {
              deletes.add(Change.delete(object.table(), merged.asText(), emptySets(object, merged.asText()),
                  event.path("occurredAt").asLong() / 1000));
            }
          }
          reread.computeIfAbsent(object.table(), k -> new LinkedHashSet<>()).add(event.path("primaryObjectId").asText(id));
        }
        // a property change leaves associations as they were (their changes come as associationChange events)
        case "propertyChange" -> reread.computeIfAbsent(object.table() + PROPERTIES_ONLY, k -> new LinkedHashSet<>()).add(id);
        default -> reread.computeIfAbsent(object.table(), k -> new LinkedHashSet<>()).add(id); // creation, restore
      }
    }
    return new PushedNotice(deletes, reread);
  }

  /**
   * Every named object's current state: per type, batch reads and association reads all at once. Keys
   * are tables, or a table and {@link #PROPERTIES_ONLY} for records whose associations are not read.
   */
  @Override
  public List<Change> readNamed(Map<String, Set<String>> named) {
    List<Map.Entry<String, Set<String>>> reads = new ArrayList<>();
    named.forEach((key, ids) -> {
      if (!key.endsWith(PROPERTIES_ONLY)) {
        reads.add(Map.entry(key, ids));
      } else {
        // an id also read with its associations needs no second read
        Set<String> rest = new LinkedHashSet<>(ids);
        rest.removeAll(named.getOrDefault(key.substring(0, key.length() - PROPERTIES_ONLY.length()), Set.of()));
        if (!rest.isEmpty()) {
          reads.add(Map.entry(key, rest));
        }
      }
    });
    List<Change> changes = new ArrayList<>();
    inParallel(reads, read -> {
      boolean associations = !read.getKey().endsWith(PROPERTIES_ONLY);
      String table = associations ? read.getKey() : read.getKey().substring(0, read.getKey().length() - PROPERTIES_ONLY.length());
      return readNow(crm(table), List.copyOf(read.getValue()), associations);
    }).forEach(changes::addAll);
    return changes;
  }

  /** The synced object a webhook subscription prefix ({@code contact}, {@code line_item}) names, or null. */
  private CrmObject webhookObject(String prefix) {
    return schema().crm(prefix).orElse(null);
  }

  /**
   * Reads {@code ids} now: the batch read and, with {@code associations}, each pair's association read
   * at once (the ids are known before the records are); ids no longer live are left to the archived listing.
   */
  private List<Change> readNow(CrmObject object, List<String> ids, boolean associations) {
    List<AssociationPair> pairs = !associations ? List.of()
        : schema().joins().values().stream().filter(p -> p.involves(object.apiName())).toList();
    List<Change> changes = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += PAGE) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PAGE));
      ObjectNode body = JSON.createObjectNode();
      ArrayNode inputs = body.putArray("inputs");
      chunk.forEach(id -> inputs.addObject().put("id", id));
      ArrayNode properties = body.putArray("properties");
      object.properties().forEach(p -> properties.add(p.name()));
      String path = "/crm/v3/objects/" + object.apiName() + "/batch/read";
      Future<JsonNode> read = pairs.isEmpty() ? java.util.concurrent.CompletableFuture.completedFuture(client.post(path, body))
          : requests.submit(() -> client.post(path, body));
      Map<String, List<Change.ChildSet>> children;
      try {
        children = children(object, pairs, chunk);
      } catch (RuntimeException e) {
        read.cancel(true);
        throw e;
      }
      List<JsonNode> records = new ArrayList<>();
      await(read).path("results").forEach(records::add);
      changes.addAll(upserts(object, records, children, false));
    }
    return changes;
  }

  @Override
  public void close() {
    requests.shutdownNow();
  }
}
