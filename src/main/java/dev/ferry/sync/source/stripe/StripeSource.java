package dev.ferry.sync.source.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.sync.source.Change;
import dev.ferry.sync.source.ChangeBatch;
import dev.ferry.sync.source.CursorExpiredException;
import dev.ferry.sync.source.InvalidResponseException;
import dev.ferry.sync.source.ObjectType;
import dev.ferry.sync.source.Page;
import dev.ferry.sync.source.Slice;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceException;
import dev.ferry.sync.source.SourceRecord;
import dev.ferry.vendor.stripe.StripeApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stripe as a {@link Source}. Backfill pages every list endpoint newest first
 * ({@code limit=100}, {@code starting_after}, {@code has_more}) inside {@code created} windows that
 * run in parallel; nested lists past their first 10 items ({@code invoice.lines},
 * {@code subscription.items}) are completed from their own endpoints. Changes come from the Events
 * API, walked forward from the last applied event with {@code ending_before}; events are applied
 * oldest first in the API's own order (several share a second) and deduplicated by id.
 *
 * <p>Cursors: a backfill page is {@code gte|lt|starting_after}; the change feed is a small JSON
 * object with the last applied event (see {@link ChangeCursor}).
 */
public final class StripeSource implements Source {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 100;
  /** Pages a backfill window should hold before the type is split further (each window ends part-filled). */
  private static final int PAGES_PER_WINDOW = 8;
  private static final List<String> DEFAULT_TYPES =
      StripeObjects.all().values().stream().map(s -> s.type().name()).toList();

  private final StripeClient client;
  private final StripeRecords records = new StripeRecords();
  private final StripeWebhooks webhooks;
  /** The newest page of each type, read to plan its windows and served again as its newest window's first page. */
  private final Map<String, JsonNode> probes = new ConcurrentHashMap<>();

  public StripeSource(StripeConfig config) {
    this(config, null);
  }

  /** A source that also accepts webhook deliveries verified by {@code webhooks}. */
  public StripeSource(StripeConfig config, StripeWebhooks webhooks) {
    this.client = new StripeClient(config.baseUrl(), config.apiKey(), config.rate(), config.maxAttempts(), config.initialBackoff());
    this.webhooks = webhooks;
  }

  @Override
  public String name() {
    return "stripe";
  }

  @Override
  public String apiVersion() {
    return StripeApi.VERSION;
  }

  @Override
  public List<ObjectType> objectTypes() {
    return StripeObjects.all().values().stream().map(records::describe).toList();
  }

  @Override
  public ObjectType describe(String type) {
    return records.describe(spec(type));
  }

  @Override
  public List<String> defaultObjectTypes() {
    return DEFAULT_TYPES;
  }

  /** All Stripe object type names Ferry knows, for messages. */
  public static List<String> knownTypes() {
    return DEFAULT_TYPES;
  }

  private static StripeObjects.Spec spec(String type) {
    StripeObjects.Spec spec = StripeObjects.spec(type);
    if (spec == null) {
      throw new IllegalArgumentException(
          "unknown Stripe object type '" + type + "' (known: " + String.join(", ", DEFAULT_TYPES) + ")");
    }
    return spec;
  }

  // ---- backfill ----

  @Override
  public List<Slice> slices(String type, int parallelism) {
    StripeObjects.Spec spec = spec(type);
    if (spec.listPath() == null) {
      return List.of(); // filled through parents and events
    }
    if (!spec.createdFilter() || parallelism <= 1) {
      return List.of(new Slice(type, "all", "||"));
    }
    JsonNode newest = list(spec, Map.of("limit", String.valueOf(PAGE)));
    probes.put(type, newest);
    JsonNode data = newest.path("data");
    if (!newest.path("has_more").asBoolean(false) || data.isEmpty()) {
      return List.of(new Slice(type, "all", "||")); // an empty page that promises more is caught when read
    }
    long high = data.get(0).path("created").asLong() + 1;
    long low = Math.min(accountCreated(spec, data.get(data.size() - 1).path("created").asLong()), high - 1);
    // estimate the pages from the density of the newest page; every window ends on a part-filled
    // page, so a window is only worth opening for several pages' worth of objects
    long newestSpan = Math.max(1, high - data.get(data.size() - 1).path("created").asLong());
    long estimatedPages = Math.max(1, (high - low) / newestSpan);
    int windows = (int) Math.min(parallelism, Math.max(1, estimatedPages / PAGES_PER_WINDOW));
    if (windows <= 1 || high - low < windows) {
      return List.of(new Slice(type, "all", "||"));
    }
    List<Slice> slices = new ArrayList<>();
    long step = (high - low) / windows;
    for (int i = 0; i < windows; i++) {
      String gte = i == 0 ? "" : String.valueOf(low + i * step);
      String lt = i == windows - 1 ? "" : String.valueOf(low + (i + 1) * step);
      slices.add(new Slice(type, "w" + i, gte + "|" + lt + "|"));
    }
    return slices;
  }

  private volatile Long accountCreated;

  /**
   * Where windows start: the account's creation (one request for all types), else a binary search.
   * Only the balance of the windows depends on it: the first window is open below.
   */
  private long accountCreated(StripeObjects.Spec spec, long upper) {
    if (accountCreated == null) {
      try {
        accountCreated = client.get("v1/account", Map.of()).path("created").asLong(0);
      } catch (StripeClient.ApiError e) {
        accountCreated = 0L;
      }
    }
    return accountCreated > 0 ? accountCreated : oldestCreated(spec, upper);
  }

  /** Binary search (to the hour) for the oldest {@code created}, knowing one object at or below {@code upper}. */
  private long oldestCreated(StripeObjects.Spec spec, long upper) {
    long low = 0;
    long high = upper; // an object exists with created <= high
    while (high - low > 3600) {
      long middle = low + (high - low) / 2;
      JsonNode page = list(spec, Map.of("limit", "1", "created[lt]", String.valueOf(middle)));
      if (page.path("data").size() > 0 && page.path("data").get(0).path("created").asLong() >= high) {
        throw noProgress(spec.listPath());
      }
      if (page.path("data").size() > 0) {
        high = page.path("data").get(0).path("created").asLong();
      } else {
        low = middle;
      }
    }
    return low;
  }

  @Override
  public Page backfillPage(Slice slice, String cursor) {
    StripeObjects.Spec spec = spec(slice.type());
    if (spec.perCustomer()) {
      return perCustomerPage(spec, slice, cursor);
    }
    String[] parts = cursor.split("\\|", -1);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", String.valueOf(PAGE));
    if (!parts[0].isEmpty()) {
      query.put("created[gte]", parts[0]);
    }
    if (!parts[1].isEmpty()) {
      query.put("created[lt]", parts[1]);
    }
    JsonNode probe = parts[1].isEmpty() && parts[2].isEmpty() ? probes.remove(slice.type()) : null;
    List<Change> changes = new ArrayList<>();
    String last = null;
    boolean more;
    if (probe != null) {
      // the newest window's first page is the probe's prefix at or after the window's start
      long gte = parts[0].isEmpty() ? Long.MIN_VALUE : Long.parseLong(parts[0]);
      int inWindow = 0;
      for (JsonNode object : probe.path("data")) {
        if (object.path("created").asLong() < gte) {
          break;
        }
        changes.addAll(upsertWithChildren(spec, object, 0));
        last = cursorId(object, last);
        inWindow++;
      }
      more = inWindow == probe.path("data").size() && probe.path("has_more").asBoolean(false);
    } else {
      if (!parts[2].isEmpty()) {
        query.put("starting_after", parts[2]);
      }
      JsonNode page = list(spec, query);
      for (JsonNode object : page.path("data")) {
        changes.addAll(upsertWithChildren(spec, object, 0));
        last = cursorId(object, last);
      }
      more = page.path("has_more").asBoolean(false);
      if (more && (last == null || last.equals(parts[2]))) {
        throw noProgress(spec.listPath()); // more promised, but nothing past the cursor given
      }
    }
    more = more && last != null;
    return new Page(changes, more ? parts[0] + "|" + parts[1] + "|" + last : null);
  }

  /** Cursor of a type listed per customer: the last customer whose objects are all read. */
  private static final String PER_CUSTOMER = "customers|";

  /**
   * One page of customers, with every object each of them lists. A plan an older Ferry saved for the
   * type ({@code created} windows, which its endpoint does not take) is not replayed: its first slice
   * starts over per customer and its other slices end at once, so a rerun after an upgrade recovers.
   */
  private Page perCustomerPage(StripeObjects.Spec spec, Slice slice, String cursor) {
    boolean first = slice.name().equals("all") || slice.name().equals("w0");
    if (!first) {
      return new Page(List.of(), null);
    }
    String after = cursor.startsWith(PER_CUSTOMER) ? cursor.substring(PER_CUSTOMER.length()) : "";
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", String.valueOf(PAGE));
    if (!after.isEmpty()) {
      query.put("starting_after", after);
    }
    JsonNode customers = client.list(StripeObjects.spec("customer").listPath(), query);
    List<Change> changes = new ArrayList<>();
    String last = null;
    for (JsonNode customer : customers.path("data")) {
      if (StripeRecords.objectId(customer) == null) {
        continue; // quarantined with the customers; its objects are read with the next customer listing
      }
      last = StripeRecords.objectId(customer);
      String path = spec.listPath().replace("{customer}", last);
      String startingAfter = null;
      do {
        Map<String, String> pageQuery = new LinkedHashMap<>();
        pageQuery.put("limit", String.valueOf(PAGE));
        if (startingAfter != null) {
          pageQuery.put("starting_after", startingAfter);
        }
        JsonNode page = client.list(path, pageQuery);
        String previous = startingAfter;
        for (JsonNode object : page.path("data")) {
          changes.addAll(upsertWithChildren(spec, object, 0));
          startingAfter = cursorId(object, startingAfter);
        }
        if (!page.path("has_more").asBoolean(false)) {
          startingAfter = null;
        } else if (startingAfter == null || startingAfter.equals(previous)) {
          throw noProgress(path);
        }
      } while (startingAfter != null);
    }
    boolean more = customers.path("has_more").asBoolean(false) && last != null;
    return new Page(changes, more ? PER_CUSTOMER + last : null);
  }

  private JsonNode list(StripeObjects.Spec spec, Map<String, String> query) {
    Map<String, String> all = new LinkedHashMap<>(query);
    if (spec.listQuery() != null) {
      for (String pair : spec.listQuery().split("&")) {
        int eq = pair.indexOf('=');
        all.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return client.list(spec.listPath(), all);
  }

  /** The id to page on after {@code object}: its own, or the previous one when it has none. */
  private static String cursorId(JsonNode object, String previous) {
    String id = StripeRecords.objectId(object);
    return id != null ? id : previous;
  }

  /** A list that says {@code has_more} but gives nothing past the cursor would be read forever. */
  private static InvalidResponseException noProgress(String path) {
    return new InvalidResponseException("Stripe API " + path + " sent an invalid response: it says more objects"
        + " follow but gives none past the last one read; stopping instead of paging forever");
  }

  /** The object's upsert with its complete nested list, plus discounts embedded in it. */
  private List<Change> upsertWithChildren(StripeObjects.Spec spec, JsonNode object, long eventAt) {
    SourceRecord record = records.record(spec, object);
    if (record.id() == null) {
      return List.of(Change.rejected(record, "the object has no id", eventAt));
    }
    List<Change.ChildSet> children = new ArrayList<>();
    if (spec.nestedListField() != null && object.hasNonNull(spec.nestedListField())) {
      children.add(childSet(spec, record.id(), object.get(spec.nestedListField())));
    }
    List<Change> changes = new ArrayList<>();
    changes.add(Change.upsert(record, children, eventAt));
    JsonNode discount = object.get("discount");
    if (discount != null && discount.isObject() && discount.hasNonNull("id")) {
      changes.add(Change.upsert(records.record(StripeObjects.spec("discount"), discount), List.of(), eventAt));
    }
    return changes;
  }

  private Change.ChildSet childSet(StripeObjects.Spec parent, String parentId, JsonNode list) {
    StripeObjects.Spec childSpec = StripeObjects.all().values().stream()
        .filter(s -> parent.type().name().equals(s.type().parentType()))
        .findFirst()
        .orElseThrow();
    List<JsonNode> items = new ArrayList<>();
    list.path("data").forEach(items::add);
    boolean more = list.path("has_more").asBoolean(false);
    String url = list.path("url").asText("");
    while (more && !items.isEmpty() && !url.isEmpty()) {
      // nested lists stop at 10 items; the rest comes from the list's own endpoint
      Map<String, String> query = new LinkedHashMap<>();
      String path = url;
      int question = url.indexOf('?');
      if (question >= 0) {
        path = url.substring(0, question);
        for (String pair : url.substring(question + 1).split("&")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
          }
        }
      }
      query.put("limit", String.valueOf(PAGE));
      String after = items.get(items.size() - 1).path("id").asText();
      query.put("starting_after", after);
      JsonNode page = client.list(path, query);
      page.path("data").forEach(items::add);
      more = page.path("has_more").asBoolean(false);
      if (more && (page.path("data").isEmpty() || after.equals(items.get(items.size() - 1).path("id").asText()))) {
        throw noProgress(path);
      }
    }
    List<SourceRecord> children = new ArrayList<>(items.size());
    String parentField = childSpec.type().parentField();
    for (JsonNode item : items) {
      SourceRecord child = records.record(childSpec, item);
      if (child.values().get(parentField) == null) {
        Map<String, Object> values = new java.util.HashMap<>(child.values());
        values.put(parentField, parentId);
        child = new SourceRecord(child.type(), child.id(), values);
      }
      children.add(child);
    }
    return new Change.ChildSet(childSpec.type().name(), parentId, children);
  }

  private static String decode(String text) {
    return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  // ---- change feed ----

  /**
   * Types Stripe emits no events for (balance transactions): their new objects are found by listing
   * from the newest {@code created} second seen, inclusive, each time the feed is read.
   */
  private static final List<String> WITHOUT_EVENTS = List.of("balance_transaction");

  @Override
  public String changeCursorNow() {
    JsonNode data = client.list("v1/events", Map.of("limit", "1")).path("data");
    Map<String, Long> lists = new LinkedHashMap<>();
    for (String type : WITHOUT_EVENTS) {
      JsonNode newest = list(spec(type), Map.of("limit", "1")).path("data");
      lists.put(type, newest.size() == 0 ? 0L : newest.get(0).path("created").asLong());
    }
    // no event yet means every future event is new: start from the beginning of the feed
    return data.size() == 0
        ? new ChangeCursor(null, 0, lists).encode()
        : new ChangeCursor(data.get(0).path("id").asText(), data.get(0).path("created").asLong(), lists).encode();
  }

  @Override
  public ChangeBatch changes(String cursor, Set<String> types, int limit) {
    ChangeCursor position = ChangeCursor.decode(cursor);
    List<JsonNode> events = new ArrayList<>();
    boolean caughtUp;
    if (position.eventId() != null) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("limit", String.valueOf(Math.max(1, Math.min(PAGE, limit))));
      query.put("ending_before", position.eventId());
      JsonNode page;
      try {
        page = client.list("v1/events", query);
      } catch (StripeClient.ApiError e) {
        if (e.status() == 404 || e.status() == 400) {
          throw new CursorExpiredException("the last applied Stripe event " + position.eventId()
              + " is no longer available (Stripe keeps events for 30 days)");
        }
        throw e;
      }
      page.path("data").forEach(events::add);
      caughtUp = !page.path("has_more").asBoolean(false);
    } else {
      // newest first: read every page, then apply oldest first
      String startingAfter = null;
      do {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", String.valueOf(PAGE));
        if (startingAfter != null) {
          query.put("starting_after", startingAfter);
        }
        JsonNode page = client.list("v1/events", query);
        page.path("data").forEach(events::add);
        JsonNode data = page.path("data");
        String previous = startingAfter;
        startingAfter = page.path("has_more").asBoolean(false) && data.size() > 0
            ? data.get(data.size() - 1).path("id").asText() : null;
        if (page.path("has_more").asBoolean(false) && (startingAfter == null || startingAfter.equals(previous))) {
          throw noProgress("/v1/events");
        }
      } while (startingAfter != null);
      caughtUp = true;
    }
    Collections.reverse(events); // the API lists newest first; same-second events keep the API's order
    List<Change> changes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode event : events) {
      if (seen.add(event.path("id").asText())) {
        changes.addAll(eventChanges(event));
      }
    }
    String eventId = position.eventId();
    long eventCreated = position.eventCreated();
    if (!events.isEmpty()) {
      JsonNode newest = events.get(events.size() - 1);
      eventId = newest.path("id").asText();
      eventCreated = newest.path("created").asLong();
    }
    Map<String, Long> lists = new LinkedHashMap<>(position.lists());
    for (String type : WITHOUT_EVENTS) {
      if (types.contains(type)) {
        lists.put(type, listNewSince(type, lists.getOrDefault(type, 0L), changes));
      }
    }
    return new ChangeBatch(changes, new ChangeCursor(eventId, eventCreated, lists).encode(), caughtUp);
  }

  /** Adds upserts for objects of {@code type} created at or after {@code since}; returns the newest second seen. */
  private long listNewSince(String type, long since, List<Change> changes) {
    StripeObjects.Spec spec = spec(type);
    long newest = since;
    String startingAfter = null;
    do {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("limit", String.valueOf(PAGE));
      query.put("created[gte]", String.valueOf(since));
      if (startingAfter != null) {
        query.put("starting_after", startingAfter);
      }
      JsonNode page = list(spec, query);
      String previous = startingAfter;
      for (JsonNode object : page.path("data")) {
        changes.addAll(upsertWithChildren(spec, object, 0));
        newest = Math.max(newest, object.path("created").asLong());
        startingAfter = cursorId(object, startingAfter);
      }
      if (!page.path("has_more").asBoolean(false)) {
        startingAfter = null;
      } else if (startingAfter == null || startingAfter.equals(previous)) {
        throw noProgress(spec.listPath());
      }
    } while (startingAfter != null);
    return newest;
  }

  /** Where the change feed stands: the last applied event (null before any) and, per event-less type, a created second. */
  record ChangeCursor(String eventId, long eventCreated, Map<String, Long> lists) {
    String encode() {
      var node = JSON.createObjectNode();
      node.put("event", eventId);
      node.put("created", eventCreated);
      var listNode = node.putObject("lists");
      lists.forEach(listNode::put);
      return node.toString();
    }

    static ChangeCursor decode(String text) {
      try {
        JsonNode node = JSON.readTree(text);
        Map<String, Long> lists = new LinkedHashMap<>();
        node.path("lists").properties().forEach(e -> lists.put(e.getKey(), e.getValue().asLong()));
        String event = node.path("event").isTextual() ? node.path("event").asText() : null;
        return new ChangeCursor(event, node.path("created").asLong(), lists);
      } catch (IOException e) {
        throw new SourceException("unreadable Stripe change cursor: " + e.getMessage());
      }
    }
  }

  @Override
  public List<Change> pushedChanges(java.util.function.Function<String, String> header, byte[] body) {
    if (webhooks == null) {
      throw new dev.ferry.sync.source.PushRejectedException("no webhook signing secret configured");
    }
    webhooks.verify(header.apply("Stripe-Signature"), body);
    try {
      return eventChanges(JSON.readTree(body));
    } catch (IOException e) {
      throw new SourceException("unreadable Stripe event: " + e.getMessage());
    }
  }

  /** The changes one event carries, each tagged with the event's id so that a redelivery is applied once. */
  List<Change> eventChanges(JsonNode event) {
    String eventId = event.path("id").asText("");
    List<Change> changes = objectChanges(event);
    return eventId.isEmpty() ? changes : changes.stream().map(change -> change.fromEvent(eventId)).toList();
  }

  /** The changes of the object in an event: nothing for object types Ferry does not sync or objects without an id. */
  private List<Change> objectChanges(JsonNode event) {
    JsonNode object = event.path("data").path("object");
    StripeObjects.Spec spec = StripeObjects.byObjectName(object.path("object").asText(""));
    if (spec == null) {
      return List.of();
    }
    long at = event.path("created").asLong();
    String id = StripeRecords.objectId(object);
    if (id == null) {
      SourceRecord unnamed = new SourceRecord(spec.type().name(), null, Map.of(), event::toString);
      return List.of(Change.rejected(unnamed, "the object in event " + event.path("id").asText("") + " ("
          + event.path("type").asText("") + ") has no id", at));
    }
    String type = event.path("type").asText("");
    // customer.subscription.deleted means canceled: the subscription still exists (api-protocols §1.3)
    boolean deleted = object.path("deleted").asBoolean(false)
        || (type.endsWith(".deleted") && !type.equals("customer.subscription.deleted"));
    if (deleted) {
      return List.of(Change.delete(spec.type().name(), id, at));
    }
    String version = event.path("api_version").asText("");
    if (!version.isEmpty() && !version.equals(StripeApi.VERSION) && retrievePath(spec) != null) {
      // Stripe's advice for an event rendered at another version: fetch the object at the pinned one
      try {
        object = client.get(retrievePath(spec) + "/" + id, Map.of());
      } catch (StripeClient.ApiError e) {
        if (e.status() == 404) {
          return List.of(Change.delete(spec.type().name(), id, at));
        }
        throw e;
      }
    }
    return upsertWithChildren(spec, object, at);
  }

  /** The endpoint that retrieves one object of the type by id, or null when it has none (line items, discounts). */
  private static String retrievePath(StripeObjects.Spec spec) {
    if (spec.listPath() == null) {
      return null;
    }
    return spec.perCustomer() ? "/v1/" + spec.objectName() + "s" : spec.listPath();
  }

  @Override
  public void close() {}
}
