package dev.ferry.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.ferry.sandbox.LoopbackSandbox;
import dev.ferry.sandbox.hubspot.HubSpotAccount.CrmRecord;
import dev.ferry.sandbox.hubspot.HubSpotAccount.ObjectStore;
import dev.ferry.vendor.hubspot.HubSpotModel.AssociationPair;
import dev.ferry.vendor.hubspot.HubSpotModel.Property;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A local server speaking HubSpot's CRM API over a {@link HubSpotAccount}: objects v3 (list with
 * {@code after} cursors and {@code properties=}, {@code archived=true}, batch read, search with filters,
 * sorts and the 10,000-result cap), properties, custom object schemas, associations v4 (batch and per
 * record), owners and pipelines; Bearer private-app tokens; HubSpot's error JSON; the ten-second
 * rolling limit and the separate search limit answered with 429s naming their policy; injectable
 * 429s and 5xx by count; signed webhook deliveries ({@link HubSpotWebhooks}). Read-only over HTTP.
 */
public final class HubSpotSandbox extends LoopbackSandbox<HubSpotSandbox> {
  /** The private-app access token the sandbox accepts. */
  public static final String DEFAULT_TOKEN = "pat-na1-ferry0sandbox-4c1d-9e2f-hubspot000001";
  /** HubSpot's search API stops here: paging past it answers 400. */
  public static final int SEARCH_CAP = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubSpotAccount account;
  private final HubSpotWebhooks webhooks;
  private final AtomicLong correlation = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicInteger injected429 = new AtomicInteger();
  private final AtomicInteger injected5xx = new AtomicInteger();
  private final RollingWindow tenSecondly = new RollingWindow(10_000);
  private final RollingWindow searchSecondly = new RollingWindow(1_000);
  private final java.util.concurrent.ConcurrentHashMap<Long, AtomicLong> perSecond = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicLong servedBeforeDrops = new AtomicLong(Long.MAX_VALUE);
  private final AtomicInteger drops = new AtomicInteger();
  private java.util.SplittableRandom errors = new java.util.SplittableRandom(1);
  private volatile double errorFraction;
  private volatile int tenSecondLimit = 100;
  private volatile long dailyLimit;
  private volatile boolean dailyHeaders = true;
  private final AtomicLong dailyUsed = new AtomicLong();
  private volatile int searchPerSecond = 5;

  public HubSpotSandbox(HubSpotAccount account) {
    super("hubspot-sandbox", 16);
    this.account = account;
    this.webhooks = new HubSpotWebhooks(account);
  }

  /** Requests allowed per rolling ten seconds (HubSpot's free/starter private apps: 100); 0 disables. */
  public HubSpotSandbox tenSecondLimit(int limit) {
    this.tenSecondLimit = limit;
    return this;
  }

  /**
   * Requests allowed per day (HubSpot's free/starter private apps: 250,000); 0 disables. Past it every
   * request is answered 429 with policy DAILY. Each answer carries the day's count in
   * {@code X-HubSpot-RateLimit-Daily} / {@code -Daily-Remaining}, unless {@code headers} is false (HubSpot
   * leaves them out on OAuth calls).
   */
  public HubSpotSandbox dailyLimit(long limit, boolean headers) {
    this.dailyLimit = limit;
    this.dailyHeaders = headers;
    return this;
  }

  /** A new day: the daily count starts again. */
  public void resetDailyCount() {
    dailyUsed.set(0);
  }

  /** Search requests allowed per rolling second (HubSpot: 5); 0 disables. */
  public HubSpotSandbox searchPerSecond(int limit) {
    this.searchPerSecond = limit;
    return this;
  }

  /** Answers the next {@code count} requests with 429 TEN_SECONDLY_ROLLING, whatever the rate. */
  public void rateLimitNext(int count) {
    injected429.addAndGet(count);
  }

  /** Answers the next {@code count} requests with 502. */
  public void failNext(int count) {
    injected5xx.addAndGet(count);
  }

  /** Answers a seeded {@code fraction} of requests with 502, from now on. */
  public synchronized void errorFraction(double fraction, long seed) {
    this.errors = new java.util.SplittableRandom(seed);
    this.errorFraction = fraction;
  }

  /** Answers the next {@code n} requests, then closes the connection of the {@code failing} after them unanswered. */
  public void dropAfter(int n, int failing) {
    servedBeforeDrops.set(n);
    drops.set(failing);
  }

  /** Removes injected errors and drops (the rate limits stay as configured). */
  public void heal() {
    errorFraction = 0;
    injected429.set(0);
    injected5xx.set(0);
    servedBeforeDrops.set(Long.MAX_VALUE);
    drops.set(0);
  }

  /** The most requests received in any {@code seconds} consecutive wall-clock seconds so far. */
  public long peakRequestsIn(int seconds) {
    long peak = 0;
    for (long start : perSecond.keySet()) {
      long sum = 0;
      for (long second = start; second < start + seconds; second++) {
        AtomicLong count = perSecond.get(second);
        sum += count == null ? 0 : count.get();
      }
      peak = Math.max(peak, sum);
    }
    return peak;
  }

  public int tenSecondLimit() {
    return tenSecondLimit;
  }

  /** The most requests accepted within any rolling ten seconds so far (counted while a limit is set). */
  public int busiestTenSeconds() {
    return tenSecondly.busiest();
  }

  public String token() {
    return DEFAULT_TOKEN;
  }

  public HubSpotAccount account() {
    return account;
  }

  public HubSpotWebhooks webhooks() {
    return webhooks;
  }

  /** Requests answered (429s included). */
  public long requests() {
    return requests.get();
  }

  /** Requests refused with 429 or 5xx. */
  public long rateLimited() {
    return rateLimited.get();
  }

  @Override
  protected void closeBesideServer() {
    webhooks.close();
  }

  // ---- request handling

  /** An answer other than 200: HubSpot's error body with a category. */
  private static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String category;

    ApiError(int status, String category, String message) {
      super(message, null, false, false);
      this.status = status;
      this.category = category;
    }
  }

  private synchronized boolean injectError() {
    return errorFraction > 0 && errors.nextDouble() < errorFraction;
  }

  @Override
  protected void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    perSecond.computeIfAbsent(System.currentTimeMillis() / 1000, k -> new AtomicLong()).incrementAndGet();
    try (exchange) {
      if (servedBeforeDrops.getAndDecrement() <= 0 && drops.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("connection dropped by fault injection");
      }
      try {
        authenticate(exchange);
        String path = exchange.getRequestURI().getRawPath();
        boolean search = path.endsWith("/search");
        if (injected5xx.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || injectError()) {
          throw new ApiError(502, "BAD_GATEWAY", "Bad gateway (injected by the sandbox).");
        }
        if (dailyLimit > 0 && dailyUsed.incrementAndGet() > dailyLimit) {
          rejectRate(exchange, "DAILY", 0);
          return;
        }
        if (injected429.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || !tenSecondly.tryAcquire(tenSecondLimit)) {
          rejectRate(exchange, "TEN_SECONDLY_ROLLING", 10);
          return;
        }
        if (search && !searchSecondly.tryAcquire(searchPerSecond)) {
          rejectRate(exchange, "SECONDLY", 1);
          return;
        }
        JsonNode body = exchange.getRequestMethod().equals("POST") ? readBody(exchange) : null;
        JsonNode answer = route(exchange.getRequestMethod(), path, query(exchange), body);
        send(exchange, answer.has("errors") && answer.path("numErrors").asInt() > 0 ? 207 : 200, answer, rateHeaders());
      } catch (ApiError e) {
        if (e.status >= 500) {
          rateLimited.incrementAndGet();
        }
        ObjectNode error = JSON.createObjectNode();
        error.put("status", "error");
        error.put("message", e.getMessage());
        error.put("correlationId", correlationId());
        error.put("category", e.category);
        send(exchange, e.status, error, Map.of());
      }
    }
  }

  private void rejectRate(HttpExchange exchange, String policy, int retryAfterSeconds) throws IOException {
    rateLimited.incrementAndGet();
    ObjectNode error = JSON.createObjectNode();
    error.put("status", "error");
    error.put("message", "You have reached your " + policy.toLowerCase() + " limit.");
    error.put("errorType", "RATE_LIMIT");
    error.put("correlationId", correlationId());
    error.put("policyName", policy);
    error.put("groupName", "publicapi:private-app:" + HubSpotAccount.PORTAL_ID);
    Map<String, String> headers = new LinkedHashMap<>(rateHeaders());
    if (retryAfterSeconds > 0) {
      headers.put("Retry-After", String.valueOf(retryAfterSeconds));
    }
    send(exchange, 429, error, headers);
  }

  private Map<String, String> rateHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    if (tenSecondLimit > 0) {
      headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
      headers.put("X-HubSpot-RateLimit-Max", String.valueOf(tenSecondLimit));
      headers.put("X-HubSpot-RateLimit-Remaining", String.valueOf(Math.max(0, tenSecondLimit - tenSecondly.size())));
    }
    if (dailyLimit > 0 && dailyHeaders) {
      headers.put("X-HubSpot-RateLimit-Daily", String.valueOf(dailyLimit));
      headers.put("X-HubSpot-RateLimit-Daily-Remaining", String.valueOf(Math.max(0, dailyLimit - dailyUsed.get())));
    }
    return headers;
  }

  private String correlationId() {
    return String.format("00000000-0000-4000-8000-%012d", correlation.incrementAndGet());
  }

  private void authenticate(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiError(401, "INVALID_AUTHENTICATION",
          "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
    }
    if (!header.substring(7).trim().equals(DEFAULT_TOKEN)) {
      throw new ApiError(401, "INVALID_AUTHENTICATION",
          "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
    }
  }

  private JsonNode route(String method, String path, Map<String, String> query, JsonNode body) {
    String[] p = path.replaceAll("/+$", "").split("/");
    // p[0] is empty: /crm/v3/objects/{type}[/{id}|/search|/batch/read]
    if (p.length >= 5 && p[1].equals("crm") && p[2].equals("v3") && p[3].equals("objects")) {
      ObjectStore store = store(p[4]);
      if (p.length == 5 && method.equals("GET")) {
        return list(store, query);
      }
      if (p.length == 6 && p[5].equals("search") && method.equals("POST")) {
        return search(store, body);
      }
      if (p.length == 7 && p[5].equals("batch") && p[6].equals("read") && method.equals("POST")) {
        return batchRead(store, body);
      }
      if (p.length == 6 && method.equals("GET")) {
        return one(store, p[5], query);
      }
    }
    if (p.length == 5 && p[1].equals("crm") && p[2].equals("v3") && p[3].equals("properties") && method.equals("GET")) {
      return properties(store(p[4]), "true".equals(query.get("archived")));
    }
    if (path.startsWith("/crm-object-schemas/v3/schemas") || path.startsWith("/crm/v3/schemas")) {
      return schemas();
    }
    if (p.length == 4 && path.startsWith("/crm/v3/owners") && method.equals("GET")) {
      return owners(query);
    }
    if (p.length == 5 && path.startsWith("/crm/v3/pipelines/") && method.equals("GET")) {
      return pipelines(store(p[4]).apiName());
    }
    if (p.length == 8 && path.startsWith("/crm/v4/associations/") && p[6].equals("batch") && p[7].equals("read")
        && method.equals("POST")) {
      return associationsBatch(store(p[4]).apiName(), store(p[5]).apiName(), body);
    }
    if (p.length == 8 && path.startsWith("/crm/v4/objects/") && p[6].equals("associations") && method.equals("GET")) {
      return associationsOfOne(store(p[4]).apiName(), p[5], store(p[7]).apiName(), query);
    }
    throw new ApiError(404, "OBJECT_NOT_FOUND", "Unable to route " + method + " request for " + path);
  }

  private ObjectStore store(String name) {
    ObjectStore store = account.store(name);
    if (store == null) {
      throw new ApiError(400, "VALIDATION_ERROR", "Unable to infer object type from: " + name);
    }
    return store;
  }

  // ---- objects

  private JsonNode list(ObjectStore store, Map<String, String> query) {
    int limit = limit(query.get("limit"), 10, 100);
    boolean archived = "true".equals(query.get("archived"));
    long after = query.containsKey("after") ? parseAfter(query.get("after")) : Long.MIN_VALUE;
    List<String> properties = csv(query.get("properties"));
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode results = answer.putArray("results");
    synchronized (account) {
      String last = null;
      boolean more = false;
      // archived records are all stored ones: their listing never makes the generated ones
      java.util.Iterator<CrmRecord> records = archived ? store.stored.tailMap(after, false).values().iterator() : store.after(after);
      while (records.hasNext()) {
        CrmRecord record = records.next();
        if (record.archived() != archived) {
          continue;
        }
        if (results.size() == limit) {
          more = true;
          break;
        }
        results.add(render(store, record, properties));
        last = record.id;
      }
      if (more) {
        ObjectNode next = answer.putObject("paging").putObject("next");
        next.put("after", last);
        next.put("link", "?after=" + last);
      }
    }
    return answer;
  }

  private JsonNode one(ObjectStore store, String id, Map<String, String> query) {
    synchronized (account) {
      CrmRecord record = id.matches("\\d+") ? store.get(Long.parseLong(id)) : null;
      if (record == null || record.archived() != "true".equals(query.get("archived"))) {
        throw new ApiError(404, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.");
      }
      return render(store, record, csv(query.get("properties")));
    }
  }

  private JsonNode batchRead(ObjectStore store, JsonNode body) {
    JsonNode inputs = body.path("inputs");
    if (inputs.size() > 100) {
      throw new ApiError(400, "VALIDATION_ERROR", "Batch input limit exceeded: at most 100 inputs, got " + inputs.size());
    }
    List<String> properties = new ArrayList<>();
    body.path("properties").forEach(n -> properties.add(n.asText()));
    Instant started = account.now();
    ObjectNode answer = JSON.createObjectNode();
    answer.put("status", "COMPLETE");
    ArrayNode results = answer.putArray("results");
    List<String> missing = new ArrayList<>();
    synchronized (account) {
      for (JsonNode input : inputs) {
        String id = input.path("id").asText();
        CrmRecord record = id.matches("\\d+") ? store.get(Long.parseLong(id)) : null;
        if (record == null || record.archived()) {
          missing.add(id);
        } else {
          results.add(render(store, record, properties));
        }
      }
    }
    answer.put("startedAt", started.toString());
    answer.put("completedAt", account.now().toString());
    if (!missing.isEmpty()) {
      answer.put("numErrors", 1);
      ObjectNode error = answer.putArray("errors").addObject();
      error.put("status", "error");
      error.put("category", "OBJECT_NOT_FOUND");
      error.put("message", "Could not get some " + store.apiName() + " objects, they may be deleted or not exist.");
      ArrayNode ids = error.putObject("context").putArray("ids");
      missing.forEach(ids::add);
    }
    return answer;
  }

  /** A record as the v3 API renders it: requested properties (null when unset), else the defaults. */
  private ObjectNode render(ObjectStore store, CrmRecord record, List<String> requested) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", record.id);
    ObjectNode properties = node.putObject("properties");
    List<String> names = requested.isEmpty() ? defaultProperties(store) : requested;
    for (String name : names) {
      if (store.property(name) != null || name.equals("hs_merged_object_ids")) {
        properties.put(name, record.properties.get(name));
      }
    }
    node.put("createdAt", record.createdAt.toString());
    node.put("updatedAt", record.updatedAt.toString());
    node.put("archived", record.archived());
    if (record.archived()) {
      node.put("archivedAt", record.archivedAt.toString());
    }
    return node;
  }

  private static List<String> defaultProperties(ObjectStore store) {
    List<String> names = new ArrayList<>();
    store.properties.stream().limit(3).forEach(p -> names.add(p.name()));
    for (String always : List.of("createdate", "hs_createdate", store.modifiedProperty, "hs_object_id")) {
      if (store.property(always) != null && !names.contains(always)) {
        names.add(always);
      }
    }
    return names;
  }

  // ---- search

  private JsonNode search(ObjectStore store, JsonNode body) {
    int limit = limit(body.path("limit").isMissingNode() ? null : body.path("limit").asText(), 10, 200);
    int after = body.hasNonNull("after") ? (int) parseAfter(body.path("after").asText()) : 0;
    if (after >= SEARCH_CAP) {
      throw new ApiError(400, "VALIDATION_ERROR",
          "There was a problem with the request. The search API returns at most " + SEARCH_CAP + " results per query.");
    }
    JsonNode groups = body.path("filterGroups");
    int filters = 0;
    for (JsonNode group : groups) {
      if (group.path("filters").size() > 10) {
        throw new ApiError(400, "VALIDATION_ERROR", "Too many filters in a filter group (at most 10).");
      }
      filters += group.path("filters").size();
    }
    if (groups.size() > 5 || filters > 25) {
      throw new ApiError(400, "VALIDATION_ERROR", "Too many filter groups or filters (at most 5 groups and 25 filters).");
    }
    List<String> properties = new ArrayList<>();
    body.path("properties").forEach(n -> properties.add(n.asText()));
    Predicate<CrmRecord> matches = groups.isEmpty() ? r -> true : r -> false;
    for (JsonNode group : groups) {
      Predicate<CrmRecord> all = r -> true;
      for (JsonNode filter : group.path("filters")) {
        all = all.and(filter(store, filter));
      }
      matches = matches.or(all);
    }
    Comparator<CrmRecord> order = Comparator.comparingLong(r -> Long.parseLong(r.id));
    List<JsonNode> sorts = new ArrayList<>();
    body.path("sorts").forEach(sorts::add);
    for (int i = sorts.size() - 1; i >= 0; i--) {
      JsonNode sort = sorts.get(i);
      String name = sort.isTextual() ? sort.asText().replaceFirst("^-", "") : sort.path("propertyName").asText();
      boolean descending = sort.isTextual() ? sort.asText().startsWith("-") : "DESCENDING".equals(sort.path("direction").asText());
      @SuppressWarnings("unchecked")
      Comparator<CrmRecord> by = Comparator.comparing(r -> (Comparable<Object>) sortKey(store, name, r),
          Comparator.nullsLast(Comparator.naturalOrder()));
      order = (descending ? by.reversed() : by).thenComparing(order);
    }
    String query = body.path("query").asText("").toLowerCase();
    Predicate<CrmRecord> selected = matches.and(r -> query.isEmpty() || r.properties.values().stream().anyMatch(v -> v.toLowerCase().contains(query)));
    boolean byModified = sorts.size() == 1 && sortName(sorts.get(0)).equals(store.modifiedProperty);
    boolean descending = byModified && sortDescending(sorts.get(0));
    ObjectNode answer = JSON.createObjectNode();
    synchronized (account) {
      // generated records come in modification order, so a window on that time is an index range; the few
      // stored ones are all looked at
      long[] window = modifiedWindow(store, groups);
      int[] range = account.generatedModified(store.apiName(), window[0], window[1]);
      List<CrmRecord> changed = store.changedLive().stream().filter(selected).sorted(order).toList();
      List<CrmRecord> page = new ArrayList<>();
      int end = Math.min(SEARCH_CAP, after + limit);
      int total;
      if (!byModified) {
        List<CrmRecord> all = new ArrayList<>(changed);
        for (int index = range[0]; index < range[1]; index++) {
          CrmRecord made = account.generatedUnchanged(store.apiName(), index);
          if (made != null && selected.test(made)) {
            all.add(made);
          }
        }
        all.sort(order);
        page.addAll(all.subList(Math.min(after, all.size()), Math.min(end, all.size())));
        total = all.size();
      } else {
        // generated and stored records merged in sort order as they are made, never held at once; when the
        // time window is the only filter, those past the page are counted by arithmetic
        boolean windowOnly = query.isEmpty() && windowOnly(store, groups);
        java.util.Iterator<CrmRecord> kept = changed.iterator();
        CrmRecord nextKept = kept.hasNext() ? kept.next() : null;
        int position = 0;
        int index = descending ? range[1] - 1 : range[0];
        while ((descending ? index >= range[0] : index < range[1]) && !(windowOnly && position >= end)) {
          CrmRecord made = account.generatedUnchanged(store.apiName(), index);
          index += descending ? -1 : 1;
          if (made == null || !selected.test(made)) {
            continue;
          }
          for (; nextKept != null && order.compare(nextKept, made) < 0; nextKept = kept.hasNext() ? kept.next() : null) {
            if (position >= after && position < end) {
              page.add(nextKept);
            }
            position++;
          }
          if (position >= after && position < end) {
            page.add(made);
          }
          position++;
        }
        for (; nextKept != null; nextKept = kept.hasNext() ? kept.next() : null) {
          if (position >= after && position < end) {
            page.add(nextKept);
          }
          position++;
        }
        int from = descending ? range[0] : index;
        int to = descending ? index + 1 : range[1];
        total = position + (to > from ? to - from - account.changedAmong(store.apiName(), from, to) : 0);
      }
      answer.put("total", total);
      ArrayNode results = answer.putArray("results");
      page.forEach(r -> results.add(render(store, r, properties)));
      if (after + limit < total) {
        // offered even at the cap, where following it answers 400, as HubSpot does
        answer.putObject("paging").putObject("next").put("after", String.valueOf(after + limit));
      }
    }
    return answer;
  }

  private static String sortName(JsonNode sort) {
    return sort.isTextual() ? sort.asText().replaceFirst("^-", "") : sort.path("propertyName").asText();
  }

  private static boolean sortDescending(JsonNode sort) {
    return sort.isTextual() ? sort.asText().startsWith("-") : "DESCENDING".equals(sort.path("direction").asText());
  }

  private static final java.util.Set<String> WINDOW_OPERATORS = java.util.Set.of("GT", "GTE", "EQ", "LT", "LTE", "BETWEEN");

  /** The modification times [from, to) in epoch ms that one filter group's filters on it allow (all of time otherwise). */
  private static long[] modifiedWindow(ObjectStore store, JsonNode groups) {
    long[] window = {Long.MIN_VALUE, Long.MAX_VALUE};
    if (groups.size() != 1) {
      return window;
    }
    for (JsonNode filter : groups.get(0).path("filters")) {
      String operator = filter.path("operator").asText("EQ");
      if (!filter.path("propertyName").asText().equals(store.modifiedProperty) || !WINDOW_OPERATORS.contains(operator)) {
        continue;
      }
      long value;
      long high;
      try {
        value = Long.parseLong(numeric("datetime", filter.path("value").asText()));
        high = operator.equals("BETWEEN") ? Long.parseLong(numeric("datetime", filter.path("highValue").asText())) : value;
      } catch (RuntimeException e) {
        continue; // the filter itself answers for a value it cannot read
      }
      switch (operator) {
        case "GT" -> window[0] = Math.max(window[0], value + 1);
        case "GTE" -> window[0] = Math.max(window[0], value);
        case "LT" -> window[1] = Math.min(window[1], value);
        case "LTE" -> window[1] = Math.min(window[1], value + 1);
        default -> { // EQ, BETWEEN
          window[0] = Math.max(window[0], value);
          window[1] = Math.min(window[1], high + 1);
        }
      }
    }
    return window;
  }

  /** Whether the only filters are on the modification time (so every generated record in the window matches). */
  private static boolean windowOnly(ObjectStore store, JsonNode groups) {
    if (groups.size() > 1) {
      return false;
    }
    for (JsonNode group : groups) {
      for (JsonNode filter : group.path("filters")) {
        if (!filter.path("propertyName").asText().equals(store.modifiedProperty)
            || !WINDOW_OPERATORS.contains(filter.path("operator").asText("EQ"))) {
          return false;
        }
      }
    }
    return true;
  }

  /** A comparable value: numbers, dates and datetimes compare as numbers (epoch ms), the rest as text. */
  private static Comparable<?> sortKey(ObjectStore store, String property, CrmRecord record) {
    String value = property.equals("hs_object_id") || property.equals("id") ? record.id : record.properties.get(property);
    if (value == null) {
      return null;
    }
    Property definition = store.property(property);
    String type = definition == null ? "string" : definition.type();
    if (property.equals("hs_object_id") || type.equals("number") || type.equals("date") || type.equals("datetime")) {
      return new java.math.BigDecimal(numeric(type, value));
    }
    return value;
  }

  /** Epoch milliseconds for date and datetime values (ISO text or epoch ms), the value itself for numbers. */
  private static String numeric(String type, String value) {
    if (value.matches("-?\\d+(\\.\\d+)?")) {
      return value;
    }
    if (type.equals("date") || value.length() == 10) {
      return String.valueOf(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    }
    return String.valueOf(Instant.parse(value).toEpochMilli());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Predicate<CrmRecord> filter(ObjectStore store, JsonNode filter) {
    String property = filter.path("propertyName").asText();
    String operator = filter.path("operator").asText("EQ");
    String value = filter.path("value").asText(null);
    String high = filter.path("highValue").asText(null);
    List<String> values = new ArrayList<>();
    filter.path("values").forEach(v -> values.add(v.asText()));
    return record -> {
      Comparable actual = sortKey(store, property, record);
      switch (operator) {
        case "HAS_PROPERTY":
          return actual != null;
        case "NOT_HAS_PROPERTY":
          return actual == null;
        case "IN":
          return actual != null && values.stream().anyMatch(v -> compare(store, property, actual, v) == 0);
        case "NOT_IN":
          return actual == null || values.stream().noneMatch(v -> compare(store, property, actual, v) == 0);
        case "CONTAINS_TOKEN":
          return actual != null && actual.toString().toLowerCase().contains(value.replace("*", "").toLowerCase());
        default:
          break;
      }
      if (actual == null) {
        return operator.equals("NEQ");
      }
      int c = compare(store, property, actual, value);
      return switch (operator) {
        case "EQ" -> c == 0;
        case "NEQ" -> c != 0;
        case "LT" -> c < 0;
        case "LTE" -> c <= 0;
        case "GT" -> c > 0;
        case "GTE" -> c >= 0;
        case "BETWEEN" -> c >= 0 && compare(store, property, actual, high) <= 0;
        default -> throw new ApiError(400, "VALIDATION_ERROR", "Unknown operator " + operator);
      };
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(ObjectStore store, String property, Comparable actual, String value) {
    if (actual instanceof java.math.BigDecimal number) {
      Property definition = store.property(property);
      String type = definition == null ? "number" : definition.type();
      try {
        return number.compareTo(new java.math.BigDecimal(numeric(type, value)));
      } catch (RuntimeException e) {
        throw new ApiError(400, "VALIDATION_ERROR", "Invalid value '" + value + "' for property " + property);
      }
    }
    return actual.toString().compareTo(value);
  }

  // ---- definitions

  private JsonNode properties(ObjectStore store, boolean archived) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode results = answer.putArray("results");
    List<Property> properties = archived ? store.archivedProperties : store.properties;
    int order = 0;
    for (Property property : properties) {
      results.add(definition(property, order++, archived));
    }
    return answer;
  }

  private static ObjectNode definition(Property property, int order, boolean archived) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", property.name());
    node.put("label", property.label());
    node.put("type", property.type());
    node.put("fieldType", property.fieldType());
    node.put("description", "");
    node.put("groupName", property.name().startsWith("ferry_") ? "ferry" : "information");
    ArrayNode options = node.putArray("options");
    int i = 0;
    for (String option : property.options()) {
      ObjectNode o = options.addObject();
      o.put("label", option.substring(0, 1).toUpperCase() + option.substring(1).toLowerCase().replace('_', ' '));
      o.put("value", option);
      o.put("displayOrder", i++);
      o.put("hidden", false);
    }
    node.put("displayOrder", order);
    node.put("calculated", false);
    node.put("externalOptions", false);
    node.put("hasUniqueValue", false);
    node.put("hidden", false);
    node.put("hubspotDefined", !property.name().startsWith("ferry_") && !property.name().startsWith("pet") );
    node.put("formField", true);
    node.put("createdAt", HubSpotAccount.EPOCH.minusSeconds(400L * 86400).toString());
    node.put("updatedAt", HubSpotAccount.EPOCH.minusSeconds(400L * 86400).toString());
    node.put("archived", archived);
    if (archived) {
      node.put("archivedAt", HubSpotAccount.EPOCH.minusSeconds(30L * 86400).toString());
    }
    ObjectNode metadata = node.putObject("modificationMetadata");
    metadata.put("archivable", true);
    metadata.put("readOnlyDefinition", false);
    metadata.put("readOnlyValue", false);
    return node;
  }

  private JsonNode schemas() {
    ObjectStore pets = account.store(HubSpotAccount.CUSTOM_OBJECT);
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode schema = answer.putArray("results").addObject();
    schema.put("id", HubSpotAccount.CUSTOM_OBJECT_ID.substring(2));
    schema.put("name", HubSpotAccount.CUSTOM_OBJECT);
    ObjectNode labels = schema.putObject("labels");
    labels.put("singular", "Pet");
    labels.put("plural", "Pets");
    schema.put("objectTypeId", HubSpotAccount.CUSTOM_OBJECT_ID);
    schema.put("fullyQualifiedName", "p" + HubSpotAccount.PORTAL_ID + "_" + HubSpotAccount.CUSTOM_OBJECT);
    schema.put("primaryDisplayProperty", "pet_name");
    schema.putArray("requiredProperties").add("pet_name");
    schema.putArray("searchableProperties").add("pet_name");
    schema.putArray("secondaryDisplayProperties");
    ArrayNode properties = schema.putArray("properties");
    int order = 0;
    for (Property property : pets.properties) {
      properties.add(definition(property, order++, false));
    }
    ObjectNode association = schema.putArray("associations").addObject();
    association.put("id", String.valueOf(HubSpotAccount.CUSTOM_PAIR.secondToFirst()));
    association.put("fromObjectTypeId", HubSpotAccount.CUSTOM_OBJECT_ID);
    association.put("toObjectTypeId", "0-1");
    association.put("name", "pet_to_contact");
    schema.put("createdAt", HubSpotAccount.EPOCH.minusSeconds(400L * 86400).toString());
    schema.put("updatedAt", HubSpotAccount.EPOCH.minusSeconds(400L * 86400).toString());
    schema.put("archived", false);
    return answer;
  }

  private JsonNode owners(Map<String, String> query) {
    int limit = limit(query.get("limit"), 100, 500);
    int after = query.containsKey("after") ? (int) parseAfter(query.get("after")) : 0;
    List<HubSpotAccount.Owner> owners = "true".equals(query.get("archived")) ? List.of() : account.owners();
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode results = answer.putArray("results");
    for (int i = after; i < Math.min(owners.size(), after + limit); i++) {
      HubSpotAccount.Owner owner = owners.get(i);
      ObjectNode node = results.addObject();
      node.put("id", owner.id());
      node.put("email", owner.email());
      node.put("type", "PERSON");
      node.put("firstName", owner.firstName());
      node.put("lastName", owner.lastName());
      node.put("userId", owner.userId());
      node.put("userIdIncludingInactive", owner.userId());
      node.put("createdAt", HubSpotAccount.EPOCH.minusSeconds(500L * 86400).toString());
      node.put("updatedAt", HubSpotAccount.EPOCH.minusSeconds(100L * 86400).toString());
      node.put("archived", false);
      node.putArray("teams");
    }
    if (after + limit < owners.size()) {
      answer.putObject("paging").putObject("next").put("after", String.valueOf(after + limit));
    }
    return answer;
  }

  private JsonNode pipelines(String objectType) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode results = answer.putArray("results");
    String created = HubSpotAccount.EPOCH.minusSeconds(300L * 86400).toString();
    for (HubSpotAccount.Pipeline pipeline : account.pipelines(objectType)) {
      ObjectNode node = results.addObject();
      node.put("id", pipeline.id());
      node.put("label", pipeline.label());
      node.put("displayOrder", pipeline.displayOrder());
      node.put("createdAt", created);
      node.put("updatedAt", created);
      node.put("archived", false);
      ArrayNode stages = node.putArray("stages");
      for (HubSpotAccount.Stage stage : pipeline.stages()) {
        ObjectNode s = stages.addObject();
        s.put("id", stage.id());
        s.put("label", stage.label());
        s.put("displayOrder", stage.displayOrder());
        ObjectNode metadata = s.putObject("metadata");
        if (objectType.equals("deals")) {
          metadata.put("isClosed", String.valueOf(stage.probability() == 1.0 || stage.probability() == 0.0));
          metadata.put("probability", String.valueOf(stage.probability()));
        } else {
          metadata.put("ticketState", stage.label().equals("Closed") ? "CLOSED" : "OPEN");
        }
        s.put("createdAt", created);
        s.put("updatedAt", created);
        s.put("archived", false);
        s.put("writePermissions", "CRM_PERMISSIONS_ENFORCEMENT");
      }
    }
    return answer;
  }

  // ---- associations v4

  /** Links listed per input and page; HubSpot pages each input's links by 500. */
  static final int ASSOCIATION_PAGE = 500;

  private JsonNode associationsBatch(String from, String to, JsonNode body) {
    AssociationPair pair = pair(from, to);
    JsonNode inputs = body.path("inputs");
    if (inputs.size() > 1000) {
      throw new ApiError(400, "VALIDATION_ERROR", "Batch input limit exceeded: at most 1000 inputs, got " + inputs.size());
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("status", "COMPLETE");
    ArrayNode results = answer.putArray("results");
    List<String> none = new ArrayList<>();
    for (JsonNode input : inputs) {
      String id = input.path("id").asText();
      int after = input.hasNonNull("after") ? (int) parseAfter(input.path("after").asText()) : 0;
      Map<String, String> links = account.associations(pair, from, id);
      if (links.isEmpty()) {
        none.add(id);
        continue;
      }
      ObjectNode result = results.addObject();
      result.putObject("from").put("id", id);
      ArrayNode toArray = result.putArray("to");
      List<Map.Entry<String, String>> entries = new ArrayList<>(links.entrySet());
      for (int i = after; i < Math.min(entries.size(), after + ASSOCIATION_PAGE); i++) {
        toArray.add(link(pair, from, entries.get(i)));
      }
      if (after + ASSOCIATION_PAGE < entries.size()) {
        result.putObject("paging").putObject("next").put("after", String.valueOf(after + ASSOCIATION_PAGE));
      }
    }
    answer.put("startedAt", account.now().toString());
    answer.put("completedAt", account.now().toString());
    if (!none.isEmpty()) {
      answer.put("numErrors", none.size());
      ArrayNode errors = answer.putArray("errors");
      for (String id : none) {
        ObjectNode error = errors.addObject();
        error.put("status", "error");
        error.put("category", "OBJECT_NOT_FOUND");
        error.put("subCategory", "crm.associations.NO_ASSOCIATIONS_FOUND");
        error.put("message", "No " + to + " is associated with " + from + " " + id + ".");
        error.putObject("context").putArray("fromObjectId").add(id);
      }
    }
    return answer;
  }

  private JsonNode associationsOfOne(String from, String id, String to, Map<String, String> query) {
    AssociationPair pair = pair(from, to);
    int limit = limit(query.get("limit"), 500, 500);
    int after = query.containsKey("after") ? (int) parseAfter(query.get("after")) : 0;
    List<Map.Entry<String, String>> entries = new ArrayList<>(account.associations(pair, from, id).entrySet());
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode results = answer.putArray("results");
    for (int i = after; i < Math.min(entries.size(), after + limit); i++) {
      results.add(link(pair, from, entries.get(i)));
    }
    if (after + limit < entries.size()) {
      answer.putObject("paging").putObject("next").put("after", String.valueOf(after + limit));
    }
    return answer;
  }

  /** One associated record with its types: the HubSpot-defined one, plus a user-defined label if any. */
  private static ObjectNode link(AssociationPair pair, String from, Map.Entry<String, String> entry) {
    ObjectNode node = JSON.createObjectNode();
    node.put("toObjectId", Long.parseLong(entry.getKey()));
    ArrayNode types = node.putArray("associationTypes");
    ObjectNode defined = types.addObject();
    defined.put("category", "HUBSPOT_DEFINED");
    defined.put("typeId", pair.typeIdFrom(from));
    defined.putNull("label");
    if (entry.getValue() != null) {
      ObjectNode labelled = types.addObject();
      labelled.put("category", "USER_DEFINED");
      labelled.put("typeId", 100 + Math.abs(entry.getValue().hashCode() % 100));
      labelled.put("label", entry.getValue());
    }
    return node;
  }

  private static AssociationPair pair(String from, String to) {
    return HubSpotAccount.associationPairs().stream()
        .filter(p -> p.involves(from) && p.other(from).equals(to))
        .findFirst()
        .orElseThrow(() -> new ApiError(400, "VALIDATION_ERROR", "No association type exists between " + from + " and " + to + "."));
  }

  // ---- plumbing

  private static int limit(String text, int fallback, int max) {
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit < 1 || limit > max) {
        throw new ApiError(400, "VALIDATION_ERROR", "limit must be between 1 and " + max + ", got " + limit);
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new ApiError(400, "VALIDATION_ERROR", "limit is not a number: " + text);
    }
  }

  private static long parseAfter(String after) {
    try {
      return Long.parseLong(after);
    } catch (NumberFormatException e) {
      throw new ApiError(400, "VALIDATION_ERROR", "Invalid after cursor: " + after);
    }
  }

  private static List<String> csv(String value) {
    List<String> items = new ArrayList<>();
    if (value != null) {
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
    }
    return items;
  }

  /** Query parameters; a repeated {@code properties} joins its values as HubSpot does. */
  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.merge(key, value, (a, b) -> a + "," + b);
      }
    }
    return query;
  }

  private static JsonNode readBody(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    try {
      return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    } catch (IOException e) {
      throw new ApiError(400, "VALIDATION_ERROR", "Invalid input JSON on line 1: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static void send(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    headers.forEach(exchange.getResponseHeaders()::set);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Accepted requests in the last {@code windowMillis}, for HubSpot's rolling limits. */
  private static final class RollingWindow {
    private final long windowNanos;
    private final ArrayDeque<Long> accepted = new ArrayDeque<>();
    private int busiest;

    RollingWindow(long windowMillis) {
      this.windowNanos = windowMillis * 1_000_000;
    }

    synchronized boolean tryAcquire(int limit) {
      if (limit <= 0) {
        return true;
      }
      long now = System.nanoTime();
      while (!accepted.isEmpty() && now - accepted.peekFirst() >= windowNanos) {
        accepted.pollFirst();
      }
      if (accepted.size() >= limit) {
        return false;
      }
      accepted.addLast(now);
      busiest = Math.max(busiest, accepted.size());
      return true;
    }

    synchronized int busiest() {
      return busiest;
    }

    synchronized int size() {
      return accepted.size();
    }
  }
}
