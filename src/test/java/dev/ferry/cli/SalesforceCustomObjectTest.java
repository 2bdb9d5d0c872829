package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.Database;
import dev.ferry.errors.ExitCodes;
import dev.ferry.sandbox.salesforce.SalesforceOrg;
import dev.ferry.sandbox.salesforce.SalesforceSandbox;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.TestPostgres;
import dev.ferry.vendor.salesforce.SObject;
import dev.ferry.vendor.salesforce.SObjectField;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A custom object the org has and Ferry's model does not: {@code Xyz__c} with a lookup
 * {@code Account__c} to Account, known only from the sandbox's describe. Added with {@code --objects},
 * it becomes a table whose lookup is a declared reference, which {@code ferry inspect} shows as a
 * relation to {@code account} in both directions.
 */
class SalesforceCustomObjectTest {
  private static SObjectField field(String name, String type, List<String> referenceTo, String relationship, boolean custom) {
    return new SObjectField(name, type, type.equals("reference") || type.equals("id") ? 18 : 80, type.equals("currency") ? 18 : 0,
        type.equals("currency") ? 2 : 0, referenceTo, relationship, null, List.of(), custom);
  }

  private static String text(String url, String sql) {
    try (Connection connection = Database.of(url).connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aCustomObjectsLookupToAccountBecomesADeclaredReferenceThatInspectShows() {
    SObject xyz = new SObject("Xyz__c", "Xyz", "Xyzs", "a0X", true, List.of(
        field("Id", "id", List.of(), null, false),
        field("IsDeleted", "boolean", List.of(), null, false),
        field("Name", "string", List.of(), null, false),
        field("Account__c", "reference", List.of("Account"), "Account__r", true),
        field("Budget__c", "currency", List.of(), null, true),
        field("CreatedDate", "datetime", List.of(), null, false),
        field("LastModifiedDate", "datetime", List.of(), null, false),
        field("SystemModstamp", "datetime", List.of(), null, false)));
    try (SalesforceSandbox sandbox = SalesforceSandbox.generated(3, 10).start()) {
      SalesforceOrg org = sandbox.org();
      org.addObject(xyz);
      String account = org.read("Account", rows -> rows.iterator().next().get("Id").toString());
      String first = org.insert("Xyz__c", Map.of("Name", "first", "Account__c", account, "Budget__c", new BigDecimal("12.50")));
      org.insert("Xyz__c", Map.of("Name", "second", "Account__c", account));
      String url = TestPostgres.newDatabase("sf_custom_object");

      Run sync = Cli.run("sync", "salesforce", "--database-url", url, "--api-base", sandbox.baseUrl(),
          "--api-key", SalesforceSandbox.CLIENT_ID + ":" + SalesforceSandbox.CLIENT_SECRET, "--rate", "1000",
          "--objects", "account,user,xyz__c");
      assertThat(sync.exit()).as(sync.err()).isEqualTo(ExitCodes.OK);
      assertThat(first).startsWith("a0X");
      assertThat(text(url, "SELECT name || '|' || account_id || '|' || budget__c FROM salesforce.xyz__c WHERE id = '"
          + first + "'")).isEqualTo("first|" + account + "|12.50");

      Run inspect = Cli.run("inspect", "--database-url", url, "--schema", "salesforce");
      assertThat(inspect.exit()).as(inspect.err()).isEqualTo(ExitCodes.OK);
      assertThat(inspect.out())
          .contains("== salesforce.xyz__c (table)")
          .contains("account → salesforce.account (account_id, evidence: declared)")
          .contains("← salesforce.xyz__c.account_id (evidence: declared)");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
