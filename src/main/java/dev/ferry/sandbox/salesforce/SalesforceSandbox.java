package dev.ferry.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.ferry.sandbox.LoopbackSandbox;
import dev.ferry.vendor.salesforce.SObject;
import dev.ferry.vendor.salesforce.SObjectField;
import dev.ferry.vendor.salesforce.SalesforceObjects;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local server that speaks Salesforce's REST API and Bulk API 2.0 over a {@link SalesforceOrg}:
 * the OAuth 2.0 token endpoint (client credentials, JWT bearer with RS256, refresh token, password),
 * describe and describeGlobal, SOQL {@code query}/{@code queryAll} with {@code nextRecordsUrl},
 * Bulk 2.0 query jobs with CSV results and {@code Sforce-Locator}, {@code getDeleted},
 * {@code getUpdated}, {@code /limits} and {@code /limits/recordCount}, {@code Sforce-Limit-Info} on
 * every response, and errors in Salesforce's JSON shape. Tests expire tokens, exhaust the daily
 * request allocation and inject failures by count. Its {@link #baseUrl()} is the login URL and the
 * instance URL at once.
 */
public final class SalesforceSandbox extends LoopbackSandbox<SalesforceSandbox> {
  public static final String CLIENT_ID = "3MVG9FerrySandboxConnectedAppConsumerKey";
  public static final String CLIENT_SECRET = "FerrySandboxConsumerSecret0123456789";
  public static final String USERNAME = "admin@ferry-sandbox.example";
  public static final String PASSWORD = "ferry-sandbox-password";
  public static final String REFRESH_TOKEN = "5Aep861FerrySandboxRefreshToken";
  /** Rows per REST query batch unless the client asks for fewer (Salesforce's largest). */
  public static final int QUERY_BATCH = 2000;
  /** Salesforce keeps the delete log this long; getDeleted refuses older starts. */
  public static final Duration DELETE_LOG_WINDOW = Duration.ofDays(15);

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final SalesforceOrg org;
  private final Map<String, Long> tokens = new ConcurrentHashMap<>();
  private final Map<String, QueryCursor> cursors = new ConcurrentHashMap<>();
  private final Map<String, BulkJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  private final Deque<SalesforceError> faults = new ArrayDeque<>();
  private final AtomicLong apiUsage = new AtomicLong();
  private final AtomicLong counter = new AtomicLong();
  private volatile long dailyLimit = 1_000_000;
  private volatile long tokenLifetime = Long.MAX_VALUE;
  private volatile int batchSize = QUERY_BATCH;
  private volatile int bulkPage = Integer.MAX_VALUE;
  private volatile PublicKey jwtKey;

  public SalesforceSandbox(SalesforceOrg org) {
    super("salesforce-sandbox", 16);
    this.org = org;
  }

  /** The sandbox over a generated org: {@code accounts} accounts with everything around them. */
  public static SalesforceSandbox generated(long seed, int accounts) {
    return new SalesforceSandbox(OrgGenerator.generate(seed, accounts));
  }

  /** The sandbox over an org of about {@code records} records, most of them made when read ({@link OrgGenerator#generateLarge}). */
  public static SalesforceSandbox large(long seed, int records) {
    return new SalesforceSandbox(OrgGenerator.generateLarge(seed, records));
  }

  public SalesforceOrg org() {
    return org;
  }

  /** The org's daily API request allocation ({@code DailyApiRequests.Max}). */
  public SalesforceSandbox dailyLimit(long limit) {
    this.dailyLimit = limit;
    return this;
  }

  /** Starts a new 24-hour period: the used requests go back to zero. */
  public void resetUsage() {
    apiUsage.set(0);
  }

  public long apiUsage() {
    return apiUsage.get();
  }

  /** Each token issued from now on answers {@code requests} API calls, then {@code INVALID_SESSION_ID}. */
  public SalesforceSandbox tokenLifetime(long requests) {
    this.tokenLifetime = requests;
    return this;
  }

  /** Every token issued so far expires (the session timeout passed). */
  public void expireTokens() {
    tokens.clear();
  }

  /** The largest REST query batch served (clients may ask for less with {@code Sforce-Query-Options}). */
  public SalesforceSandbox batchSize(int size) {
    this.batchSize = size;
    return this;
  }

  /**
   * Bulk API 2.0 results pages hold at most {@code rows} rows, whatever the client's {@code maxRecords}
   * (Salesforce may return fewer; the locator goes on), so a test sees many pages without a huge org.
   */
  public SalesforceSandbox bulkPageSize(int rows) {
    this.bulkPage = rows;
    return this;
  }

  /** The connected app's certificate key: JWT bearer assertions signed by its private key are accepted. */
  public SalesforceSandbox jwtKey(PublicKey key) {
    this.jwtKey = key;
    return this;
  }

  /** The next {@code count} API calls fail with {@code status} and {@code errorCode}. */
  public synchronized void failNext(int count, int status, String errorCode, String message) {
    for (int i = 0; i < count; i++) {
      faults.add(new SalesforceError(status, errorCode, message, false));
    }
  }

  /**
   * What a Bulk results page passes through the request gate before each 500 rows it writes,
   * followed by {@code <job id>@<rows of the page written>}: {@code holdAfter(n, e -> e.startsWith(RESULTS_ROWS_EVENT))}
   * holds the client in the middle of a page.
   */
  public static final String RESULTS_ROWS_EVENT = "bulk-results-rows:";

  /** Requests served by kind ({@code token}, {@code query}, {@code queryMore}, {@code bulkResults}, ...). */
  public long requests(String kind) {
    AtomicLong count = requests.get(kind);
    return count == null ? 0 : count.get();
  }

  // ---- lifecycle

  // ---- HTTP

  private static final String DATA = "/services/data/v" + SalesforceObjects.API_VERSION;

  /** An answer: its body as bytes, or written as it is made ({@code stream}, sent chunked) when it can be large. */
  private record Response(int status, String contentType, byte[] body, Map<String, String> headers, BodyWriter stream) {
    Response(int status, String contentType, byte[] body, Map<String, String> headers) {
      this(status, contentType, body, headers, null);
    }

    static Response json(JsonNode node) {
      return new Response(200, "application/json;charset=UTF-8", node.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }
  }

  private interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  @Override
  protected void handle(HttpExchange exchange) throws IOException {
    Response response;
    boolean api = exchange.getRequestURI().getPath().startsWith("/services/data");
    try {
      response = route(exchange);
    } catch (SalesforceError e) {
      response = error(e);
    } catch (RuntimeException e) {
      response = error(new SalesforceError(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred: " + e, false));
    }
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    if (api) {
      exchange.getResponseHeaders().set("Sforce-Limit-Info", "api-usage=" + apiUsage.get() + "/" + dailyLimit);
    }
    response.headers().forEach(exchange.getResponseHeaders()::set);
    if (response.stream() != null) {
      exchange.sendResponseHeaders(response.status(), 0);
      try (OutputStream out = exchange.getResponseBody()) {
        response.stream().write(out);
      } catch (IOException e) {
        // the client went away mid-answer (a killed sync)
      }
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
    if (response.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
    exchange.close();
  }

  private static Response error(SalesforceError e) {
    JsonNode body;
    if (e.oauth) {
      body = JSON.objectNode().put("error", e.errorCode).put("error_description", e.getMessage());
    } else {
      ArrayNode array = JSON.arrayNode();
      array.addObject().put("message", e.getMessage()).put("errorCode", e.errorCode);
      body = array;
    }
    return new Response(e.status, "application/json;charset=UTF-8", body.toString().getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private Response route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    Map<String, String> query = params(exchange.getRequestURI().getRawQuery());
    if (path.equals("/services/oauth2/token") && method.equals("POST")) {
      count("token");
      return Response.json(token(exchange, params(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))));
    }
    if (path.equals("/services/data") || path.equals("/services/data/")) {
      ArrayNode versions = JSON.arrayNode();
      versions.addObject().put("label", "Winter '25").put("url", DATA).put("version", SalesforceObjects.API_VERSION);
      return Response.json(versions);
    }
    if (!path.startsWith("/services/data/v")) {
      throw SalesforceError.notFound("The requested resource does not exist");
    }
    authenticate(exchange);
    String rest = path.substring(path.indexOf('/', "/services/data/".length()) + 1);
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    String[] parts = rest.split("/");
    switch (parts[0]) {
      case "sobjects" -> {
        return Response.json(sobjects(parts, query));
      }
      case "query", "queryAll" -> {
        boolean all = parts[0].equals("queryAll");
        if (parts.length == 2) {
          count("queryMore");
          return Response.json(queryMore(parts[1]));
        }
        count("query");
        String soql = query.get("q");
        if (soql == null) {
          throw SalesforceError.badRequest("MALFORMED_QUERY", "A query string has to be specified");
        }
        return Response.json(query(soql, all, requestedBatch(exchange)));
      }
      case "limits" -> {
        count("limits");
        return Response.json(parts.length > 1 && parts[1].equals("recordCount") ? recordCount(query) : limits());
      }
      case "jobs" -> {
        if (parts.length < 2 || !parts[1].equals("query")) {
          throw SalesforceError.notFound("The requested resource does not exist");
        }
        return bulk(exchange, method, parts);
      }
      default -> throw SalesforceError.notFound("The requested resource does not exist");
    }
  }

  private void count(String kind) {
    requests.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }

  /** Checks the Bearer token, counts the call against the daily allocation, then plays any injected fault. */
  private void authenticate(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    String token = header == null ? null : header.replaceFirst("(?i)^(Bearer|OAuth)\\s+", "").trim();
    Long left = token == null ? null : tokens.computeIfPresent(token, (t, n) -> n - 1);
    if (left == null || left < 0) {
      if (token != null) {
        tokens.remove(token);
      }
      throw SalesforceError.invalidSession();
    }
    if (apiUsage.incrementAndGet() > dailyLimit) {
      apiUsage.decrementAndGet();
      throw new SalesforceError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", false);
    }
    SalesforceError fault;
    synchronized (this) {
      fault = faults.poll();
    }
    if (fault != null) {
      throw fault;
    }
  }

  // ---- OAuth

  private ObjectNode token(HttpExchange exchange, Map<String, String> form) {
    String grant = form.getOrDefault("grant_type", "");
    String clientId = form.get("client_id");
    String clientSecret = form.get("client_secret");
    String basic = exchange.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
      clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
      clientSecret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
    }
    boolean refresh = false;
    switch (grant) {
      case "client_credentials" -> client(clientId, clientSecret);
      case "password" -> {
        client(clientId, clientSecret);
        if (!USERNAME.equals(form.get("username")) || !PASSWORD.equals(form.get("password"))) {
          throw SalesforceError.oauth(400, "invalid_grant", "authentication failure");
        }
        refresh = true;
      }
      case "refresh_token" -> {
        client(clientId, clientSecret);
        if (!REFRESH_TOKEN.equals(form.get("refresh_token"))) {
          throw SalesforceError.oauth(400, "invalid_grant", "expired access/refresh token");
        }
      }
      case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> JwtBearer.verify(form.get("assertion"), jwtKey, CLIENT_ID, USERNAME, org.now());
      default -> throw SalesforceError.oauth(400, "unsupported_grant_type", "grant type not supported");
    }
    String accessToken = SalesforceOrg.ORG_ID + "!AQ4AQ" + Long.toString(counter.incrementAndGet() * 7919 + 1_000_000, 36)
        + Base64.getUrlEncoder().withoutPadding().encodeToString(("ferry-" + counter.get()).getBytes(StandardCharsets.UTF_8));
    tokens.put(accessToken, tokenLifetime);
    String userId = adminId();
    ObjectNode body = JSON.objectNode();
    body.put("access_token", accessToken);
    if (refresh) {
      body.put("refresh_token", REFRESH_TOKEN);
    }
    body.put("signature", Base64.getEncoder().encodeToString(accessToken.substring(0, 24).getBytes(StandardCharsets.UTF_8)));
    body.put("scope", "api");
    body.put("instance_url", baseUrl());
    body.put("id", baseUrl() + "/id/" + SalesforceOrg.ORG_ID + "/" + userId);
    body.put("token_type", "Bearer");
    body.put("issued_at", String.valueOf(org.now().toEpochMilli()));
    return body;
  }

  /** The first user, the org's administrator: the integration user every token acts as. */
  private String adminId() {
    return org.<String>read("User", users -> users.iterator().next().get("Id").toString());
  }

  private static void client(String clientId, String clientSecret) {
    if (!CLIENT_ID.equals(clientId)) {
      throw SalesforceError.oauth(400, "invalid_client_id", "client identifier invalid");
    }
    if (!CLIENT_SECRET.equals(clientSecret)) {
      throw SalesforceError.oauth(400, "invalid_client", "invalid client credentials");
    }
  }

  // ---- sobjects

  private JsonNode sobjects(String[] parts, Map<String, String> query) {
    if (parts.length == 1) {
      count("describeGlobal");
      ObjectNode global = JSON.objectNode();
      global.put("encoding", "UTF-8");
      global.put("maxBatchSize", 200);
      ArrayNode list = global.putArray("sobjects");
      Renderer renderer = new Renderer(DATA, org);
      org.objects().forEach(o -> list.add(renderer.describeGlobalEntry(o)));
      return global;
    }
    SObject object = org.object(parts[1]);
    if (object == null) {
      throw SalesforceError.notFound("The requested resource does not exist");
    }
    if (parts.length == 3 && parts[2].equals("describe")) {
      count("describe");
      return new Renderer(DATA, org).describe(object);
    }
    if (parts.length == 3 && (parts[2].equals("deleted") || parts[2].equals("updated"))) {
      count(parts[2]);
      return replication(object, parts[2].equals("deleted"), query);
    }
    if (parts.length == 3) {
      count("retrieve");
      Map<String, Object> record = org.get(object.name(), parts[2]);
      if (record == null || Boolean.TRUE.equals(record.get("IsDeleted"))) {
        throw SalesforceError.notFound("The requested resource does not exist");
      }
      return new Renderer(DATA, org).record(object, object.fields(), record);
    }
    throw SalesforceError.notFound("The requested resource does not exist");
  }

  /** getDeleted / getUpdated: ids in a window of at most the last 15 (deleted) or 30 (updated) days. */
  private JsonNode replication(SObject object, boolean deleted, Map<String, String> query) {
    Instant start = instant(query.get("start"), "start");
    Instant end = instant(query.get("end"), "end");
    Instant now = org.now();
    if (!end.isAfter(start)) {
      throw SalesforceError.badRequest("INVALID_REPLICATION_DATE", "end date must be after start date");
    }
    Duration window = deleted ? DELETE_LOG_WINDOW : Duration.ofDays(30);
    if (start.isBefore(now.minus(window))) {
      throw SalesforceError.badRequest("INVALID_REPLICATION_DATE", "startDate must be within the last " + window.toDays() + " days");
    }
    Instant covered = end.isAfter(now) ? now : end;
    covered = covered.truncatedTo(ChronoUnit.MINUTES);
    ObjectNode body = JSON.objectNode();
    if (deleted) {
      ArrayNode records = body.putArray("deletedRecords");
      for (SalesforceOrg.DeletedRecord record : org.deleted(object.name(), start, covered)) {
        records.addObject().put("id", record.id()).put("deletedDate", Renderer.REST_DATETIME.format(record.deletedDate()));
      }
      body.put("earliestDateAvailable", Renderer.REST_DATETIME.format(OrgGenerator.START));
    } else {
      ArrayNode ids = body.putArray("ids");
      Instant last = covered;
      org.read(object.name(), rows -> {
        rows.stream().filter(r -> !Boolean.TRUE.equals(r.get("IsDeleted")))
            .filter(r -> !((Instant) r.get("SystemModstamp")).isBefore(start) && ((Instant) r.get("SystemModstamp")).isBefore(last))
            .forEach(r -> ids.add(r.get("Id").toString()));
        return null;
      });
    }
    body.put("latestDateCovered", Renderer.REST_DATETIME.format(covered));
    return body;
  }

  private static Instant instant(String text, String name) {
    if (text == null) {
      throw SalesforceError.badRequest("MISSING_ARGUMENT", name + " not specified");
    }
    try {
      return OffsetDateTime.parse(text.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant();
    } catch (DateTimeParseException e) {
      throw SalesforceError.badRequest("INVALID_REPLICATION_DATE", "could not parse " + name + " date: " + text);
    }
  }

  // ---- query

  private record QueryCursor(Soql.Query query, List<Map<String, Object>> rows, int batch) {}

  private int requestedBatch(HttpExchange exchange) {
    String options = exchange.getRequestHeaders().getFirst("Sforce-Query-Options");
    int size = batchSize;
    if (options != null && options.toLowerCase(java.util.Locale.ROOT).contains("batchsize=")) {
      int asked = Integer.parseInt(options.replaceAll("(?i).*batchsize=(\\d+).*", "$1"));
      size = Math.min(size, Math.max(200, Math.min(QUERY_BATCH, asked)));
    }
    return size;
  }

  private ObjectNode query(String soql, boolean all, int batch) {
    Soql.Query parsed = Soql.parse(soql, org::object);
    List<Map<String, Object>> rows = org.read(parsed.object().name(), records -> parsed.run(records, all));
    String locator = "01g5g" + Long.toString(1_000_000 + counter.incrementAndGet(), 36).toUpperCase(java.util.Locale.ROOT) + "FRY";
    cursors.put(locator, new QueryCursor(parsed, rows, batch));
    return page(locator, 0);
  }

  private ObjectNode queryMore(String locatorAndOffset) {
    int dash = locatorAndOffset.lastIndexOf('-');
    QueryCursor cursor = dash < 0 ? null : cursors.get(locatorAndOffset.substring(0, dash));
    if (cursor == null) {
      throw SalesforceError.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
    }
    return page(locatorAndOffset.substring(0, dash), Integer.parseInt(locatorAndOffset.substring(dash + 1)));
  }

  private ObjectNode page(String locator, int offset) {
    QueryCursor cursor = cursors.get(locator);
    Renderer renderer = new Renderer(DATA, org);
    ObjectNode body = JSON.objectNode();
    int end = Math.min(cursor.rows().size(), offset + cursor.batch());
    body.put("totalSize", cursor.rows().size());
    body.put("done", end >= cursor.rows().size());
    if (end < cursor.rows().size()) {
      body.put("nextRecordsUrl", DATA + "/query/" + locator + "-" + end);
    } else {
      cursors.remove(locator);
    }
    ArrayNode records = body.putArray("records");
    SObject object = cursor.query().object();
    org.read(object.name(), ignored -> {
      for (Map<String, Object> row : cursor.rows().subList(offset, end)) {
        records.add(renderer.record(object, cursor.query().fields(), row));
      }
      return null;
    });
    return body;
  }

  // ---- limits

  private ObjectNode limits() {
    ObjectNode body = JSON.objectNode();
    body.putObject("DailyApiRequests").put("Max", dailyLimit).put("Remaining", Math.max(0, dailyLimit - apiUsage.get()));
    body.putObject("DailyBulkV2QueryJobs").put("Max", 10000).put("Remaining", 10000 - jobs.size());
    body.putObject("DailyBulkV2QueryFileStorageMB").put("Max", 976562).put("Remaining", 976562);
    body.putObject("ConcurrentAsyncGetReportInstances").put("Max", 200).put("Remaining", 200);
    return body;
  }

  private ObjectNode recordCount(Map<String, String> query) {
    ObjectNode body = JSON.objectNode();
    ArrayNode counts = body.putArray("sObjects");
    List<String> names = query.containsKey("sObjects") ? List.of(query.get("sObjects").split(",")) : SalesforceObjects.defaultObjects();
    for (String name : names) {
      SObject object = org.object(name.trim());
      if (object != null) {
        counts.addObject().put("count", org.count(object.name())).put("name", object.name());
      }
    }
    return body;
  }

  // ---- Bulk API 2.0 query jobs

  private static final class BulkJob {
    final String id;
    final String operation;
    final Soql.Query query;
    final List<Map<String, Object>> rows;
    final Instant created;
    final String failure;
    volatile String state = "UploadComplete";
    volatile int polls;

    BulkJob(String id, String operation, Soql.Query query, List<Map<String, Object>> rows, Instant created, String failure) {
      this.id = id;
      this.operation = operation;
      this.query = query;
      this.rows = rows;
      this.created = created;
      this.failure = failure;
    }
  }

  private Response bulk(HttpExchange exchange, String method, String[] parts) throws IOException {
    if (parts.length == 2 && method.equals("POST")) {
      count("bulkCreate");
      JsonNode request = MAPPER.readTree(exchange.getRequestBody());
      String operation = request.path("operation").asText("");
      if (!operation.equals("query") && !operation.equals("queryAll")) {
        throw SalesforceError.badRequest("INVALIDJOB", "Invalid operation: " + operation);
      }
      Soql.Query parsed = Soql.parse(request.path("query").asText(""), org::object);
      String failure = parsed.fields().stream().anyMatch(SObjectField::isCompound)
          ? "FUNCTIONALITY_NOT_ENABLED: Selecting compound data not supported in Bulk Query" : null;
      List<Map<String, Object>> rows = failure != null ? List.of()
          : org.read(parsed.object().name(), records -> parsed.run(records, operation.equals("queryAll")));
      String id = "7505g" + Long.toString(1_000_000 + counter.incrementAndGet(), 36).toUpperCase(java.util.Locale.ROOT) + "FRYAAA";
      BulkJob job = new BulkJob(id, operation, parsed, rows, org.now(), failure);
      jobs.put(id, job);
      return Response.json(jobInfo(job));
    }
    BulkJob job = parts.length >= 3 ? jobs.get(parts[2]) : null;
    if (job == null) {
      throw SalesforceError.notFound("The requested resource does not exist");
    }
    if (parts.length == 3 && method.equals("GET")) {
      count("bulkPoll");
      // the first look finds the job running, as a real one is for a moment
      if (job.state.equals("UploadComplete") || job.state.equals("InProgress")) {
        job.state = job.polls++ == 0 ? "InProgress" : job.failure != null ? "Failed" : "JobComplete";
      }
      return Response.json(jobInfo(job));
    }
    if (parts.length == 3 && method.equals("DELETE")) {
      jobs.remove(job.id);
      return new Response(204, "application/json", new byte[0], Map.of());
    }
    if (parts.length == 4 && parts[3].equals("results") && method.equals("GET")) {
      count("bulkResults");
      if (!job.state.equals("JobComplete")) {
        throw SalesforceError.badRequest("API_ERROR", "Job is not in JobComplete state");
      }
      return results(exchange, job);
    }
    throw SalesforceError.notFound("The requested resource does not exist");
  }

  private ObjectNode jobInfo(BulkJob job) {
    ObjectNode node = JSON.objectNode();
    node.put("id", job.id);
    node.put("operation", job.operation);
    node.put("object", job.query.object().name());
    node.put("createdById", adminId());
    node.put("createdDate", Renderer.REST_DATETIME.format(job.created));
    node.put("systemModstamp", Renderer.REST_DATETIME.format(job.created));
    node.put("state", job.state);
    node.put("concurrencyMode", "Parallel");
    node.put("contentType", "CSV");
    node.put("apiVersion", Double.parseDouble(SalesforceObjects.API_VERSION));
    node.put("jobType", "V2Query");
    node.put("lineEnding", "LF");
    node.put("columnDelimiter", "COMMA");
    if (!job.state.equals("UploadComplete")) {
      node.put("numberRecordsProcessed", job.state.equals("JobComplete") ? job.rows.size() : 0);
      node.put("retries", 0);
      node.put("totalProcessingTime", 0);
    }
    if (job.state.equals("Failed")) {
      node.put("errorMessage", job.failure);
    }
    return node;
  }

  private Response results(HttpExchange exchange, BulkJob job) {
    Map<String, String> query = params(exchange.getRequestURI().getRawQuery());
    int offset = 0;
    String locator = query.get("locator");
    if (locator != null && !locator.isEmpty()) {
      try {
        offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(locator), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw SalesforceError.badRequest("INVALID_LOCATOR", "Invalid locator: " + locator);
      }
    }
    int max = Math.min(bulkPage, query.containsKey("maxRecords") ? Integer.parseInt(query.get("maxRecords")) : 50_000);
    int end = Math.min(job.rows.size(), offset + max);
    List<SObjectField> fields = job.query.fields();
    int start = offset;
    String next = end < job.rows.size()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8)) : "null";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Sforce-Locator", next);
    headers.put("Sforce-NumberOfRecords", String.valueOf(end - offset));
    // written a few hundred rows at a time as the client reads, so a page of 50,000 is never held whole
    return new Response(200, "text/csv", new byte[0], headers, out -> {
      StringBuilder csv = new StringBuilder();
      for (int i = 0; i < fields.size(); i++) {
        csv.append(i == 0 ? "" : ",").append('"').append(fields.get(i).name()).append('"');
      }
      csv.append('\n');
      for (int from = start; from < end; from += 500) {
        // a test's gate can hold the page here, part of it sent: RESULTS_ROWS_EVENT names the job and the rows sent
        server().pass(RESULTS_ROWS_EVENT + job.id + "@" + (from - start));
        List<Map<String, Object>> rows = job.rows.subList(from, Math.min(end, from + 500));
        org.read(job.query.object().name(), ignored -> {
          for (Map<String, Object> row : rows) {
            for (int i = 0; i < fields.size(); i++) {
              if (i > 0) {
                csv.append(',');
              }
              Renderer.csvCell(csv, org.value(job.query.object(), fields.get(i), row));
            }
            csv.append('\n');
          }
          return null;
        });
        out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        csv.setLength(0);
      }
    });
  }

  private static Map<String, String> params(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
