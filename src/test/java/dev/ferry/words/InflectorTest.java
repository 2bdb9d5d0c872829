package dev.ferry.words;


import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InflectorTest {
  @ParameterizedTest
  @CsvSource({
    "customer, customers",
    "subscription_item, subscription_items",
    "invoice_line_item, invoice_line_items",
    "tax_rate, tax_rates",
    "person, people",
    "category, categories",
    "status, statuses",
    "address, addresses",
    "InvoiceLine, InvoiceLines",
    "child, children",
    "balance_transaction, balance_transactions",
    "response, responses",
    "invoice, invoices",
    "analysis, analyses",
    "alias, aliases",
    "movie, movies",
    "box, boxes",
    "batch, batches",
    "cause, causes",
    "house, houses",
    "bonus, bonuses",
    "database, databases",
    "archive, archives",
    "leaf, leaves",
    "index, indices",
    "city, cities",
  })
  void pluralAndSingularRoundTrip(String singular, String plural) {
    assertThat(Inflector.plural(singular)).isEqualTo(plural);
    assertThat(Inflector.singular(plural)).isEqualTo(singular);
    assertThat(Inflector.singular(singular)).isEqualTo(singular);
  }

  @ParameterizedTest
  @CsvSource({"metadata", "data", "news", "series", "staff", "equipment", "schema", "area", "media"})
  void uncountableAndSingularWordsEndingLikePluralsStayAsTheyAre(String word) {
    assertThat(Inflector.singular(word)).isEqualTo(word);
    assertThat(Inflector.isPlural(word)).isFalse();
  }
}
