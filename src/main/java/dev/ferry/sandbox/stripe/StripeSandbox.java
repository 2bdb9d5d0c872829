package dev.ferry.sandbox.stripe;

import static dev.ferry.sandbox.stripe.ObjectType.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.ferry.sandbox.LoopbackSandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A local server that speaks Stripe's REST protocol over {@link SandboxData}: Bearer/basic auth, list
 * pagination, created filters, {@code expand[]}, the Events API, Stripe's error JSON, a token-bucket
 * rate limit with 429s, injectable faults and webhook delivery. It serves GETs, and writes customers
 * ({@code POST}/{@code DELETE /v1/customers}) so that an SDK can be driven through a whole life cycle.
 * Clients append {@code /v1/...} to its {@link #baseUrl()}.
 */
public final class StripeSandbox extends LoopbackSandbox<StripeSandbox> {
  /** The test key the sandbox accepts unless told otherwise. */
  public static final String DEFAULT_TEST_KEY = "sk_test_ferrysandbox4eC39HqLyjWDarjtT1zdp7dc";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> LIST_PARAMS = Set.of("limit", "starting_after", "ending_before", "created", "expand[]");
  private static final Pattern CREATED_KEY = Pattern.compile("created(\\[(gt|gte|lt|lte)\\])?");
  /** Range forms of other timestamp filters ({@code due_date[gte]}) are accepted and not applied. */
  private static final Pattern RANGE_SUFFIX = Pattern.compile("\\[(gt|gte|lt|lte)\\]$");

  private final SandboxData data;
  private final Expander expander;
  private final Faults faults = new Faults();
  private final SandboxStats stats = new SandboxStats();
  private final Webhooks webhooks;
  private final AtomicLong requestIds = new AtomicLong();
  private volatile Set<String> apiKeys;
  private volatile RateLimiter limiter = new RateLimiter(0, 1, System::nanoTime);
  private volatile boolean sendRetryAfter;
  private volatile boolean sendShouldRetry;

  public StripeSandbox(SandboxData data) {
    super("stripe-sandbox", 32);
    this.data = data;
    this.expander = new Expander(data);
    this.webhooks = new Webhooks(data);
    this.apiKeys = Set.of(data.livemode() ? DEFAULT_TEST_KEY.replace("sk_test_", "sk_live_") : DEFAULT_TEST_KEY);
  }

  // ---- configuration

  /** The secret keys the sandbox accepts (replacing the default). */
  public StripeSandbox apiKeys(String... keys) {
    this.apiKeys = new LinkedHashSet<>(List.of(keys));
    return this;
  }

  /** The first accepted key, for clients. */
  public String apiKey() {
    return apiKeys.iterator().next();
  }

  /** Allows {@code perSecond} requests a second with a burst of the same size; 0 disables the limit. */
  public StripeSandbox rateLimit(double perSecond) {
    return rateLimit(perSecond, Math.max(1, (int) perSecond));
  }

  public StripeSandbox rateLimit(double perSecond, int burst) {
    return rateLimit(perSecond, burst, System::nanoTime);
  }

  /** As {@link #rateLimit(double, int)}, with the token bucket refilled by {@code nanoClock} instead of the system clock. */
  public StripeSandbox rateLimit(double perSecond, int burst, java.util.function.LongSupplier nanoClock) {
    this.limiter = new RateLimiter(perSecond, burst, nanoClock);
    return this;
  }

  /**
   * Whether 429 responses carry {@code Retry-After}, and whether 429 and injected 5xx responses carry
   * {@code Stripe-Should-Retry: true}.
   */
  public StripeSandbox retryHeaders(boolean retryAfter, boolean shouldRetry) {
    this.sendRetryAfter = retryAfter;
    this.sendShouldRetry = shouldRetry;
    return this;
  }

  public Faults faults() {
    return faults;
  }

  public SandboxStats stats() {
    return stats;
  }

  public Webhooks webhooks() {
    return webhooks;
  }

  public SandboxData data() {
    return data;
  }

  // ---- lifecycle

  @Override
  protected void closeBesideServer() {
    webhooks.close();
  }

  // ---- request handling

  /** Thrown to make the JDK server close the connection without answering. */
  private static final class DropConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DropConnection() {
      super("dropped by fault injection", null, false, false);
    }
  }

  @Override
  protected void handle(HttpExchange exchange) throws IOException {
    stats.received();
    try (exchange) {
      Faults.Kind fault = faults.next();
      switch (fault) {
        case DROP_CONNECTION -> {
          stats.dropped();
          throw new DropConnection();
        }
        case HTTP_500, HTTP_503 -> {
          stats.serverError();
          int status = fault == Faults.Kind.HTTP_500 ? 500 : 503;
          send(exchange, status, error(new ApiException(status, "api_error", null,
              "An unknown error occurred while processing your request (injected by the sandbox).", null)),
              sendShouldRetry ? Map.of("Stripe-Should-Retry", "true") : Map.of());
          return;
        }
        case SLOW -> sleep(faults.slowDelay().toMillis());
        case NONE, NOT_JSON, TRUNCATED, WRONG_SHAPE -> { }
      }
      try {
        authenticate(exchange);
        if (!limiter.tryAcquire()) {
          stats.rateLimited();
          Map<String, String> headers = new java.util.LinkedHashMap<>();
          if (sendRetryAfter) {
            headers.put("Retry-After", String.valueOf(limiter.secondsUntilToken()));
          }
          if (sendShouldRetry) {
            headers.put("Stripe-Should-Retry", "true");
          }
          send(exchange, 429, error(new ApiException(429, "invalid_request_error", "rate_limit",
              "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.", null)), headers);
          return;
        }
        JsonNode body = route(exchange);
        stats.served();
        if (faults.endlessLists() && body.path("object").asText("").equals("list")) {
          ((ObjectNode) body).put("has_more", true);
        }
        switch (fault) {
          case NOT_JSON -> sendRaw(exchange, "text/html", "<html><head><title>502 Bad Gateway</title></head></html>\n"
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          case TRUNCATED -> {
            byte[] whole = SandboxData.MAPPER.writeValueAsBytes(body);
            sendRaw(exchange, "application/json", java.util.Arrays.copyOf(whole, whole.length / 2));
          }
          case WRONG_SHAPE -> {
            if (body.has("data")) {
              ((ObjectNode) body).put("data", "not a list");
              send(exchange, 200, body, Map.of());
            } else {
              send(exchange, 200, JSON.arrayNode().add(body), Map.of());
            }
          }
          default -> send(exchange, 200, body, Map.of());
        }
      } catch (ApiException e) {
        stats.clientError();
        send(exchange, e.status, error(e), Map.of());
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void authenticate(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    String key = null;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = header.substring(7).trim();
    } else if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        key = decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : decoded;
      } catch (IllegalArgumentException e) {
        key = "";
      }
    }
    if (key == null || key.isEmpty()) {
      throw new ApiException(401, "invalid_request_error", null,
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth "
              + "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, "
              + "or we can help at https://support.stripe.com/.", null);
    }
    if (!apiKeys.contains(key)) {
      String masked = key.length() <= 12 ? "****" : key.substring(0, 8) + "*".repeat(Math.min(20, key.length() - 12)) + key.substring(key.length() - 4);
      throw new ApiException(401, "invalid_request_error", "api_key_invalid", "Invalid API Key provided: " + masked, null);
    }
  }

  private JsonNode route(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    Params params = Params.parse(exchange.getRequestURI().getRawQuery());
    if (path.equals("/v1/customers") || path.startsWith("/v1/customers/") && path.split("/").length == 4) {
      if (method.equals("POST")) {
        return writeCustomer(path, Params.parse(new String(readBody(exchange), StandardCharsets.UTF_8)));
      }
      if (method.equals("DELETE") && path.length() > "/v1/customers/".length()) {
        only(params, Set.of());
        return data.write(writes -> writes.apiDeleteCustomer(liveCustomer(path)));
      }
    }
    if (!method.equals("GET")) {
      throw ApiException.unrecognizedUrl(method, path);
    }
    if (path.equals("/v1/account")) {
      only(params, Set.of("expand[]"));
      return data.reading(data::platformAccount);
    }
    if (path.equals("/v1/subscription_items")) {
      return childList(SUBSCRIPTION, params, "subscription", path);
    }
    if (path.equals("/v1/invoice_payments")) {
      return invoicePayments(params, path);
    }
    String[] parts = path.split("/");
    if (parts.length == 5 && path.startsWith("/v1/invoices/") && parts[4].equals("lines")) {
      return childList(INVOICE, params, null, path);
    }
    if (parts.length == 5 && path.startsWith("/v1/customers/") && parts[4].equals("payment_methods")) {
      String customer = parts[3];
      if (data.indexOf(CUSTOMER, customer) < 0) {
        throw ApiException.missing("customer", customer, "customer");
      }
      return list(PAYMENT_METHOD, params, path, Set.of("type"), node -> customer.equals(node.path("customer").asText()));
    }
    for (ObjectType type : ObjectType.values()) {
      String listPath = type.listPath();
      if (listPath == null) {
        continue;
      }
      if (path.equals(listPath)) {
        return list(type, params, path, type.listFilters(), node -> true);
      }
      if (path.startsWith(listPath + "/") && path.indexOf('/', listPath.length() + 1) < 0) {
        return retrieve(type, path.substring(listPath.length() + 1), params);
      }
    }
    throw ApiException.unrecognizedUrl(method, path);
  }

  /**
   * {@code POST /v1/customers} creates and {@code POST /v1/customers/{id}} updates a customer from its
   * {@code email}, {@code name}, {@code description}, {@code phone} and {@code metadata[<key>]}; other
   * parameters are refused as Stripe refuses unknown ones.
   */
  private JsonNode writeCustomer(String path, Params params) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    Map<String, String> metadata = new java.util.LinkedHashMap<>();
    for (String key : params.keys()) {
      if (Mutator.CUSTOMER_WRITABLE.contains(key)) {
        fields.put(key, params.get(key));
      } else if (key.startsWith("metadata[") && key.endsWith("]") && key.length() > "metadata[]".length()) {
        metadata.put(key.substring("metadata[".length(), key.length() - 1), params.get(key));
      } else {
        throw ApiException.unknownParameter(key);
      }
    }
    if (path.equals("/v1/customers")) {
      return data.write(writes -> writes.apiCreateCustomer(fields, metadata));
    }
    int customer = liveCustomer(path);
    return data.write(writes -> writes.apiUpdateCustomer(customer, fields, metadata));
  }

  private int liveCustomer(String path) {
    String id = path.substring("/v1/customers/".length());
    ObjectNode found = data.retrieve(CUSTOMER, id).orElseThrow(() -> ApiException.missing("customer", id, "id"));
    if (found.path("deleted").asBoolean(false)) {
      throw ApiException.missing("customer", id, "id");
    }
    return data.indexOf(CUSTOMER, id);
  }

  private static byte[] readBody(HttpExchange exchange) {
    try {
      return exchange.getRequestBody().readNBytes(1 << 20);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code GET /v1/invoice_payments}: newest first, with Stripe's paging, {@code created} range and {@code invoice} filter. */
  private JsonNode invoicePayments(Params params, String path) {
    only(params, Set.of("limit", "starting_after", "ending_before", "created", "created[gt]", "created[gte]", "created[lt]",
        "created[lte]", "invoice", "status", "expand[]"));
    int limit = limit(params);
    List<ObjectNode> all = new ArrayList<>();
    for (ObjectNode payment : data.invoicePayments()) {
      long created = payment.path("created").asLong();
      boolean inRange = (!params.has("created[gte]") || created >= params.integer("created[gte]"))
          && (!params.has("created[gt]") || created > params.integer("created[gt]"))
          && (!params.has("created[lt]") || created < params.integer("created[lt]"))
          && (!params.has("created[lte]") || created <= params.integer("created[lte]"))
          && (!params.has("created") || created == params.integer("created"))
          && (!params.has("invoice") || params.get("invoice").equals(payment.path("invoice").asText()))
          && (!params.has("status") || params.get("status").equals(payment.path("status").asText()));
      if (inRange) {
        all.add(payment);
      }
    }
    int from = 0;
    int to = all.size();
    if (params.has("starting_after")) {
      from = indexOfId(all, params.get("starting_after")) + 1;
    } else if (params.has("ending_before")) {
      to = indexOfId(all, params.get("ending_before"));
      from = Math.max(0, to - limit);
    }
    List<ObjectNode> page = all.subList(from, Math.min(to, from + limit));
    boolean hasMore = params.has("ending_before") ? from > 0 : from + limit < to;
    return listObject(new SandboxData.Page(new ArrayList<>(page), hasMore), path);
  }

  private static int indexOfId(List<ObjectNode> objects, String id) {
    for (int i = 0; i < objects.size(); i++) {
      if (objects.get(i).path("id").asText().equals(id)) {
        return i;
      }
    }
    throw ApiException.missing("invoice_payment", id, "starting_after");
  }

  private static void only(Params params, Set<String> allowed) {
    for (String key : params.keys()) {
      if (!allowed.contains(key)) {
        throw ApiException.unknownParameter(key);
      }
    }
  }

  private JsonNode retrieve(ObjectType type, String id, Params params) {
    only(params, Set.of("expand[]"));
    ObjectNode object = data.retrieve(type, id)
        .orElseThrow(() -> ApiException.missing(type.objectName(), id, "id"));
    if (!object.path("deleted").asBoolean(false)) {
      data.reading(() -> {
        expander.expandObject(object, type, params.all("expand[]"));
        return null;
      });
    }
    return object;
  }

  private JsonNode list(ObjectType type, Params params, String url, Set<String> filters, Predicate<ObjectNode> extra) {
    for (String key : params.keys()) {
      boolean rangeOfFilter = filters.contains(RANGE_SUFFIX.matcher(key).replaceFirst(""));
      if (!LIST_PARAMS.contains(key) && !filters.contains(key) && !rangeOfFilter && !CREATED_KEY.matcher(key).matches()) {
        throw ApiException.unknownParameter(key);
      }
    }
    int limit = limit(params);
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    for (String key : params.keys()) {
      if (!CREATED_KEY.matcher(key).matches()) {
        continue;
      }
      long value = params.integer(key);
      switch (key) {
        case "created" -> {
          from = Math.max(from, value);
          to = Math.min(to, value);
        }
        case "created[gt]" -> from = Math.max(from, value + 1);
        case "created[gte]" -> from = Math.max(from, value);
        case "created[lt]" -> to = Math.min(to, value - 1);
        default -> to = Math.min(to, value);
      }
    }
    if (params.has("starting_after") && params.has("ending_before")) {
      throw ApiException.invalid("You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
    }
    int startingAfter = cursor(type, params, "starting_after");
    int endingBefore = cursor(type, params, "ending_before");
    Predicate<Integer> indexFilter = index -> true;
    Predicate<ObjectNode> filter = extra;
    if (type == EVENT) {
      if (params.has("type") && params.has("types[]")) {
        throw ApiException.invalid("You may only specify one of these parameters: type, types.", "types");
      }
      List<Pattern> patterns = new ArrayList<>();
      for (String t : params.has("type") ? List.of(params.get("type")) : params.all("types[]")) {
        patterns.add(Pattern.compile(Pattern.quote(t).replace("*", "\\E.*\\Q")));
      }
      if (!patterns.isEmpty()) {
        indexFilter = index -> patterns.stream().anyMatch(p -> p.matcher(data.eventType(index)).matches());
      }
      if (params.has("delivery_success")) {
        boolean wanted = Boolean.parseBoolean(params.get("delivery_success"));
        indexFilter = indexFilter.and(index -> webhooks.deliverySucceeded(data.id(EVENT, index)) == wanted);
      }
    } else {
      filter = filter.and(fieldFilter(type, params, filters));
    }
    SandboxData.Page page = data.list(type, new SandboxData.ListRequest(limit, startingAfter, endingBefore, from, to), indexFilter, filter);
    if (params.has("expand[]")) {
      data.reading(() -> {
        expander.expandList(page.data(), type, params.all("expand[]"));
        return null;
      });
    }
    return listObject(page, url);
  }

  private Predicate<ObjectNode> fieldFilter(ObjectType type, Params params, Set<String> filters) {
    Predicate<ObjectNode> filter = node -> true;
    for (String key : filters) {
      if (!params.has(key)) {
        continue;
      }
      List<String> wanted = params.all(key);
      String value = params.get(key);
      Predicate<ObjectNode> one;
      if (type == SUBSCRIPTION && key.equals("status")) {
        one = subscriptionStatus(value);
      } else if (type == SUBSCRIPTION && key.equals("price")) {
        one = node -> {
          for (JsonNode item : node.path("items").path("data")) {
            if (value.equals(item.path("price").path("id").asText())) {
              return true;
            }
          }
          return false;
        };
      } else if (type == INVOICEITEM && key.equals("pending")) {
        boolean pending = Boolean.parseBoolean(value);
        one = node -> node.path("invoice").isNull() == pending;
      } else if (key.equals("ids[]")) {
        one = node -> wanted.contains(node.path("id").asText());
      } else if (key.equals("lookup_keys[]")) {
        one = node -> wanted.contains(node.path("lookup_key").asText());
      } else {
        String[] path = key.replace("]", "").split("\\[");
        one = node -> {
          JsonNode field = PinnedShape.field(type, node, path[0]);
          for (int k = 1; k < path.length; k++) {
            field = field.path(path[k]);
          }
          JsonNode id = field.isObject() ? field.path("id") : field;
          return !id.isMissingNode() && !id.isNull() && value.equals(id.asText());
        };
      }
      filter = filter.and(one);
    }
    if (type == SUBSCRIPTION && !params.has("status")) {
      filter = filter.and(subscriptionStatus(null));
    }
    return filter;
  }

  /** Stripe lists subscriptions that are not canceled unless {@code status} says otherwise. */
  private static Predicate<ObjectNode> subscriptionStatus(String status) {
    if (status == null) {
      return node -> !node.path("status").asText().equals("canceled");
    }
    if (status.equals("all")) {
      return node -> true;
    }
    if (status.equals("ended")) {
      return node -> Set.of("canceled", "incomplete_expired").contains(node.path("status").asText());
    }
    return node -> node.path("status").asText().equals(status);
  }

  private JsonNode childList(ObjectType parentType, Params params, String parentParam, String path) {
    Set<String> allowed = new HashSet<>(Set.of("limit", "starting_after", "ending_before", "expand[]"));
    if (parentParam != null) {
      allowed.add(parentParam);
    }
    only(params, allowed);
    String parentId;
    if (parentParam != null) {
      parentId = params.get(parentParam);
      if (parentId == null) {
        throw ApiException.invalid("Missing required param: " + parentParam + ".", parentParam);
      }
    } else {
      parentId = path.split("/")[3];
    }
    int parent = data.indexOf(parentType, parentId);
    if (parent < 0) {
      throw ApiException.missing(parentType.objectName(), parentId, parentParam == null ? "invoice" : parentParam);
    }
    ObjectType childType = parentType == SUBSCRIPTION ? SUBSCRIPTION_ITEM : INVOICE_LINE_ITEM;
    int limit = limit(params);
    if (params.has("starting_after") && params.has("ending_before")) {
      throw ApiException.invalid("You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
    }
    SandboxData.Page page = data.listChildren(parentType, parent, limit, cursor(childType, params, "starting_after"), cursor(childType, params, "ending_before"));
    if (params.has("expand[]")) {
      data.reading(() -> {
        expander.expandList(page.data(), childType, params.all("expand[]"));
        return null;
      });
    }
    return listObject(page, path);
  }

  private static ObjectNode listObject(SandboxData.Page page, String url) {
    ObjectNode list = JSON.objectNode();
    list.put("object", "list");
    list.putArray("data").addAll(page.data());
    list.put("has_more", page.hasMore());
    list.put("url", url);
    return list;
  }

  private static int limit(Params params) {
    if (!params.has("limit")) {
      return 10;
    }
    long limit = params.integer("limit");
    if (limit < 1) {
      throw ApiException.invalid("This value must be greater than or equal to 1.", "limit");
    }
    if (limit > 100) {
      throw ApiException.invalid("This value must be less than or equal to 100.", "limit");
    }
    return (int) limit;
  }

  private int cursor(ObjectType type, Params params, String param) {
    if (!params.has(param)) {
      return -1;
    }
    String id = params.get(param);
    int index = data.indexOf(type, id);
    if (index < 0 || (type == EVENT && data.retrieve(EVENT, id).isEmpty())) {
      throw new ApiException(400, "invalid_request_error", "resource_missing", "No such " + type.objectName() + ": '" + id + "'", param);
    }
    return index;
  }

  private ObjectNode error(ApiException e) {
    ObjectNode root = JSON.objectNode();
    ObjectNode error = root.putObject("error");
    if (e.code != null) {
      error.put("code", e.code);
      error.put("doc_url", e.docUrl());
    }
    error.put("message", e.getMessage());
    if (e.param != null) {
      error.put("param", e.param);
    }
    error.put("request_log_url", "https://dashboard.stripe.com/test/logs/" + nextRequestId());
    error.put("type", e.type);
    return root;
  }

  private String nextRequestId() {
    return "req_sandbox" + requestIds.incrementAndGet();
  }

  private void sendRaw(HttpExchange exchange, String contentType, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void send(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers) throws IOException {
    byte[] bytes = SandboxData.MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Request-Id", nextRequestId());
    String version = exchange.getRequestHeaders().getFirst("Stripe-Version");
    exchange.getResponseHeaders().set("Stripe-Version", version == null ? SandboxData.API_VERSION : version);
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
