package dev.ferry.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxEventsTest {

  @Test
  void mutations_produce_ordered_events_with_snapshots_and_previous_attributes() throws Exception {
    SandboxData data = SandboxData.generate(3, 2000);
    List<String> emitted = data.mutate(99, 200);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      SandboxClient client = new SandboxClient(sandbox);
      List<JsonNode> events = client.walk("/v1/events", 100);
      List<String> ids = new ArrayList<>();
      events.forEach(e -> ids.add(e.path("id").asText()));
      List<String> newestFirst = new ArrayList<>(emitted);
      java.util.Collections.reverse(newestFirst);
      assertThat(ids).containsExactlyElementsOf(newestFirst);

      Map<Long, Integer> perSecond = new HashMap<>();
      for (JsonNode event : events) {
        assertThat(event.path("object").asText()).isEqualTo("event");
        assertThat(event.path("api_version").asText()).isEqualTo(SandboxData.API_VERSION);
        assertThat(event.path("data").path("object").isObject()).isTrue();
        String type = event.path("type").asText();
        boolean hasPrevious = event.path("data").has("previous_attributes");
        if (type.endsWith(".updated")) {
          assertThat(hasPrevious).as(type).isTrue();
          assertThat(event.path("data").path("previous_attributes").size()).as(type).isPositive();
        }
        if (type.endsWith(".created") || type.endsWith(".deleted")) {
          assertThat(hasPrevious).as(type).isFalse();
        }
        perSecond.merge(event.path("created").asLong(), 1, Integer::sum);
      }
      assertThat(perSecond.values()).as("several events share one second").anyMatch(n -> n > 1);
      assertThat(events).extracting(e -> e.path("type").asText())
          .contains("customer.created", "customer.updated", "customer.deleted", "customer.subscription.created",
              "customer.subscription.updated", "invoice.paid", "charge.succeeded");
    }
  }

  @Test
  void updated_event_previous_attributes_hold_the_old_values() {
    SandboxData data = SandboxData.generate(4, 1000);
    data.mutate(5, 300);
    for (SandboxData.StoredEvent stored : data.allEvents()) {
      if (!stored.type().equals("customer.updated")) {
        continue;
      }
      JsonNode event = parse(stored.json());
      JsonNode previous = event.path("data").path("previous_attributes");
      JsonNode now = event.path("data").path("object");
      previous.fieldNames().forEachRemaining(field -> assertThat(previous.get(field)).isNotEqualTo(now.get(field)));
    }
  }

  @Test
  void deleted_customers_leave_lists_and_retrieve_as_a_deleted_stub() throws Exception {
    SandboxData data = SandboxData.generate(6, 1000);
    data.mutate(7, 150);
    List<String> deleted = new ArrayList<>();
    for (SandboxData.StoredEvent event : data.allEvents()) {
      if (event.type().equals("customer.deleted")) {
        deleted.add(parse(event.json()).path("data").path("object").path("id").asText());
      }
    }
    assertThat(deleted).isNotEmpty();
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      SandboxClient client = new SandboxClient(sandbox);
      List<String> listed = new ArrayList<>();
      client.walk("/v1/customers", 100).forEach(c -> listed.add(c.path("id").asText()));
      assertThat(listed).doesNotContainAnyElementsOf(deleted);
      JsonNode stub = client.ok("/v1/customers/" + deleted.get(0));
      assertThat(stub.path("deleted").asBoolean()).isTrue();
      assertThat(stub.path("object").asText()).isEqualTo("customer");
      assertThat(stub.size()).isEqualTo(3);
      for (JsonNode sub : client.walk("/v1/subscriptions?status=all", 100)) {
        if (deleted.contains(sub.path("customer").asText())) {
          assertThat(sub.path("status").asText()).as("subscription of a deleted customer").isEqualTo("canceled");
        }
      }
    }
  }

  @Test
  void type_filters_accept_exact_names_wildcards_and_lists() throws Exception {
    SandboxData data = SandboxData.generate(8, 1000);
    data.mutate(9, 200);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      SandboxClient client = new SandboxClient(sandbox);
      List<JsonNode> wildcard = client.walk("/v1/events?type=customer.subscription.*", 100);
      assertThat(wildcard).isNotEmpty().allMatch(e -> e.path("type").asText().startsWith("customer.subscription."));
      List<JsonNode> exact = client.walk("/v1/events?type=customer.updated", 100);
      assertThat(exact).isNotEmpty().allMatch(e -> e.path("type").asText().equals("customer.updated"));
      List<JsonNode> listed = client.walk("/v1/events?types[]=customer.created&types[]=customer.deleted", 100);
      assertThat(listed).extracting(e -> e.path("type").asText()).containsOnly("customer.created", "customer.deleted");
      long expected = data.allEvents().stream().filter(e -> e.type().equals("customer.created") || e.type().equals("customer.deleted")).count();
      assertThat(listed).hasSize((int) expected);
    }
  }

  @Test
  void events_older_than_30_days_by_the_sandbox_clock_are_gone() throws Exception {
    SandboxData data = SandboxData.generate(10, 500);
    List<String> old = data.mutate(1, 20);
    data.advanceClock(Duration.ofDays(29));
    List<String> recent = data.mutate(2, 20);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      SandboxClient client = new SandboxClient(sandbox);
      assertThat(client.walk("/v1/events", 100)).hasSize(old.size() + recent.size());
      data.advanceClock(Duration.ofDays(2));
      List<String> visible = new ArrayList<>();
      client.walk("/v1/events", 100).forEach(e -> visible.add(e.path("id").asText()));
      assertThat(visible).containsExactlyInAnyOrderElementsOf(recent);
      assertThat(client.get("/v1/events/" + old.get(0)).status()).isEqualTo(404);
      SandboxClient.Response expiredCursor = client.get("/v1/events?starting_after=" + old.get(0));
      assertThat(expiredCursor.status()).isEqualTo(400);
      assertThat(expiredCursor.body().path("error").path("code").asText()).isEqualTo("resource_missing");
      assertThat(client.ok("/v1/events/" + recent.get(0)).path("id").asText()).isEqualTo(recent.get(0));
    }
  }

  @Test
  void walking_events_forward_with_ending_before_sees_new_events_after_the_cursor() throws Exception {
    SandboxData data = SandboxData.generate(12, 500);
    List<String> first = data.mutate(1, 30);
    try (StripeSandbox sandbox = new StripeSandbox(data).start()) {
      SandboxClient client = new SandboxClient(sandbox);
      String cursor = first.get(first.size() - 1);
      List<String> second = data.mutate(2, 30);
      List<String> seen = new ArrayList<>();
      while (true) {
        JsonNode page = client.ok("/v1/events?limit=7&ending_before=" + cursor);
        List<String> ids = new ArrayList<>();
        page.path("data").forEach(e -> ids.add(e.path("id").asText()));
        java.util.Collections.reverse(ids);
        seen.addAll(ids);
        if (ids.isEmpty()) {
          break;
        }
        cursor = ids.get(ids.size() - 1);
        if (!page.path("has_more").asBoolean()) {
          break;
        }
      }
      assertThat(seen).containsExactlyElementsOf(second);
    }
  }

  @Test
  void a_sandbox_following_the_wall_clock_stamps_events_no_earlier_than_now() {
    SandboxData data = SandboxData.generate(13, 300, java.time.Instant.now().minusSeconds(3600), false);
    data.followWallClock(true);
    long before = System.currentTimeMillis() / 1000;
    data.mutate(1, 10);
    assertThat(data.allEvents()).isNotEmpty().allMatch(e -> e.created() >= before);
    assertThat(data.clock().getEpochSecond()).isGreaterThanOrEqualTo(before);
  }

  static JsonNode parse(byte[] json) {
    try {
      return SandboxData.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
