package dev.ferry.words;


import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "customer_id|customer_id",
    "customerId|customer_id",
    "CustomerID|customer_id",
    "InvoiceLine|invoice_line",
    "HTTPServer|http_server",
    "address2|address2",
    "Customer Name|customer_name",
    "say \"hi\"|say_hi",
    "__meta__|meta",
    "café|café",
    "!!!|''",
  })
  void splitsDatabaseSpellingsIntoLowerCaseWords(String raw, String words) {
    assertThat(Words.snake(raw)).isEqualTo(words);
  }
}
