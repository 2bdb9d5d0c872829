package dev.ferry.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeSandboxListTest {
  static StripeSandbox sandbox;
  static SandboxClient client;

  @BeforeAll
  static void start() throws Exception {
    sandbox = new StripeSandbox(SandboxData.generate(11, 3000)).start();
    client = new SandboxClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void a_walk_with_starting_after_returns_every_object_exactly_once_newest_first() throws Exception {
    for (ObjectType type : ObjectType.values()) {
      if (type.listPath() == null || type == ObjectType.EVENT || type == ObjectType.SUBSCRIPTION_ITEM) {
        continue;
      }
      String path = type == ObjectType.SUBSCRIPTION ? type.listPath() + "?status=all" : type.listPath();
      List<JsonNode> walked = client.walk(path, 37);
      List<String> ids = new ArrayList<>();
      walked.forEach(o -> ids.add(o.path("id").asText()));
      assertThat(ids).as(type.typeName()).doesNotHaveDuplicates().containsExactlyElementsOf(sandbox.data().liveIds(type));
      assertThat(ids).as(type.typeName()).isNotEmpty();
      long previous = Long.MAX_VALUE;
      for (JsonNode object : walked) {
        long created = object.has("created") ? object.path("created").asLong() : object.path("date").asLong();
        assertThat(created).as(type.typeName() + " newest first").isLessThanOrEqualTo(previous);
        previous = created;
        assertThat(object.path("object").asText()).isEqualTo(type.objectName());
      }
    }
  }

  @Test
  void ending_before_pages_back_toward_newer_objects() throws Exception {
    List<String> all = sandbox.data().liveIds(ObjectType.CUSTOMER);
    String anchor = all.get(25);
    JsonNode page = client.ok("/v1/customers?limit=10&ending_before=" + anchor);
    List<String> ids = new ArrayList<>();
    page.path("data").forEach(o -> ids.add(o.path("id").asText()));
    assertThat(ids).containsExactlyElementsOf(all.subList(15, 25));
    assertThat(page.path("has_more").asBoolean()).isTrue();
    JsonNode first = client.ok("/v1/customers?limit=10&ending_before=" + all.get(5));
    assertThat(first.path("data")).hasSize(5);
    assertThat(first.path("has_more").asBoolean()).isFalse();
  }

  @Test
  void list_response_has_stripes_envelope_and_default_limit_of_10() throws Exception {
    JsonNode page = client.ok("/v1/charges");
    assertThat(page.path("object").asText()).isEqualTo("list");
    assertThat(page.path("url").asText()).isEqualTo("/v1/charges");
    assertThat(page.path("data")).hasSize(10);
    assertThat(page.path("has_more").asBoolean()).isTrue();
  }

  @Test
  void created_filters_select_an_inclusive_or_exclusive_range() throws Exception {
    List<JsonNode> all = client.walk("/v1/invoices", 100);
    long mid = all.get(all.size() / 2).path("created").asLong();
    long upper = all.get(all.size() / 4).path("created").asLong();
    Set<String> expected = new HashSet<>();
    Set<String> exclusive = new HashSet<>();
    for (JsonNode invoice : all) {
      long created = invoice.path("created").asLong();
      if (created >= mid && created <= upper) {
        expected.add(invoice.path("id").asText());
      }
      if (created > mid && created < upper) {
        exclusive.add(invoice.path("id").asText());
      }
    }
    Set<String> got = new HashSet<>();
    client.walk("/v1/invoices?created%5Bgte%5D=" + mid + "&created%5Blte%5D=" + upper, 50).forEach(o -> got.add(o.path("id").asText()));
    assertThat(got).isEqualTo(expected);
    Set<String> gotExclusive = new HashSet<>();
    client.walk("/v1/invoices?created[gt]=" + mid + "&created[lt]=" + upper, 50).forEach(o -> gotExclusive.add(o.path("id").asText()));
    assertThat(gotExclusive).isEqualTo(exclusive);
    JsonNode exact = client.ok("/v1/invoices?created=" + mid + "&limit=100");
    exact.path("data").forEach(o -> assertThat(o.path("created").asLong()).isEqualTo(mid));
    assertThat(exact.path("data").size()).isPositive();
  }
}
