package dev.ferry.naming;

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
  })
  void pluralAndSingularRoundTrip(String singular, String plural) {
    assertThat(Inflector.plural(singular)).isEqualTo(plural);
    assertThat(Inflector.singular(plural)).isEqualTo(singular);
    assertThat(Inflector.singular(singular)).isEqualTo(singular);
  }
}
