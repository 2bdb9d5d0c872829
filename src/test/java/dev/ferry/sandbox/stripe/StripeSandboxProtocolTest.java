package dev.ferry.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeSandboxProtocolTest {
  static StripeSandbox sandbox;
  static SandboxClient client;

  @BeforeAll
  static void start() throws Exception {
    sandbox = new StripeSandbox(SandboxData.generate(21, 2000)).start();
    client = new SandboxClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static void assertError(SandboxClient.Response response, int status, String type, String code, String param) {
    assertThat(response.status()).isEqualTo(status);
    JsonNode error = response.body().path("error");
    assertThat(error.path("type").asText()).isEqualTo(type);
    assertThat(error.path("message").asText()).isNotBlank();
    if (code != null) {
      assertThat(error.path("code").asText()).isEqualTo(code);
      assertThat(error.path("doc_url").asText()).isEqualTo("https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
    }
    if (param != null) {
      assertThat(error.path("param").asText()).isEqualTo(param);
    }
  }

  @Test
  void missing_or_wrong_keys_get_401_with_stripes_error_json() throws Exception {
    assertError(client.get("/v1/customers", null), 401, "invalid_request_error", null, null);
    assertThat(client.get("/v1/customers", null).body().path("error").path("message").asText()).contains("did not provide an API key");
    SandboxClient.Response wrong = client.get("/v1/customers", "Bearer sk_test_wrong0000000000000000000");
    assertError(wrong, 401, "invalid_request_error", "api_key_invalid", null);
    assertThat(wrong.body().path("error").path("message").asText()).startsWith("Invalid API Key provided: sk_test_").doesNotContain("wrong0000");
  }

  @Test
  void a_live_mode_account_takes_a_live_key_and_marks_objects_livemode() throws Exception {
    SandboxData live = SandboxData.generate(2, 200, SandboxData.DEFAULT_NOW, true);
    try (StripeSandbox server = new StripeSandbox(live).start()) {
      assertThat(server.apiKey()).startsWith("sk_live_");
      SandboxClient liveClient = new SandboxClient(server);
      assertThat(liveClient.ok("/v1/customers?limit=1").path("data").get(0).path("livemode").asBoolean()).isTrue();
      assertThat(liveClient.ok("/v1/checkout/sessions?limit=1").path("data").get(0).path("id").asText()).startsWith("cs_live_");
      assertThat(liveClient.get("/v1/customers", "Bearer " + StripeSandbox.DEFAULT_TEST_KEY).status()).isEqualTo(401);
    }
  }

  @Test
  void http_basic_with_the_key_as_user_is_accepted() throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString((sandbox.apiKey() + ":").getBytes(StandardCharsets.UTF_8));
    assertThat(client.get("/v1/customers?limit=1", basic).status()).isEqualTo(200);
  }

  @Test
  void unknown_ids_give_404_resource_missing_and_bad_params_400_with_param() throws Exception {
    assertError(client.get("/v1/customers/cus_doesnotexist"), 404, "invalid_request_error", "resource_missing", "id");
    assertError(client.get("/v1/customers?limit=0"), 400, "invalid_request_error", null, "limit");
    assertError(client.get("/v1/customers?limit=101"), 400, "invalid_request_error", null, "limit");
    assertError(client.get("/v1/customers?limit=ten"), 400, "invalid_request_error", null, "limit");
    assertError(client.get("/v1/customers?colour=red"), 400, "invalid_request_error", "parameter_unknown", "colour");
    assertError(client.get("/v1/customers?created[gte]=soon"), 400, "invalid_request_error", null, "created[gte]");
    assertError(client.get("/v1/customers?starting_after=cus_nope"), 400, "invalid_request_error", "resource_missing", "starting_after");
    String id = sandbox.data().liveIds(ObjectType.CUSTOMER).get(0);
    assertError(client.get("/v1/customers?starting_after=" + id + "&ending_before=" + id), 400, "invalid_request_error", null, "ending_before");
    assertError(client.get("/v1/subscription_items"), 400, "invalid_request_error", null, "subscription");
    assertThat(client.get("/v1/nothing_here").status()).isEqualTo(404);
    assertThat(client.get("/v1/nothing_here").body().path("error").path("message").asText()).startsWith("Unrecognized request URL (GET: /v1/nothing_here)");
  }

  @Test
  void responses_carry_request_id_and_stripe_version_headers() throws Exception {
    SandboxClient.Response response = client.get("/v1/products?limit=1");
    assertThat(response.header("Request-Id")).startsWith("req_");
    assertThat(response.header("Stripe-Version")).isEqualTo(SandboxData.API_VERSION);
    assertThat(response.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void ids_have_stripes_prefixes_and_objects_carry_created_livemode_metadata() throws Exception {
    JsonNode sub = client.ok("/v1/subscriptions?limit=1").path("data").get(0);
    assertThat(sub.path("id").asText()).startsWith("sub_");
    assertThat(sub.path("customer").asText()).startsWith("cus_");
    assertThat(sub.path("livemode").asBoolean()).isFalse();
    assertThat(sub.path("metadata").isObject()).isTrue();
    assertThat(sub.path("created").asLong()).isBetween(1_600_000_000L, sandbox.data().clock().getEpochSecond());
    assertThat(client.ok("/v1/checkout/sessions?limit=1").path("data").get(0).path("id").asText()).startsWith("cs_test_");
    assertThat(client.ok("/v1/balance_transactions?limit=1").path("data").get(0).path("id").asText()).startsWith("txn_");
    assertThat(client.ok("/v1/account").path("id").asText()).startsWith("acct_");
  }

  @Test
  void expand_replaces_ids_with_objects_including_data_prefix_and_dotted_paths() throws Exception {
    JsonNode charge = client.ok("/v1/charges?limit=3&expand[]=data.customer&expand[]=data.payment_intent.latest_charge.customer").path("data").get(0);
    assertThat(charge.path("customer").path("object").asText()).isEqualTo("customer");
    JsonNode latest = charge.path("payment_intent").path("latest_charge");
    assertThat(latest.path("object").asText()).isEqualTo("charge");
    assertThat(latest.path("customer").path("object").asText()).isEqualTo("customer");
    String customerId = sandbox.data().liveIds(ObjectType.CUSTOMER).get(0);
    JsonNode customer = client.ok("/v1/customers/" + customerId + "?expand[0]=invoice_settings.default_payment_method");
    assertThat(customer.path("invoice_settings").path("default_payment_method").path("object").asText()).isEqualTo("payment_method");
    JsonNode txn = client.ok("/v1/balance_transactions?limit=5&expand[]=data.source").path("data").get(0);
    assertThat(txn.path("source").path("object").asText()).isIn("charge", "refund", "payout");
  }

  @Test
  void expand_rejects_unexpandable_fields_and_more_than_four_levels() throws Exception {
    assertError(client.get("/v1/charges?expand[]=customer"), 400, "invalid_request_error", null, "expand");
    assertError(client.get("/v1/charges?expand[]=data.amount"), 400, "invalid_request_error", null, "expand");
    assertError(client.get("/v1/charges?expand[]=data.payment_intent.latest_charge.customer.default_source"), 400, "invalid_request_error", null, "expand");
    assertThat(client.get("/v1/charges?expand[]=data.payment_intent.latest_charge.customer").status()).isEqualTo(200);
  }

  @Test
  void nested_lists_hold_the_first_10_with_has_more_and_the_rest_comes_from_their_endpoint() throws Exception {
    JsonNode big = null;
    for (JsonNode invoice : client.walk("/v1/invoices", 100)) {
      if (invoice.path("lines").path("has_more").asBoolean()) {
        big = invoice;
        break;
      }
    }
    assertThat(big).as("an invoice with more than 10 lines").isNotNull();
    JsonNode lines = big.path("lines");
    assertThat(lines.path("object").asText()).isEqualTo("list");
    assertThat(lines.path("data")).hasSize(10);
    assertThat(lines.path("url").asText()).isEqualTo("/v1/invoices/" + big.path("id").asText() + "/lines");
    java.util.List<JsonNode> all = client.walk(lines.path("url").asText(), 5);
    assertThat(all.size()).isGreaterThan(10)
        .isEqualTo(sandbox.data().listChildren(ObjectType.INVOICE, sandbox.data().indexOf(ObjectType.INVOICE, big.path("id").asText()), 100, -1, -1).data().size());
    for (int k = 0; k < 10; k++) {
      assertThat(all.get(k).path("id").asText()).isEqualTo(lines.path("data").get(k).path("id").asText());
    }
    JsonNode sub = null;
    for (JsonNode s : client.walk("/v1/subscriptions?status=all", 100)) {
      if (s.path("items").path("has_more").asBoolean()) {
        sub = s;
        break;
      }
    }
    assertThat(sub).as("a subscription with more than 10 items").isNotNull();
    assertThat(sub.path("items").path("data")).hasSize(10);
    java.util.List<JsonNode> items = client.walk(sub.path("items").path("url").asText(), 4);
    String subId = sub.path("id").asText();
    assertThat(items).hasSize(sandbox.data().listChildren(ObjectType.SUBSCRIPTION, sandbox.data().indexOf(ObjectType.SUBSCRIPTION, subId), 100, -1, -1).data().size())
        .hasSizeGreaterThan(10);
    assertThat(items).allMatch(i -> i.path("subscription").asText().equals(subId));
  }

  @Test
  void subscriptions_list_leaves_out_canceled_ones_unless_status_asks() throws Exception {
    java.util.List<JsonNode> normal = client.walk("/v1/subscriptions", 100);
    java.util.List<JsonNode> all = client.walk("/v1/subscriptions?status=all", 100);
    java.util.List<JsonNode> canceled = client.walk("/v1/subscriptions?status=canceled", 100);
    assertThat(normal).noneMatch(s -> s.path("status").asText().equals("canceled"));
    assertThat(canceled).isNotEmpty().allMatch(s -> s.path("status").asText().equals("canceled"));
    assertThat(normal.size() + canceled.size()).isEqualTo(all.size());
  }

  @Test
  void filters_by_reference_select_matching_objects() throws Exception {
    JsonNode sub = client.ok("/v1/subscriptions?limit=1").path("data").get(0);
    String customer = sub.path("customer").asText();
    java.util.List<JsonNode> subs = client.walk("/v1/subscriptions?status=all&customer=" + customer, 10);
    assertThat(subs).isNotEmpty().allMatch(s -> s.path("customer").asText().equals(customer));
    assertThat(client.get("/v1/subscriptions?customer=" + customer + "&current_period_end[gte]=0").status()).isEqualTo(200);
    java.util.List<JsonNode> methods = client.walk("/v1/customers/" + customer + "/payment_methods", 10);
    assertThat(methods).isNotEmpty().allMatch(m -> m.path("customer").asText().equals(customer));
  }

  @Test
  void dropped_connections_close_the_socket_without_a_response() throws Exception {
    try (StripeSandbox faulty = new StripeSandbox(SandboxData.generate(1, 100)).start()) {
      faulty.faults().script(Faults.Kind.DROP_CONNECTION);
      java.net.URI uri = java.net.URI.create(faulty.baseUrl());
      try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
        socket.getOutputStream().write(("GET /v1/customers HTTP/1.1\r\nHost: sandbox\r\nAuthorization: Bearer "
            + faulty.apiKey() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(socket.getInputStream().read()).as("end of stream before any response byte").isEqualTo(-1);
      }
      SandboxClient faultyClient = new SandboxClient(faulty);
      assertThat(faultyClient.get("/v1/customers").status()).isEqualTo(200);
      assertThat(faulty.stats().droppedConnections()).isEqualTo(1);
    }
  }

  @Test
  void scripted_5xx_and_slow_faults_happen_in_order() throws Exception {
    try (StripeSandbox faulty = new StripeSandbox(SandboxData.generate(1, 100)).start()) {
      faulty.faults().slowRate(0, Duration.ofMillis(300))
          .script(Faults.Kind.HTTP_500, Faults.Kind.HTTP_503, Faults.Kind.NONE, Faults.Kind.SLOW);
      SandboxClient faultyClient = new SandboxClient(faulty);
      SandboxClient.Response first = faultyClient.get("/v1/customers");
      assertError(first, 500, "api_error", null, null);
      assertThat(first.header("Stripe-Should-Retry")).isNull();
      assertError(faultyClient.get("/v1/customers"), 503, "api_error", null, null);
      assertThat(faultyClient.get("/v1/customers").status()).isEqualTo(200);
      long before = System.nanoTime();
      assertThat(faultyClient.get("/v1/customers").status()).isEqualTo(200);
      assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
      assertThat(faulty.stats().serverErrorResponses()).isEqualTo(2);
    }
  }

  @Test
  void a_random_error_rate_fails_about_that_fraction_of_requests() throws Exception {
    try (StripeSandbox faulty = new StripeSandbox(SandboxData.generate(1, 100)).start()) {
      faulty.faults().seed(3).errorRate(0.3);
      SandboxClient faultyClient = new SandboxClient(faulty);
      int failures = 0;
      for (int i = 0; i < 200; i++) {
        int status = faultyClient.get("/v1/products?limit=1").status();
        assertThat(status).isIn(200, 500, 503);
        failures += status == 200 ? 0 : 1;
      }
      assertThat(failures).isBetween(30, 90);
      assertThat(faulty.stats().serverErrorResponses()).isEqualTo(failures);
    }
  }

  @Test
  void requests_past_the_rate_get_429_rate_limit_with_retry_headers() throws Exception {
    // a clock that never moves: exactly the burst is served, however slowly the requests arrive
    try (StripeSandbox limited = new StripeSandbox(SandboxData.generate(1, 100)).rateLimit(0.5, 5, () -> 0L).retryHeaders(true, true).start()) {
      SandboxClient limitedClient = new SandboxClient(limited);
      int ok = 0;
      SandboxClient.Response rejected = null;
      for (int i = 0; i < 12; i++) {
        SandboxClient.Response response = limitedClient.get("/v1/products?limit=1");
        if (response.status() == 200) {
          ok++;
        } else {
          rejected = response;
        }
      }
      assertThat(ok).as("the burst of 5").isEqualTo(5);
      assertThat(rejected).isNotNull();
      assertError(rejected, 429, "invalid_request_error", "rate_limit", null);
      assertThat(rejected.header("Retry-After")).matches("\\d+");
      assertThat(rejected.header("Stripe-Should-Retry")).isEqualTo("true");
      assertThat(limited.stats().rateLimitedResponses()).isEqualTo(12 - ok);
      assertThat(limited.stats().requestsServed()).isEqualTo(ok);
      assertThat(limited.stats().peakRequestsPerSecond()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void sustained_traffic_is_served_at_no_more_than_the_configured_rate() throws Exception {
    // the bucket's clock is the test's, so the outcome is the same on a quiet or a loaded machine
    java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
    try (StripeSandbox limited = new StripeSandbox(SandboxData.generate(1, 100)).rateLimit(20, 2, clock::get).start()) {
      SandboxClient limitedClient = new SandboxClient(limited);
      int ok = 0;
      // no time passes: only the burst of 2 is served
      for (int i = 0; i < 50; i++) {
        ok += limitedClient.get("/v1/products?limit=1").status() == 200 ? 1 : 0;
      }
      assertThat(ok).isEqualTo(2);
      // 20 rounds of 100 ms (2 tokens at 20 a second, the burst's cap) and 3 requests: 2 served, 1 refused
      for (int round = 0; round < 20; round++) {
        clock.addAndGet(100_000_000L);
        for (int i = 0; i < 3; i++) {
          ok += limitedClient.get("/v1/products?limit=1").status() == 200 ? 1 : 0;
        }
      }
      assertThat(ok).isEqualTo(2 + 20 * 2);
      assertThat(limited.stats().rateLimitedResponses()).isEqualTo(110 - ok);
      assertThat(limited.stats().requestsReceived()).isEqualTo(110);
    }
  }

  @Test
  void without_retry_headers_429s_carry_neither() throws Exception {
    // a clock that never moves: the second request finds the bucket empty however long the first took
    try (StripeSandbox limited = new StripeSandbox(SandboxData.generate(1, 100)).rateLimit(1, 1, () -> 0L).start()) {
      SandboxClient limitedClient = new SandboxClient(limited);
      limitedClient.get("/v1/products");
      SandboxClient.Response response = limitedClient.get("/v1/products");
      assertThat(response.status()).isEqualTo(429);
      assertThat(response.header("Retry-After")).isNull();
      assertThat(response.header("Stripe-Should-Retry")).isNull();
    }
  }
}
