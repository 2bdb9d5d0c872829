package dev.ferry.relations.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.words.Words;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordsAndNamesTest {
  @Test
  void identifiersSplitIntoLowerWordsWhateverTheirSpelling() {
    assertThat(Words.split("customer_id")).containsExactly("customer", "id");
    assertThat(Words.split("customerId")).containsExactly("customer", "id");
    assertThat(Words.split("CustomerID")).containsExactly("customer", "id");
    assertThat(Words.split("MediaTypeId")).containsExactly("media", "type", "id");
    assertThat(Words.split("HTTPRequest_log")).containsExactly("http", "request", "log");
    assertThat(Words.split("order line 2")).containsExactly("order", "line", "2");
    assertThat(Words.snake("InvoiceLine")).isEqualTo("invoice_line");
  }

  @Test
  void columnStemsDropTheIdSuffix() {
    assertThat(PlaceholderNames.stem("default_payment_method_id")).isEqualTo("default_payment_method");
    assertThat(PlaceholderNames.stem("TrackId")).isEqualTo("track");
    assertThat(PlaceholderNames.stem("tax_rate_ids")).isEqualTo("tax_rates");
    assertThat(PlaceholderNames.stem("id")).isEqualTo("id");
  }

  @Test
  void dottedNamesSplitOnDotsOutsideDoubleQuotes() {
    assertThat(DottedName.split("stripe.customer.id")).contains(List.of("stripe", "customer", "id"));
    assertThat(DottedName.split("\"my.schema\".\"Invoice\"\"Line\".id")).contains(List.of("my.schema", "Invoice\"Line", "id"));
    assertThat(DottedName.split("a..b")).isEmpty();
    assertThat(DottedName.split("\"unclosed.b")).isEmpty();
    assertThat(DottedName.split("a.")).isEmpty();
  }

  @Test
  void anIdPrefixIsTheLeadingLettersAndFirstUnderscore() {
    assertThat(Samples.prefixOf("cus_NffrFeUfNV2Hib")).contains("cus_");
    assertThat(Samples.prefixOf("cs_test_a1b2")).contains("cs_");
    assertThat(Samples.prefixOf("SUMMER25")).isEmpty();
    assertThat(Samples.prefixOf("42")).isEmpty();
    assertThat(Samples.prefixOf("_x")).isEmpty();
  }

  @Test
  void commentDeclarationsAreFoundOnAnyLine() {
    assertThat(DeclaredRule.declaration("ID of the customer.\n  ferry:references=stripe.customer.id  ")).contains("stripe.customer.id");
    assertThat(DeclaredRule.declaration("no declaration")).isEmpty();
    assertThat(DeclaredRule.declaration(null)).isEmpty();
  }
}
