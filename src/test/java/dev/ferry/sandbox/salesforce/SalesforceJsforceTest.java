package dev.ferry.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testing.Toolchains;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jsforce, a real Salesforce client, speaks to the sandbox without error: OAuth (client credentials, JWT
 * bearer, refresh token), describe, SOQL with queryMore, queryAll and a Bulk API 2.0 query job; what it
 * read matches the sandbox org.
 */
class SalesforceJsforceTest {
  @TempDir Path temp;

  @Test
  void jsforceLogsInDescribesQueriesAndRunsBulkQueries() throws Exception {
    Path dir = Toolchains.ensure("jsforce");
    KeyPair keys = KeyPairGenerator.getInstance("RSA").genKeyPair();
    Path pem = temp.resolve("server.key");
    Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    try (SalesforceSandbox sandbox = SalesforceSandbox.generated(7, 120).batchSize(200).jwtKey(keys.getPublic()).start()) {
      SalesforceOrg org = sandbox.org();
      String gone = org.read("Contact", rows -> rows.iterator().next().get("Id").toString());
      org.delete("Contact", gone);
      Toolchains.Result result = Toolchains.run(dir, Map.of(
          "FERRY_CLIENT_ID", SalesforceSandbox.CLIENT_ID, "FERRY_CLIENT_SECRET", SalesforceSandbox.CLIENT_SECRET,
          "FERRY_USERNAME", SalesforceSandbox.USERNAME, "FERRY_REFRESH_TOKEN", SalesforceSandbox.REFRESH_TOKEN,
          "FERRY_JWT_KEY", pem.toString()), "node", "check.js", sandbox.baseUrl());
      assertThat(result.exitCode()).as(result.output()).isZero();
      String json = result.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
      JsonNode report = new ObjectMapper().readTree(json);

      assertThat(report.path("orgId").asText()).isEqualTo(SalesforceOrg.ORG_ID);
      assertThat(report.path("jwtAccounts").asInt()).isEqualTo(3);
      assertThat(report.path("refreshed").asBoolean()).isTrue();
      assertThat(texts(report.path("objects"))).contains("Account", "Order", "Case", "User", "Group", "OpportunityLineItem");
      assertThat(texts(report.path("taskWho"))).containsExactly("Contact", "Lead");
      assertThat(report.path("taskKeyPrefix").asText()).isEqualTo("00T");
      assertThat(texts(report.path("accountBilling"))).contains("BillingStreet", "BillingCity", "BillingPostalCode", "BillingLatitude");
      assertThat(report.path("accountRevenue").asText()).isEqualTo("currency");

      int liveContacts = org.count("Contact");
      assertThat(liveContacts).isGreaterThan(200);
      assertThat(report.path("contacts").asInt()).isEqualTo(liveContacts);
      assertThat(report.path("contactTotal").asInt()).isEqualTo(liveContacts);
      assertThat(report.path("contactIdsUnique").asInt()).isEqualTo(liveContacts);
      assertThat(report.path("contactPages").asInt()).isEqualTo((liveContacts + 199) / 200);
      assertThat(texts(report.path("contactPrefix"))).containsExactly("003");
      assertThat(texts(report.path("deletedContacts"))).containsExactly(gone);

      assertThat(report.path("bulkOpportunities").asInt()).isEqualTo(org.count("Opportunity")).isPositive();
      assertThat(report.path("bulkIdsUnique").asInt()).isEqualTo(org.count("Opportunity"));
      JsonNode first = report.path("bulkFirst");
      Map<String, Object> truth = org.get("Opportunity", first.path("Id").asText());
      assertThat(first.path("Name").asText()).isEqualTo(truth.get("Name"));
      assertThat(first.path("CloseDate").asText()).isEqualTo(truth.get("CloseDate").toString());
      assertThat(report.path("badQuery").asText()).isEqualTo("INVALID_FIELD");
      assertThat(sandbox.requests("bulkResults")).isPositive();
      assertThat(sandbox.requests("queryMore")).isPositive();
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
