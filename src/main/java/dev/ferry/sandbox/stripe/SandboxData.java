package dev.ferry.sandbox.stripe;

import static dev.ferry.sandbox.stripe.ObjectType.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The state of one sandboxed Stripe account: every object, the event log and the sandbox clock.
 * Generated objects are rendered lazily from a compact skeleton, so a million objects fit in a few
 * tens of megabytes; objects the mutator touches carry an explicit JSON body. Thread-safe: reads
 * share a lock, mutations take it exclusively.
 */
public final class SandboxData {
  /** The Stripe API version whose object shapes the sandbox renders. */
  public static final String API_VERSION = dev.ferry.vendor.stripe.StripeApi.VERSION;
  /** The default sandbox clock at generation, fixed so that generation is deterministic by seed. */
  public static final Instant DEFAULT_NOW = Instant.parse("2026-01-01T00:00:00Z");
  /** Events older than this (by sandbox clock) are no longer served, as on Stripe. */
  public static final Duration EVENT_RETENTION = Duration.ofDays(30);
  static final int NESTED_LIST_LIMIT = 10;

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final long seed;
  private final boolean livemode;
  private final Ids ids;
  private final Map<ObjectType, Table> tables;
  private final Renderer renderer;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<ObjectType, Map<String, Function<String, JsonNode>>> extraFields = new EnumMap<>(ObjectType.class);
  private final Table events = new Table(EVENT);
  private final List<byte[]> eventJson = new ArrayList<>();
  private final List<String> eventTypes = new ArrayList<>();
  private final List<Consumer<StoredEvent>> eventListeners = new CopyOnWriteArrayList<>();
  private long clock;
  private boolean followWallClock;
  private long requestCounter;
  private java.util.function.IntSupplier webhookEndpoints = () -> 0;

  /** An event as stored: its id, creation second, type and exact JSON bytes. */
  public record StoredEvent(String id, long created, String type, byte[] json) {}

  private SandboxData(long seed, int size, Instant now, boolean livemode) {
    this.seed = seed;
    this.livemode = livemode;
    this.ids = new Ids(seed);
    this.clock = now.getEpochSecond();
    this.tables = Generator.build(seed, size, clock);
    this.renderer = new Renderer(this);
  }

  /** A test-mode account of roughly {@code size} objects, the same for the same seed. */
  public static SandboxData generate(long seed, int size) {
    return new SandboxData(seed, size, DEFAULT_NOW, false);
  }

  /** As {@link #generate(long, int)}, with the sandbox clock at {@code now} and the given mode. */
  public static SandboxData generate(long seed, int size, Instant now, boolean livemode) {
    return new SandboxData(seed, size, now, livemode);
  }

  // ---- clock, identity

  public long seed() {
    return seed;
  }

  public boolean livemode() {
    return livemode;
  }

  public Instant clock() {
    return Instant.ofEpochSecond(clockSeconds());
  }

  long clockSeconds() {
    lock.readLock().lock();
    try {
      return clock;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Moves the sandbox clock forward (events older than 30 days by this clock disappear). */
  public void advanceClock(Duration duration) {
    writing(() -> clock += Math.max(0, duration.getSeconds()));
  }

  /**
   * Makes the sandbox clock never fall behind the wall clock (for a sandbox generated at
   * {@code Instant.now()} and run interactively); off by default so runs stay deterministic.
   */
  public void followWallClock(boolean follow) {
    writing(() -> followWallClock = follow);
  }

  /** Moves the clock forward by whole seconds; used by the mutator between operations. */
  void tick(long seconds) {
    clock += seconds;
    if (followWallClock) {
      clock = Math.max(clock, System.currentTimeMillis() / 1000);
    }
  }

  String id(ObjectType type, long index) {
    ObjectType salted = type == PLAN ? PRICE : type;
    return ids.encode(type.prefix(livemode), salted.ordinal() + 1, index);
  }

  /** The index of {@code id} in {@code type}'s table, or -1 when no such object was ever created. */
  int indexOf(ObjectType type, String id) {
    ObjectType stored = type == PLAN ? PRICE : type;
    long index = ids.decode(stored.prefix(livemode), stored.ordinal() + 1, id);
    if (index < 0 || index > Integer.MAX_VALUE) {
      return -1;
    }
    if (type == DISCOUNT) {
      return discountOwner((int) index) == null ? -1 : (int) index;
    }
    Table table = stored == EVENT ? events : tables.get(stored);
    return table.exists((int) index) ? (int) index : -1;
  }

  Table table(ObjectType type) {
    return type == EVENT ? events : tables.get(type == PLAN ? PRICE : type);
  }

  // ---- rendering

  /** The current JSON of an object (its last state if deleted), with nested lists and added fields. */
  ObjectNode render(ObjectType type, int index) {
    if (type == PLAN) {
      return Renderer.planOf(render(PRICE, index));
    }
    if (type == DISCOUNT) {
      return PinnedShape.apply(DISCOUNT, discount(index));
    }
    if (type == EVENT) {
      return event(index);
    }
    ObjectNode body = base(type, index);
    String id = body.path("id").asText();
    if (type == SUBSCRIPTION) {
      body.set("items", nestedList(SUBSCRIPTION_ITEM, children(SUBSCRIPTION, index), "/v1/subscription_items?subscription=" + id));
    } else if (type == INVOICE) {
      body.set("lines", nestedList(INVOICE_LINE_ITEM, children(INVOICE, index), "/v1/invoices/" + id + "/lines"));
    }
    PinnedShape.apply(type, body);
    Map<String, Function<String, JsonNode>> extra = extraFields.get(type);
    if (extra != null) {
      extra.forEach((field, value) -> {
        if (!body.has(field) || body.get(field).isNull()) {
          body.set(field, value.apply(id));
        }
      });
    }
    return body;
  }

  /** The object without nested lists: its explicit body if it has one, else the generated rendering. */
  ObjectNode base(ObjectType type, int index) {
    ObjectNode body = tables.get(type).bodies.get(index);
    return body != null ? body.deepCopy() : renderer.render(type, index);
  }

  private ObjectNode nestedList(ObjectType childType, List<Integer> children, String url) {
    ObjectNode list = JSON.objectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    for (int k = 0; k < Math.min(NESTED_LIST_LIMIT, children.size()); k++) {
      data.add(render(childType, children.get(k)));
    }
    list.put("has_more", children.size() > NESTED_LIST_LIMIT);
    list.put("url", url);
    return list;
  }

  /** Live children of a nested-list parent, oldest first (the order Stripe shows lines and items in). */
  List<Integer> children(ObjectType parentType, int parent) {
    Table parents = tables.get(parentType);
    Table kids = tables.get(parentType == SUBSCRIPTION ? SUBSCRIPTION_ITEM : INVOICE_LINE_ITEM);
    List<Integer> result = new ArrayList<>();
    if (parent < parents.generated && parents.childStart != null) {
      for (int c = parents.childStart[parent]; c < parents.childStart[parent + 1]; c++) {
        if (kids.live(c)) {
          result.add(c);
        }
      }
    }
    for (int c : parents.extraChildren.getOrDefault(parent, List.of())) {
      if (kids.live(c)) {
        result.add(c);
      }
    }
    return result;
  }

  /** The customer or subscription a discount index belongs to (2 × customer, 2 × subscription + 1). */
  private Object[] discountOwner(int index) {
    ObjectType ownerType = index % 2 == 0 ? CUSTOMER : SUBSCRIPTION;
    int owner = index / 2;
    if (!tables.get(ownerType).exists(owner)) {
      return null;
    }
    JsonNode discount = base(ownerType, owner).get("discount");
    return discount != null && discount.isObject() ? new Object[] {ownerType, owner, discount} : null;
  }

  private ObjectNode discount(int index) {
    Object[] owner = discountOwner(index);
    return owner == null ? null : ((ObjectNode) owner[2]).deepCopy();
  }

  private ObjectNode event(int index) {
    try {
      return (ObjectNode) MAPPER.readTree(eventJson.get(index));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The object an expandable id points at (a deleted customer as its stub), or null if unknown. */
  ObjectNode resolve(String id) {
    ObjectType type = ObjectType.ofId(id);
    if (type == null) {
      return null;
    }
    int index = indexOf(type, id);
    if (index < 0) {
      return null;
    }
    if (type == CUSTOMER && tables.get(CUSTOMER).deleted.get(index)) {
      ObjectNode stub = JSON.objectNode();
      stub.put("id", id);
      stub.put("object", "customer");
      stub.put("deleted", true);
      return stub;
    }
    return render(type, index);
  }

  Renderer renderer() {
    return renderer;
  }

  // ---- public reads (for tests and the server)

  /**
   * The object as {@code GET /v1/<type>s/{id}} returns it: a deleted customer gives Stripe's
   * {@code {"id","object","deleted":true}} stub, other deleted or unknown ids give empty.
   */
  public Optional<ObjectNode> retrieve(ObjectType type, String id) {
    return reading(() -> {
      int index = indexOf(type, id);
      if (index < 0) {
        return Optional.empty();
      }
      if (type == EVENT) {
        return events.created[index] < clock - EVENT_RETENTION.getSeconds() ? Optional.empty() : Optional.of(event(index));
      }
      if (type == DISCOUNT) {
        return Optional.ofNullable(discount(index));
      }
      Table table = table(type);
      if (table.deleted.get(index)) {
        if (type != CUSTOMER) {
          return Optional.empty();
        }
        ObjectNode stub = JSON.objectNode();
        stub.put("id", id);
        stub.put("object", "customer");
        stub.put("deleted", true);
        return Optional.of(stub);
      }
      if (type == PLAN && !isRecurringPrice(index)) {
        return Optional.empty();
      }
      return Optional.of(render(type, index));
    });
  }

  /** Ids of the objects a full list walk returns, newest first (not deleted; plans are recurring prices). */
  public List<String> liveIds(ObjectType type) {
    return reading(() -> {
      Table table = table(type);
      List<String> result = new ArrayList<>();
      for (int p = table.size - 1; p >= 0; p--) {
        int index = table.order[p];
        if (table.live(index) && (type != PLAN || isRecurringPrice(index)) && type != EVENT) {
          result.add(id(type, index));
        }
      }
      return result;
    });
  }

  /** All live objects of a type, rendered (for tests comparing a synced copy with the sandbox). */
  public List<ObjectNode> liveObjects(ObjectType type) {
    return reading(() -> {
      List<ObjectNode> result = new ArrayList<>();
      for (String id : liveIds(type)) {
        result.add(render(type, indexOf(type, id)));
      }
      return result;
    });
  }

  /**
   * Invoice payments (API version basil and later), newest first: one for each live invoice paid or
   * to be paid by a payment intent, derived from it (id {@code inpay_} + the invoice id's suffix).
   */
  public List<ObjectNode> invoicePayments() {
    return reading(() -> {
      List<ObjectNode> result = new ArrayList<>();
      List<String> ids = new ArrayList<>(liveIds(INVOICE));
      java.util.Collections.reverse(ids);
      for (String id : ids) {
        ObjectNode payment = invoicePayment(id);
        if (payment != null) {
          result.add(payment);
        }
      }
      return result;
    });
  }

  /** The invoice payment of one invoice, or null when no payment intent pays it (caller holds the read lock). */
  private ObjectNode invoicePayment(String id) {
    ObjectNode invoice = base(INVOICE, indexOf(INVOICE, id));
    String intent = invoice.path("payment_intent").asText("");
    if (intent.isEmpty() || invoice.path("payment_intent").isNull()) {
      return null;
    }
    boolean paid = invoice.path("status").asText().equals("paid");
    ObjectNode payment = JSON.objectNode();
    payment.put("id", "inpay_" + id.substring(id.indexOf('_') + 1));
    payment.put("object", "invoice_payment");
    payment.put("amount_paid", paid ? invoice.path("amount_paid").asLong() : 0);
    payment.put("amount_requested", invoice.path("amount_due").asLong());
    payment.put("created", invoice.path("created").asLong());
    payment.put("currency", invoice.path("currency").asText());
    payment.put("invoice", id);
    payment.put("is_default", true);
    payment.put("livemode", livemode);
    ObjectNode paidBy = payment.putObject("payment");
    paidBy.put("type", "payment_intent");
    paidBy.put("payment_intent", intent);
    payment.put("status", paid ? "paid" : "open");
    ObjectNode transitions = payment.putObject("status_transitions");
    transitions.putNull("canceled_at");
    if (paid) {
      transitions.put("paid_at", invoice.path("status_transitions").path("paid_at").asLong());
    } else {
      transitions.putNull("paid_at");
    }
    return payment;
  }

  /** The invoice payment of one invoice as Stripe would send it in an event, or null when none exists. */
  public ObjectNode invoicePaymentOf(String invoiceId) {
    return reading(() -> invoicePayment(invoiceId));
  }

  /** Total objects ever created (deleted ones included), over all stored types. */
  public long totalObjects() {
    return reading(() -> {
      long total = 0;
      for (Table t : tables.values()) {
        total += t.size;
      }
      return total;
    });
  }

  boolean isRecurringPrice(int price) {
    Table prices = tables.get(PRICE);
    ObjectNode body = prices.bodies.get(price);
    return body != null ? "recurring".equals(body.path("type").asText()) : Generator.priceInterval(price) != null;
  }

  /** Every stored event, oldest first, including those past retention. */
  public List<StoredEvent> allEvents() {
    return reading(() -> {
      List<StoredEvent> result = new ArrayList<>();
      for (int i = 0; i < events.size; i++) {
        result.add(new StoredEvent(id(EVENT, i), events.created[i], eventTypes.get(i), eventJson.get(i)));
      }
      return result;
    });
  }

  // ---- schema changes

  /**
   * Adds a field to every object of {@code type}, present and future, as if Stripe had added it to its
   * schema; {@code value} computes the field's value from the object's id.
   */
  public void addField(ObjectType type, String field, Function<String, JsonNode> value) {
    writing(() -> extraFields.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(field, value));
  }

  /**
   * Changes one object as Stripe might send it (a value out of any column's range, a field of any
   * name, no id at all) and emits {@code eventType} with the changed object; returns the event's id.
   * A poison object for tests: it is served by lists, retrieval and the event.
   */
  public String edit(ObjectType type, String id, String eventType, Consumer<ObjectNode> change) {
    return writingGet(() -> {
      int index = indexOf(type, id);
      if (index < 0) {
        throw new IllegalArgumentException("no " + type.objectName() + " " + id);
      }
      ObjectNode previous = update(type, index, change);
      return emit(eventType, render(type, index), previous);
    });
  }

  /**
   * Changes the {@code position}-th child (oldest first) of a subscription or an invoice, as an update
   * of a subscription item does, and emits {@code eventType} with the parent (whose nested list shows
   * the change); returns the event's id and the child's id.
   */
  public List<String> editChild(ObjectType parentType, String parentId, int position, String eventType,
      Consumer<ObjectNode> change) {
    return changeChild(parentType, parentId, position, eventType, (childType, child) -> update(childType, child, change));
  }

  /** Deletes the {@code position}-th child, as deleting a subscription item does; the same event and ids as {@link #editChild}. */
  public List<String> removeChild(ObjectType parentType, String parentId, int position, String eventType) {
    return changeChild(parentType, parentId, position, eventType, this::delete);
  }

  private List<String> changeChild(ObjectType parentType, String parentId, int position, String eventType,
      java.util.function.ObjIntConsumer<ObjectType> change) {
    return writingGet(() -> {
      int parent = indexOf(parentType, parentId);
      if (parent < 0) {
        throw new IllegalArgumentException("no " + parentType.objectName() + " " + parentId);
      }
      ObjectType childType = parentType == SUBSCRIPTION ? SUBSCRIPTION_ITEM : INVOICE_LINE_ITEM;
      String listField = parentType == SUBSCRIPTION ? "items" : "lines";
      int child = children(parentType, parent).get(position);
      String childId = render(childType, child).path("id").asText();
      ObjectNode previous = MAPPER.createObjectNode();
      previous.set(listField, render(parentType, parent).get(listField));
      change.accept(childType, child);
      return List.of(emit(eventType, render(parentType, parent), previous), childId);
    });
  }

  // ---- listing

  /** One page of a list call, newest first. */
  record Page(List<ObjectNode> data, boolean hasMore) {}

  /** Cursor and range of a list call; created bounds are inclusive. */
  record ListRequest(int limit, int startingAfter, int endingBefore, long createdFrom, long createdTo) {}

  /** A page of a top-level list, newest first, skipping deleted objects and those failing the filter. */
  Page list(ObjectType type, ListRequest request, Predicate<Integer> indexFilter, Predicate<ObjectNode> filter) {
    return reading(() -> {
      Table table = table(type);
      long from = request.createdFrom();
      if (type == EVENT) {
        from = Math.max(from, clock - EVENT_RETENTION.getSeconds());
      }
      int lo = table.firstPositionAtOrAfter(from);
      int hi = request.createdTo() == Long.MAX_VALUE ? table.size : table.firstPositionAtOrAfter(request.createdTo() + 1);
      List<ObjectNode> found = new ArrayList<>();
      int wanted = request.limit() + 1;
      if (request.endingBefore() >= 0) {
        for (int p = Math.max(lo, table.position[request.endingBefore()] + 1); p < hi && found.size() < wanted; p++) {
          accept(type, table, table.order[p], indexFilter, filter, found);
        }
        boolean hasMore = found.size() == wanted;
        List<ObjectNode> page = new ArrayList<>(found.subList(0, Math.min(request.limit(), found.size())));
        Collections.reverse(page);
        return new Page(page, hasMore);
      }
      int top = request.startingAfter() >= 0 ? Math.min(hi, table.position[request.startingAfter()]) : hi;
      for (int p = top - 1; p >= lo && found.size() < wanted; p--) {
        accept(type, table, table.order[p], indexFilter, filter, found);
      }
      boolean hasMore = found.size() == wanted;
      return new Page(new ArrayList<>(found.subList(0, Math.min(request.limit(), found.size()))), hasMore);
    });
  }

  private void accept(ObjectType type, Table table, int index, Predicate<Integer> indexFilter, Predicate<ObjectNode> filter, List<ObjectNode> out) {
    if (!table.live(index) || !indexFilter.test(index)) {
      return;
    }
    if (type == PLAN && !isRecurringPrice(index)) {
      return;
    }
    ObjectNode node = render(type, index);
    if (filter.test(node)) {
      out.add(node);
    }
  }

  /** A page over a nested list's children (oldest first, as the parent shows them). */
  Page listChildren(ObjectType parentType, int parent, int limit, int startingAfter, int endingBefore) {
    return reading(() -> {
      List<Integer> kids = children(parentType, parent);
      ObjectType childType = parentType == SUBSCRIPTION ? SUBSCRIPTION_ITEM : INVOICE_LINE_ITEM;
      int from = 0;
      int to = kids.size();
      if (startingAfter >= 0) {
        from = kids.indexOf(startingAfter) + 1;
      }
      if (endingBefore >= 0) {
        to = Math.max(0, kids.indexOf(endingBefore));
        from = Math.max(0, to - limit);
        List<ObjectNode> page = new ArrayList<>();
        for (int k = from; k < to; k++) {
          page.add(render(childType, kids.get(k)));
        }
        return new Page(page, from > 0);
      }
      List<ObjectNode> page = new ArrayList<>();
      for (int k = from; k < Math.min(to, from + limit); k++) {
        page.add(render(childType, kids.get(k)));
      }
      return new Page(page, from + limit < to);
    });
  }

  String eventType(int index) {
    return eventTypes.get(index);
  }

  /** The platform account ({@code GET /v1/account}). */
  ObjectNode platformAccount() {
    ObjectNode account = renderer.render(ACCOUNT, 0);
    account.put("id", id(ACCOUNT, Integer.MAX_VALUE));
    account.remove("controller");
    account.put("type", "standard");
    ((ObjectNode) account.get("business_profile")).put("name", "Ferry Demo Inc.");
    ((ObjectNode) account.get("external_accounts")).put("url", "/v1/accounts/" + id(ACCOUNT, Integer.MAX_VALUE) + "/external_accounts");
    return account;
  }

  // ---- mutation

  /**
   * Applies {@code n} random changes (creates, updates, deletes, several per sandbox second), each
   * producing Stripe's events in order. Returns the ids of the events produced.
   */
  public List<String> mutate(long mutationSeed, int n) {
    return writingGet(() -> new Mutator(this, mutationSeed).run(n));
  }

  /** A write through the API, done under the write lock like {@link #mutate}; returns the response object. */
  ObjectNode write(java.util.function.Function<Mutator, ObjectNode> body) {
    return writingGet(() -> body.apply(new Mutator(this, 0)));
  }

  void webhookEndpointCount(java.util.function.IntSupplier count) {
    this.webhookEndpoints = count;
  }

  /** Registers a callback for every new event (webhook delivery uses it). */
  public void onEvent(Consumer<StoredEvent> listener) {
    eventListeners.add(listener);
  }

  /** Appends a new object with an explicit body (id and created are filled in); returns its index. */
  int create(ObjectType type, ObjectNode body) {
    Table table = tables.get(type);
    int index = table.append(clock);
    body.put("id", id(type, index));
    if (body.has("created")) {
      body.put("created", table.created[index]);
    }
    table.bodies.put(index, body);
    return index;
  }

  void addChild(ObjectType parentType, int parent, int child) {
    tables.get(parentType).extraChildren.computeIfAbsent(parent, p -> new ArrayList<>()).add(child);
  }

  /** Replaces an object's body, returning Stripe's {@code previous_attributes} for the change. */
  ObjectNode update(ObjectType type, int index, Consumer<ObjectNode> change) {
    ObjectNode before = base(type, index);
    ObjectNode after = before.deepCopy();
    change.accept(after);
    tables.get(type).bodies.put(index, after);
    return previousAttributes(before, after);
  }

  void delete(ObjectType type, int index) {
    tables.get(type).deleted.set(index);
  }

  static ObjectNode previousAttributes(ObjectNode before, ObjectNode after) {
    ObjectNode previous = JSON.objectNode();
    after.fieldNames().forEachRemaining(field -> {
      JsonNode old = before.get(field);
      JsonNode now = after.get(field);
      if (old == null) {
        previous.putNull(field);
      } else if (!old.equals(now)) {
        previous.set(field, old.isObject() && now.isObject() ? previousAttributes((ObjectNode) old, (ObjectNode) now) : old);
      }
    });
    return previous;
  }

  /** Records an event at the current sandbox second and notifies listeners. */
  String emit(String type, ObjectNode object, ObjectNode previousAttributes) {
    int index = events.append(clock);
    ObjectNode event = JSON.objectNode();
    String id = id(EVENT, index);
    event.put("id", id);
    event.put("object", "event");
    event.put("api_version", API_VERSION);
    event.put("created", events.created[index]);
    ObjectNode data = event.putObject("data");
    data.set("object", object);
    if (previousAttributes != null) {
      data.set("previous_attributes", previousAttributes);
    }
    event.put("livemode", livemode);
    event.put("pending_webhooks", webhookEndpoints.getAsInt());
    ObjectNode request = event.putObject("request");
    request.put("id", "req_" + id.substring(4, 18).replace('_', 'x') + (++requestCounter));
    request.putNull("idempotency_key");
    event.put("type", type);
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    eventJson.add(json);
    eventTypes.add(type);
    StoredEvent stored = new StoredEvent(id, events.created[index], type, json);
    for (Consumer<StoredEvent> listener : eventListeners) {
      listener.accept(stored);
    }
    return id;
  }

  // ---- locking

  interface Read<T> {
    T get();
  }

  <T> T reading(Read<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private void writing(Runnable body) {
    lock.writeLock().lock();
    try {
      body.run();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private <T> T writingGet(Read<T> body) {
    lock.writeLock().lock();
    try {
      return body.get();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
