package dev.ferry.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void readsALibpqStylePostgresUrl() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://alice:secret1@db.example.com:6543/shop");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/shop");
    assertThat(url.user()).isEqualTo("alice");
    assertThat(url.password()).isEqualTo("secret1");
    assertThat(url.databaseName()).isEqualTo("shop");
    assertThat(url.properties()).containsEntry("user", "alice").containsEntry("password", "secret1");
  }

  @Test
  void readsThePostgresqlSchemeAndDefaultsThePort() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://bob@localhost/app");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app");
    assertThat(url.user()).isEqualTo("bob");
    assertThat(url.password()).isNull();
  }

  @Test
  void readsAJdbcUrlWithCredentialsInTheQuery() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://pg.internal:5433/warehouse?user=etl&password=p%26ss&ssl=true");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://pg.internal:5433/warehouse");
    assertThat(url.user()).isEqualTo("etl");
    assertThat(url.password()).isEqualTo("p&ss");
    assertThat(url.parameters()).containsExactlyEntriesOf(java.util.Map.of("ssl", "true"));
  }

  @Test
  void readsAJdbcUrlWithoutAHost() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql:reports");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/reports");
  }

  @Test
  void decodesAPercentEncodedPasswordHoldingAtSignsColonsAndPlus() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://carol:p%40ss%3Aw+rd%2F1@db:5432/x");
    assertThat(url.user()).isEqualTo("carol");
    assertThat(url.password()).isEqualTo("p@ss:w+rd/1");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/x");
  }

  @Test
  void keepsSslmodeAndMapsLibpqParameterNames() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://u:pw12@h/d?sslmode=require&connect_timeout=3&application_name=etl");
    assertThat(url.parameters()).containsEntry("sslmode", "require");
    assertThat(url.properties())
        .containsEntry("sslmode", "require")
        .containsEntry("connectTimeout", "3")
        .containsEntry("ApplicationName", "etl");
  }

  @Test
  void bracketsAnIpv6Host() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://u@[::1]:5433/d");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/d");
    assertThat(url.display()).isEqualTo("[::1]:5433/d");
  }

  @Test
  void usesTheUserNameWhenTheDatabaseIsMissingAsLibpqDoes() {
    assertThat(DatabaseUrl.parse("postgres://dave@h:5432").databaseName()).isEqualTo("dave");
    assertThat(DatabaseUrl.parse("postgres://dave@h:5432/").databaseName()).isEqualTo("dave");
    assertThat(DatabaseUrl.parse("postgres://h").databaseName()).isEqualTo("postgres");
    assertThat(DatabaseUrl.parse("postgres://h?dbname=other").databaseName()).isEqualTo("other");
  }

  @Test
  void keepsDatabaseNamesWithSpacesAndUnicode() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://u@h/my%20d%C3%A9b");
    assertThat(url.databaseName()).isEqualTo("my déb");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/my%20d%C3%A9b");
  }

  @Test
  void neverShowsThePasswordWhenPrinted() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://erin:hunter2-secret@h/d");
    assertThat(url.toString()).isEqualTo("DatabaseUrl[h:5432/d as erin]").doesNotContain("hunter2");
    assertThat(Secrets.redact("failed with hunter2-secret")).isEqualTo("failed with ****");
  }

  @Test
  void rejectsAMissingUrlAsAUsageError() {
    assertThatThrownBy(() -> DatabaseUrl.parse(null))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessageContaining("pass --database-url or set DATABASE_URL");
    assertThatThrownBy(() -> DatabaseUrl.parse("  ")).isInstanceOf(FerryException.class);
  }

  @Test
  void rejectsOtherSchemesWithoutEchoingTheUrl() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:topsecret9@h/d"))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessageNotContaining("topsecret9");
  }

  @Test
  void rejectsAnUnencodedAtSignInThePasswordInsteadOfConnectingToLocalhost() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://frank:pa@ss@db.example.com:5432/x"))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessageStartingWith("malformed database URL")
        .hasMessageContaining("%40")
        .hasMessageNotContaining("pa@ss");
  }

  @Test
  void rejectsSeveralHosts() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:pw123456@h1:5432,h2:5432/d"))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessage("malformed database URL: several hosts are not supported; give one host"
            + " (expected postgres://user:pass@host:port/db)");
  }

  @Test
  void rejectsABadPortAndBrokenSyntax() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u@h:notaport/d"))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u@h/d b"))
        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessageStartingWith("malformed database URL");
  }
}
