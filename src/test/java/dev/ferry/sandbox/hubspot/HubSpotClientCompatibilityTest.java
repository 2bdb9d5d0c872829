package dev.ferry.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testing.Toolchains;
import dev.ferry.vendor.hubspot.HubSpotModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * HubSpot's official Node client ({@code @hubspot/api-client}, installed by compat/hubspot) lists and
 * pages every object type, searches with filters and sorts, and reads properties, associations,
 * owners, pipelines and schemas from the sandbox without error; what it read matches the account.
 */
class HubSpotClientCompatibilityTest {
  @Test
  void theOfficialNodeClientReadsEverythingTheSandboxServes() throws Exception {
    Path dir = Toolchains.ensure("hubspot");
    HubSpotAccount account = HubSpotAccount.generate(3, 1500);
    account.archive("contacts", account.store("contacts").live().get(5).id());
    try (HubSpotSandbox sandbox = new HubSpotSandbox(account).tenSecondLimit(0).start()) {
      Toolchains.Result result = Toolchains.run(dir, Map.of(
          "HUBSPOT_BASE", sandbox.baseUrl(), "HUBSPOT_TOKEN", sandbox.token(),
          "HUBSPOT_CUSTOM", HubSpotAccount.CUSTOM_OBJECT, "HUBSPOT_SINCE", "2025-04-01T00:00:00Z"), "node", "check.js");
      assertThat(result.exitCode()).as(result.output()).isZero();
      JsonNode read = new ObjectMapper().readTree(result.output().lines().reduce((a, b) -> b).orElseThrow());

      for (HubSpotAccount.ObjectStore store : account.stores()) {
        JsonNode listed = read.path("objects").path(store.apiName());
        assertThat(listed.path("count").asInt()).as(store.apiName()).isEqualTo(store.live().size());
        assertThat(listed.path("pages").asInt()).isEqualTo((store.live().size() + 99) / 100);
        List<String> definitions = new ArrayList<>();
        store.properties.forEach(p -> definitions.add(p.name() + ":" + p.type() + ":" + p.fieldType()));
        assertThat(read.path("properties").path(store.apiName())).extracting(JsonNode::asText)
            .containsExactlyElementsOf(definitions);
      }
      assertThat(read.path("properties").path("contacts")).extracting(JsonNode::asText).contains(
          "ferry_interests:enumeration:checkbox", "ferry_is_vip:bool:booleancheckbox", "ferry_signup_day:date:date",
          "ferry_last_seen_at:datetime:date", "ferry_loyalty_points:number:number", "ferry_mobile:phone_number:phonenumber");
      assertThat(read.path("archived").path("contacts")).hasSize(1);
      assertThat(read.path("firstContact").path("ferry_interests").asText()).contains(";");
      assertThat(read.path("firstContactCreatedAt").asText()).startsWith("2025-");

      JsonNode search = read.path("search");
      long expected = account.store("contacts").live().stream()
          .filter(r -> "customer".equals(r.properties().get("lifecyclestage"))
              && r.properties().get("createdate").compareTo("2025-04-01T00:00:00Z") >= 0).count();
      assertThat(search.path("total").asLong()).isEqualTo(expected).isGreaterThan(100);
      assertThat(search.path("ids")).hasSize(100);
      assertThat(search.path("stages")).extracting(JsonNode::asText).containsExactly("customer");
      List<String> created = new ArrayList<>();
      search.path("created").forEach(n -> created.add(n.asText()));
      assertThat(created).isSortedAccordingTo((a, b) -> b.compareTo(a));
      Set<String> distinct = new TreeSet<>();
      search.path("ids").forEach(n -> distinct.add(n.asText()));
      assertThat(distinct).as("the second page continues the first").hasSize(100);

      HubSpotModel.AssociationPair companyContact = HubSpotModel.ASSOCIATIONS.get(0);
      assertThat(read.path("associations")).isNotEmpty();
      boolean labelled = false;
      for (JsonNode association : read.path("associations")) {
        String company = association.path("from").asText();
        Set<String> contacts = new TreeSet<>();
        association.path("to").forEach(n -> contacts.add(n.asText()));
        assertThat(contacts).isEqualTo(new TreeSet<>(account.associations(companyContact, "companies", company).keySet()));
        labelled |= association.path("labels").toString().contains("USER_DEFINED");
        assertThat(association.path("labels").toString()).contains("HUBSPOT_DEFINED:280:");
      }
      assertThat(labelled).as("some company-contact links carry a label").isTrue();
      JsonNode dealCompanies = read.path("dealCompanies");
      assertThat(dealCompanies.path("companies")).extracting(JsonNode::asText).containsExactlyElementsOf(
          account.associations(HubSpotModel.ASSOCIATIONS.get(1), "deals", dealCompanies.path("deal").asText()).keySet());

      assertThat(read.path("owners")).hasSize(account.owners().size());
      assertThat(read.path("pipelines")).extracting(JsonNode::asText)
          .containsExactly("default:appointmentscheduled,qualifiedtobuy,presentationscheduled,contractsent,closedwon,closedlost",
              "partners:partners_new,partners_won,partners_lost");
      assertThat(read.path("schemas")).extracting(JsonNode::asText).containsExactly("2-7654321:pets:8");
    }
  }
}
