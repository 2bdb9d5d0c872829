package dev.ferry.sync.source.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sandbox.hubspot.HubSpotAccount;
import dev.ferry.testing.TestPostgres;
import dev.ferry.vendor.hubspot.HubSpotModel;
import dev.ferry.vendor.hubspot.HubSpotModel.AssociationPair;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Compares synced HubSpot tables with the sandbox account, record for record and link for link. */
final class HubSpotComparison {
  private HubSpotComparison() {}

  static void assertMatches(String url, String schema, HubSpotAccount account) throws SQLException {
    Map<String, String> tables = Map.of("companies", "company", "contacts", "contact", "deals", "deal", "tickets", "ticket",
        "line_items", "line_item", "products", "product", "quotes", "quote", HubSpotAccount.CUSTOM_OBJECT, "pet");
    for (HubSpotAccount.ObjectStore store : account.stores()) {
      String table = tables.get(store.apiName());
      Set<String> expected = new TreeSet<>();
      store.live().forEach(r -> expected.add(r.id()));
      assertThat(new TreeSet<>(TestPostgres.column(url, "SELECT id FROM " + schema + "." + table))).as(table).isEqualTo(expected);
    }
    Set<String> expectedContacts = new HashSet<>();
    for (HubSpotAccount.CrmRecord contact : account.store("contacts").live()) {
      Map<String, String> p = contact.properties();
      expectedContacts.add(String.join("|", contact.id(), String.valueOf(p.get("email")), String.valueOf(p.get("hubspot_owner_id")),
          p.get("ferry_loyalty_points") == null ? "null" : new java.math.BigDecimal(p.get("ferry_loyalty_points")).toPlainString(),
          p.get("ferry_interests") == null ? "null" : "{" + p.get("ferry_interests").replace(';', ',') + "}",
          String.valueOf(p.get("ferry_signup_day")), String.valueOf(p.get("ferry_is_vip")),
          p.get("ferry_merged_object_ids") == null ? "null" : p.get("ferry_merged_object_ids")));
    }
    assertThat(new HashSet<>(TestPostgres.column(url, "SELECT concat_ws('|', id, coalesce(email, 'null'), coalesce(owner_id, 'null'),"
        + " coalesce(ferry_loyalty_points::text, 'null'), coalesce(ferry_interests::text, 'null'),"
        + " coalesce(ferry_signup_day::text, 'null'), coalesce(ferry_is_vip::text, 'null'), 'null') FROM " + schema + ".contact")))
        .as("contacts, typed").isEqualTo(expectedContacts);
    for (AssociationPair pair : HubSpotAccount.associationPairs()) {
      String first = tables.get(pair.first());
      String second = tables.get(pair.second());
      Set<String> expected = account.linkKeys(pair);
      assertThat(new TreeSet<>(TestPostgres.column(url, "SELECT " + first + "_id || '/' || " + second + "_id FROM " + schema + "." + first + "_" + second)))
          .as(first + "_" + second).isEqualTo(new TreeSet<>(expected));
    }
    assertThat(TestPostgres.column(url, "SELECT count(*) FROM " + schema + ".owner")).containsExactly(String.valueOf(account.owners().size()));
    List<String> stages = new ArrayList<>();
    for (String objectType : HubSpotModel.PIPELINE_OBJECTS) {
      account.pipelines(objectType).forEach(p -> p.stages().forEach(s -> stages.add(p.id() + "/" + s.id())));
    }
    assertThat(TestPostgres.column(url, "SELECT pipeline_id || '/' || id FROM " + schema + ".pipeline_stage")).containsExactlyInAnyOrderElementsOf(stages);
  }
}
