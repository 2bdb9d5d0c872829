package dev.ferry.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.vendor.hubspot.HubSpotModel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The sandbox's protocol edges: auth, the search cap, rate-limit policies, signed webhooks. */
class HubSpotSandboxProtocolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aMissingTokenIsRefusedInHubSpotsErrorShape() throws Exception {
    try (HubSpotSandbox sandbox = new HubSpotSandbox(HubSpotAccount.generate(1, 50)).start()) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/crm/v3/objects/contacts")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(401);
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.path("status").asText()).isEqualTo("error");
      assertThat(body.path("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
      assertThat(body.path("correlationId").asText()).isNotEmpty();
    }
  }

  @Test
  void searchPagesStopAtTenThousandResultsWithA400() throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(1, 10_300);
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).searchPerSecond(0).start()) {
      String filter = "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"lastmodifieddate\",\"operator\":\"GTE\",\"value\":\"0\"}]}],"
          + "\"sorts\":[{\"propertyName\":\"lastmodifieddate\",\"direction\":\"ASCENDING\"}],\"limit\":200";
      HttpResponse<String> last = post(sandbox, "/crm/v3/objects/contacts/search", filter + ",\"after\":\"9800\"}");
      JsonNode page = JSON.readTree(last.body());
      assertThat(page.path("total").asInt()).isEqualTo(10_300);
      assertThat(page.path("results")).hasSize(200);
      assertThat(page.path("paging").path("next").path("after").asText()).isEqualTo("10000");
      HttpResponse<String> beyond = post(sandbox, "/crm/v3/objects/contacts/search", filter + ",\"after\":\"10000\"}");
      assertThat(beyond.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(beyond.body()).path("category").asText()).isEqualTo("VALIDATION_ERROR");
    }
  }

  @Test
  void aMillionContactAccountIsMadeWhenReadTheSameForTheSameSeed() throws Exception {
    HubSpotAccount account = HubSpotAccount.generate(1, 1_000_000);
    assertThat(account.liveCount("contacts")).isEqualTo(1_000_000);
    assertThat(account.liveCount("companies")).isEqualTo(200_000);
    HubSpotAccount.ObjectStore contacts = account.store("contacts");
    String firstId = contacts.after(Long.MIN_VALUE).next().id();
    long lastId = Long.parseLong(firstId) + 999_999;
    assertThat(HubSpotAccount.generate(1, 1_000_000).store("contacts").get(lastId).properties())
        .isEqualTo(contacts.get(lastId).properties());
    assertThat(HubSpotAccount.generate(2, 1_000_000).store("contacts").get(lastId).properties())
        .isNotEqualTo(contacts.get(lastId).properties());
    account.update("contacts", firstId, Map.of("firstname", "Changed"));
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).searchPerSecond(0).start()) {
      JsonNode newest = JSON.readTree(post(sandbox, "/crm/v3/objects/contacts/search",
          "{\"sorts\":[{\"propertyName\":\"lastmodifieddate\",\"direction\":\"DESCENDING\"}],\"limit\":2}").body());
      assertThat(newest.path("total").asInt()).isEqualTo(1_000_000);
      assertThat(newest.path("results").get(0).path("id").asText()).as("the changed contact is the newest").isEqualTo(firstId);
      assertThat(newest.path("results").get(1).path("id").asLong()).isEqualTo(lastId);
      JsonNode changed = JSON.readTree(post(sandbox, "/crm/v3/objects/contacts/search", "{\"filterGroups\":[{\"filters\":[{\"propertyName\":"
          + "\"lastmodifieddate\",\"operator\":\"GTE\",\"value\":\"" + HubSpotAccount.EPOCH.toEpochMilli() + "\"}]}],"
          + "\"sorts\":[{\"propertyName\":\"lastmodifieddate\",\"direction\":\"ASCENDING\"}],\"properties\":[\"firstname\"]}").body());
      assertThat(changed.path("total").asInt()).isEqualTo(1);
      assertThat(changed.path("results").get(0).path("properties").path("firstname").asText()).isEqualTo("Changed");
      JsonNode last = JSON.readTree(get(sandbox, "/crm/v3/objects/contacts?limit=100&after=" + (lastId - 1)).body());
      assertThat(last.path("results")).hasSize(1);
      assertThat(last.has("paging")).isFalse();
      String company = account.store("companies").after(Long.MIN_VALUE).next().id();
      assertThat(account.associations(HubSpotModel.ASSOCIATIONS.get(0), "companies", company)).hasSize(5);
    }
  }

  @Test
  void theTenSecondAndSearchLimitsAnswer429NamingTheirPolicy() throws Exception {
    try (HubSpotSandbox sandbox = new HubSpotSandbox(HubSpotAccount.generate(1, 50)).tenSecondLimit(3).searchPerSecond(1).start()) {
      HttpResponse<String> search = post(sandbox, "/crm/v3/objects/contacts/search", "{}");
      assertThat(search.statusCode()).isEqualTo(200);
      HttpResponse<String> secondSearch = post(sandbox, "/crm/v3/objects/contacts/search", "{}");
      assertThat(secondSearch.statusCode()).isEqualTo(429);
      assertThat(JSON.readTree(secondSearch.body()).path("policyName").asText()).isEqualTo("SECONDLY");
      assertThat(get(sandbox, "/crm/v3/objects/contacts").statusCode()).isEqualTo(200);
      HttpResponse<String> limited = get(sandbox, "/crm/v3/objects/contacts");
      assertThat(limited.statusCode()).isEqualTo(429);
      JsonNode body = JSON.readTree(limited.body());
      assertThat(body.path("errorType").asText()).isEqualTo("RATE_LIMIT");
      assertThat(body.path("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("10");
      assertThat(sandbox.rateLimited()).isEqualTo(2);
    }
  }

  @Test
  void webhookDeliveriesCarryAVersion3SignatureOverMethodUriBodyAndTimestamp() throws Exception {
    BlockingQueue<String[]> received = new ArrayBlockingQueue<>(10);
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hooks", exchange -> {
      received.add(new String[] {
          exchange.getRequestHeaders().getFirst("X-HubSpot-Signature-v3"),
          exchange.getRequestHeaders().getFirst("X-HubSpot-Request-Timestamp"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    HubSpotAccount account = HubSpotAccount.generate(1, 50);
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).start()) {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks?app=ferry%20test";
      sandbox.webhooks().register(url, "s3cret");
      String id = account.store("contacts").live().get(0).id();
      account.update("contacts", id, Map.of("firstname", "Zoë"));
      String[] delivery = received.poll(10, TimeUnit.SECONDS);
      assertThat(delivery).isNotNull();
      // HubSpot's documented recipe, computed here independently: the URI is URL-decoded first
      String message = "POST" + url.replace("%20", " ") + delivery[2] + delivery[1];
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      assertThat(delivery[0]).isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8))));
      JsonNode event = JSON.readTree(delivery[2]).get(0);
      assertThat(event.path("subscriptionType").asText()).isEqualTo("contact.propertyChange");
      assertThat(event.path("objectId").asText()).isEqualTo(id);
      assertThat(event.path("propertyName").asText()).isEqualTo("firstname");
      assertThat(event.path("propertyValue").asText()).isEqualTo("Zoë");
      assertThat(event.path("portalId").asLong()).isEqualTo(HubSpotAccount.PORTAL_ID);
    } finally {
      receiver.stop(0);
    }
  }

  private HttpResponse<String> get(HubSpotSandbox sandbox, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
        .header("Authorization", "Bearer " + sandbox.token()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(HubSpotSandbox sandbox, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
        .header("Authorization", "Bearer " + sandbox.token()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
