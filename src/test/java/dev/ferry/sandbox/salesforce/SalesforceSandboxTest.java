package dev.ferry.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sandbox's protocol details a sync relies on, checked over HTTP (jsforce checks the common paths). */
class SalesforceSandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void the_same_seed_gives_the_same_org_of_realistic_shape() {
    SalesforceOrg first = OrgGenerator.generate(5, 80);
    SalesforceOrg second = OrgGenerator.generate(5, 80);
    for (String object : java.util.List.of("Account", "Contact", "Task", "Event", "OpportunityLineItem")) {
      assertThat(first.<Object>read(object, rows -> rows.stream().map(r -> r.get("Id") + "|" + r.get("SystemModstamp")).toList()))
          .isEqualTo(second.<Object>read(object, rows -> rows.stream().map(r -> r.get("Id") + "|" + r.get("SystemModstamp")).toList()));
    }
    Set<String> whoPrefixes = new HashSet<>();
    Set<String> whatPrefixes = new HashSet<>();
    Set<String> ownerPrefixes = new HashSet<>();
    for (String activity : java.util.List.of("Task", "Event")) {
      first.read(activity, rows -> {
        rows.forEach(r -> {
          whoPrefixes.add(r.get("WhoId").toString().substring(0, 3));
          if (r.get("WhatId") != null) {
            whatPrefixes.add(r.get("WhatId").toString().substring(0, 3));
          }
          ownerPrefixes.add(r.get("OwnerId").toString().substring(0, 3));
        });
        return null;
      });
    }
    assertThat(whoPrefixes).containsExactlyInAnyOrder("003", "00Q");
    assertThat(whatPrefixes).contains("001", "006", "500");
    assertThat(ownerPrefixes).contains("005", "00G");
    assertThat(first.count("OpportunityLineItem")).isGreaterThan(first.count("Opportunity"));
    assertThat(first.count("OpportunityContactRole")).isPositive();
    String id = first.read("Account", rows -> rows.iterator().next().get("Id").toString());
    assertThat(id).hasSize(18).startsWith("001");
  }

  @Test
  void tokens_queries_bulk_jobs_deletes_limits_and_errors_speak_salesforce() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").genKeyPair();
    try (SalesforceSandbox sandbox = SalesforceSandbox.generated(3, 40).batchSize(200).jwtKey(keys.getPublic()).start()) {
      String base = sandbox.baseUrl();
      HttpResponse<String> bad = form(base, "grant_type=client_credentials&client_id=" + SalesforceSandbox.CLIENT_ID + "&client_secret=wrong");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(bad.body()).path("error").asText()).isEqualTo("invalid_client");

      JsonNode token = JSON.readTree(form(base, "grant_type=client_credentials&client_id=" + SalesforceSandbox.CLIENT_ID
          + "&client_secret=" + SalesforceSandbox.CLIENT_SECRET).body());
      assertThat(token.path("instance_url").asText()).isEqualTo(base);
      assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
      assertThat(token.path("id").asText()).contains("/id/" + SalesforceOrg.ORG_ID + "/005");
      String access = token.path("access_token").asText();

      String jwt = jwt(keys, Instant.now().plusSeconds(60));
      assertThat(form(base, "grant_type=" + enc("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion=" + jwt).statusCode()).isEqualTo(200);
      HttpResponse<String> expiredJwt = form(base, "grant_type=" + enc("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion="
          + jwt(keys, Instant.now().minusSeconds(60)));
      assertThat(JSON.readTree(expiredJwt.body()).path("error").asText()).isEqualTo("invalid_grant");
      assertThat(form(base, "grant_type=refresh_token&refresh_token=" + SalesforceSandbox.REFRESH_TOKEN + "&client_id="
          + SalesforceSandbox.CLIENT_ID + "&client_secret=" + SalesforceSandbox.CLIENT_SECRET).statusCode()).isEqualTo(200);

      // SOQL: the tie-safe filter a sync sends, ordered, paged with nextRecordsUrl
      SalesforceOrg org = sandbox.org();
      Instant stamp = Instant.parse("2025-06-01T00:00:00Z");
      java.util.List<String> ids = org.read("Contact", rows -> rows.stream().limit(5).map(r -> r.get("Id").toString()).toList());
      ids.forEach(id -> org.update("Contact", id, Map.of("Title", "Tied"), stamp));
      String soql = "SELECT Id, Title, SystemModstamp FROM Contact WHERE (SystemModstamp = 2025-06-01T00:00:00Z AND Id > '" + ids.get(1)
          + "') OR SystemModstamp > 2025-06-01T00:00:00Z ORDER BY SystemModstamp, Id LIMIT 3";
      HttpResponse<String> tied = get(base + "/services/data/v62.0/query?q=" + enc(soql), access);
      assertThat(tied.headers().firstValue("Sforce-Limit-Info").orElseThrow()).matches("api-usage=\\d+/1000000");
      JsonNode tiedBody = JSON.readTree(tied.body());
      assertThat(tiedBody.path("records").get(0).path("Id").asText()).isEqualTo(ids.get(2));
      assertThat(tiedBody.path("records").get(0).path("SystemModstamp").asText()).isEqualTo("2025-06-01T00:00:00.000+0000");
      assertThat(tiedBody.path("records").get(0).path("attributes").path("type").asText()).isEqualTo("Contact");

      Instant deletedAt = Instant.parse("2026-03-01T10:00:30Z");
      org.clock(java.time.Clock.fixed(deletedAt, java.time.ZoneOffset.UTC));
      org.delete("Contact", ids.get(0));
      org.clock(java.time.Clock.fixed(deletedAt.plusSeconds(300), java.time.ZoneOffset.UTC)); // getDeleted covers whole minutes
      String deletedQuery = "SELECT Id FROM Contact WHERE IsDeleted = true";
      assertThat(JSON.readTree(get(base + "/services/data/v62.0/query?q=" + enc(deletedQuery), access).body()).path("totalSize").asInt()).isZero();
      assertThat(JSON.readTree(get(base + "/services/data/v62.0/queryAll?q=" + enc(deletedQuery), access).body()).path("totalSize").asInt()).isEqualTo(1);
      Instant now = org.now();
      JsonNode deleted = JSON.readTree(get(base + "/services/data/v62.0/sobjects/Contact/deleted/?start=" + enc(now.minusSeconds(3600).toString())
          + "&end=" + enc(now.plusSeconds(120).toString()), access).body());
      assertThat(deleted.path("deletedRecords").get(0).path("id").asText()).isEqualTo(ids.get(0));
      HttpResponse<String> tooOld = get(base + "/services/data/v62.0/sobjects/Contact/deleted/?start=" + enc(now.minusSeconds(20 * 86400).toString())
          + "&end=" + enc(now.toString()), access);
      assertThat(JSON.readTree(tooOld.body()).get(0).path("errorCode").asText()).isEqualTo("INVALID_REPLICATION_DATE");

      // Bulk 2.0: create, poll, CSV pages joined by Sforce-Locator until "null"
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/services/data/v62.0/jobs/query"))
          .header("Authorization", "Bearer " + access).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"query\",\"query\":\"SELECT Id, Name, AnnualRevenue FROM Account\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      String job = JSON.readTree(created.body()).path("id").asText();
      assertThat(job).startsWith("750");
      String state;
      do {
        state = JSON.readTree(get(base + "/services/data/v62.0/jobs/query/" + job, access).body()).path("state").asText();
      } while (!state.equals("JobComplete"));
      Set<String> rows = new HashSet<>();
      String locator = null;
      int pages = 0;
      do {
        HttpResponse<String> page = get(base + "/services/data/v62.0/jobs/query/" + job + "/results?maxRecords=15"
            + (locator == null ? "" : "&locator=" + locator), access);
        assertThat(page.body()).startsWith("\"Id\",\"Name\",\"AnnualRevenue\"\n");
        page.body().lines().skip(1).forEach(rows::add);
        locator = page.headers().firstValue("Sforce-Locator").orElseThrow();
        pages++;
      } while (!locator.equals("null"));
      assertThat(rows).hasSize(org.count("Account"));
      assertThat(pages).isEqualTo((org.count("Account") + 14) / 15);
      HttpResponse<String> compound = http.send(HttpRequest.newBuilder(URI.create(base + "/services/data/v62.0/jobs/query"))
          .header("Authorization", "Bearer " + access).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"query\",\"query\":\"SELECT Id, BillingAddress FROM Account\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      String failing = JSON.readTree(compound.body()).path("id").asText();
      get(base + "/services/data/v62.0/jobs/query/" + failing, access);
      assertThat(JSON.readTree(get(base + "/services/data/v62.0/jobs/query/" + failing, access).body()).path("state").asText()).isEqualTo("Failed");

      JsonNode counts = JSON.readTree(get(base + "/services/data/v62.0/limits/recordCount?sObjects=Account,Contact", access).body());
      assertThat(counts.path("sObjects").get(0).path("count").asInt()).isEqualTo(org.count("Account"));

      HttpResponse<String> malformed = get(base + "/services/data/v62.0/query?q=" + enc("SELECT Id FROM Account WHERE"), access);
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(malformed.body()).get(0).path("errorCode").asText()).isEqualTo("MALFORMED_QUERY");

      sandbox.failNext(1, 400, "QUERY_TIMEOUT", "Your query request was running for too long.");
      assertThat(JSON.readTree(get(base + "/services/data/v62.0/limits", access).body()).get(0).path("errorCode").asText()).isEqualTo("QUERY_TIMEOUT");
      sandbox.dailyLimit(sandbox.apiUsage());
      HttpResponse<String> exhausted = get(base + "/services/data/v62.0/limits", access);
      assertThat(exhausted.statusCode()).isEqualTo(403);
      assertThat(JSON.readTree(exhausted.body()).get(0).path("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
      sandbox.expireTokens();
      HttpResponse<String> expired = get(base + "/services/data/v62.0/limits", access);
      assertThat(expired.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(expired.body()).get(0).path("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
    }
  }

  private HttpResponse<String> form(String base, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/services/oauth2/token")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String jwt(KeyPair keys, Instant expires) throws Exception {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String unsigned = url.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "." + url.encodeToString(
        ("{\"iss\":\"" + SalesforceSandbox.CLIENT_ID + "\",\"sub\":\"" + SalesforceSandbox.USERNAME + "\",\"aud\":\"https://login.salesforce.com\",\"exp\":"
            + expires.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(keys.getPrivate());
    signer.update(unsigned.getBytes(StandardCharsets.US_ASCII));
    return unsigned + "." + url.encodeToString(signer.sign());
  }
}
