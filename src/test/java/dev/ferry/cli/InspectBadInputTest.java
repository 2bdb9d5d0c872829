package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.EmbeddedDatabase;
import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import dev.ferry.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way {@code ferry inspect} can be pointed at the wrong place ends with one line on stderr
 * starting {@code ferry: }, a distinct exit code, no stack trace, and no password anywhere.
 */
class InspectBadInputTest {
  private static final String PASSWORD = "Corr3ct-Horse-Battery";
  private static final String WRONG_PASSWORD = "Wr0ng-Horse-Staple";

  /** A server of its own, so requiring passwords does not affect the shared test server. */
  private static EmbeddedDatabase passwordServer;

  private static String url;

  @BeforeAll
  static void setUp() throws IOException {
    url = TestPostgres.newDatabase("bad_input");
    TestPostgres.execute(url, "CREATE SCHEMA app; CREATE TABLE app.thing (id int PRIMARY KEY); CREATE SCHEMA hollow;");

    passwordServer = EmbeddedDatabase.start();
    String superuser = passwordServer.url("postgres");
    TestPostgres.execute(superuser, "CREATE ROLE inspector LOGIN PASSWORD '" + PASSWORD + "'");
    // the superuser stays trusted (so this test can administer the server); everyone else needs a password
    Files.writeString(
        passwordServer.dataDirectory().resolve("pg_hba.conf"),
        """
        local all all trust
        host all postgres 127.0.0.1/32 trust
        host all postgres ::1/128 trust
        host all all 127.0.0.1/32 scram-sha-256
        host all all ::1/128 scram-sha-256
        """);
    TestPostgres.execute(superuser, "SELECT pg_reload_conf()");
  }

  @AfterAll
  static void stopPasswordServer() {
    passwordServer.close();
  }

  private static Run inspect(String... args) {
    List<String> full = new ArrayList<>(List.of("inspect"));
    full.addAll(List.of(args));
    return Cli.run(full);
  }

  /** The shape every failure shares; returns the message after "ferry: ". */
  private static String oneLineError(Run outcome, int expectedCode, String... secrets) {
    assertThat(outcome.exit()).as(outcome.err()).isEqualTo(expectedCode);
    assertThat(outcome.out()).isEmpty();
    List<String> lines = outcome.err().lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("ferry: ").doesNotContain("Exception").doesNotContain("\tat ");
    for (String secret : secrets) {
      assertThat(outcome.err()).doesNotContain(secret);
      assertThat(outcome.out()).doesNotContain(secret);
    }
    return lines.get(0).substring("ferry: ".length());
  }

  @Test
  void withoutAnyDatabaseUrlItSaysHowToGiveOneAndExitsWithUsage() {
    // the test JVM has no DATABASE_URL, so the option is the only source
    assertThat(System.getenv("DATABASE_URL")).isNull();
    assertThat(oneLineError(inspect(), ExitCodes.USAGE)).contains("--database-url").contains("DATABASE_URL");
    assertThat(oneLineError(inspect("--database-url", ""), ExitCodes.USAGE)).contains("--database-url");
  }

  @Test
  void aMalformedUrlIsAUsageErrorThatDoesNotEchoThePassword() {
    assertThat(oneLineError(inspect("--database-url", "postgres://me:" + PASSWORD + "@host:port/db"), ExitCodes.USAGE, PASSWORD))
        .startsWith("malformed database URL");
    assertThat(oneLineError(inspect("--database-url", "mysql://me:" + PASSWORD + "@host/db"), ExitCodes.USAGE, PASSWORD))
        .startsWith("unsupported database URL");
  }

  @Test
  void anUnreachableHostCannotConnect() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String message =
        oneLineError(
            inspect("--database-url", "postgres://me:" + PASSWORD + "@127.0.0.1:" + closedPort + "/db"),
            ExitCodes.CANNOT_CONNECT,
            PASSWORD);
    assertThat(message).startsWith("cannot connect to 127.0.0.1:" + closedPort + "/db");
  }

  @Test
  void debugAddsTheStackTraceButNeverThePassword() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String target = "postgres://me:" + PASSWORD + "@127.0.0.1:" + closedPort + "/db";

    oneLineError(inspect("--database-url", target), ExitCodes.CANNOT_CONNECT, PASSWORD);

    Run run = Cli.run("--debug", "inspect", "--database-url", target);
    assertThat(run.exit()).isEqualTo(ExitCodes.CANNOT_CONNECT);
    List<String> lines = run.err().lines().toList();
    assertThat(lines.get(0)).startsWith("ferry: cannot connect to 127.0.0.1:" + closedPort + "/db");
    assertThat(lines).hasSizeGreaterThan(2).anyMatch(line -> line.startsWith("\tat dev.ferry."));
    assertThat(lines.get(1)).contains("FerryException");
    assertThat(run.err()).doesNotContain(PASSWORD);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aWrongPasswordFailsAuthenticationWithoutPrintingIt() {
    String target = "@localhost:" + passwordServer.port() + "/postgres";
    String message =
        oneLineError(
            inspect("--database-url", "postgres://inspector:" + WRONG_PASSWORD + target),
            ExitCodes.AUTH_FAILED,
            WRONG_PASSWORD);
    assertThat(message)
        .isEqualTo("authentication failed for localhost:" + passwordServer.port() + "/postgres as inspector: check the user and password");
  }

  @Test
  void aMissingPasswordFailsAuthenticationToo() {
    String message =
        oneLineError(
            inspect("--database-url", "postgres://inspector@localhost:" + passwordServer.port() + "/postgres"),
            ExitCodes.AUTH_FAILED);
    assertThat(message).startsWith("authentication failed for localhost:" + passwordServer.port() + "/postgres as inspector");
  }

  @Test
  void theRightPasswordGetsPastAuthentication() {
    // proves the two tests above fail on the password, not on the server setup
    Run outcome =
        inspect("--database-url", "postgres://inspector:" + PASSWORD + "@localhost:" + passwordServer.port() + "/postgres",
            "--schema", "nowhere");
    assertThat(outcome.exit()).as(outcome.err()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(outcome.err()).doesNotContain(PASSWORD);
  }

  @Test
  void anUnknownDatabaseIsNotFound() {
    String unknown = url.substring(0, url.lastIndexOf('/') + 1) + "no_such_database";
    assertThat(oneLineError(inspect("--database-url", unknown), ExitCodes.NOT_FOUND))
        .startsWith("database \"no_such_database\" does not exist on localhost:");
  }

  @Test
  void anUnknownSchemaIsNotFoundAndListsTheSchemasThatExist() {
    assertThat(oneLineError(inspect("--database-url", url, "--schema", "stripe"), ExitCodes.NOT_FOUND))
        .isEqualTo("schema \"stripe\" does not exist (available: app, hollow, public)");
  }

  @Test
  void aSchemaWithoutTablesIsNotFound() {
    assertThat(oneLineError(inspect("--database-url", url, "--schema", "hollow"), ExitCodes.NOT_FOUND))
        .isEqualTo("schema \"hollow\" has no tables");
    assertThat(oneLineError(inspect("--database-url", url, "--schema", "app", "--table-prefix", "stripe_"), ExitCodes.NOT_FOUND))
        .isEqualTo("schema \"app\" has no tables starting with \"stripe_\"");
  }

  @Test
  void aMistypedOptionDoesNotEchoThePasswordOfTheUrlAfterIt() {
    assertThat(oneLineError(inspect("--databse-url", "postgres://me:" + PASSWORD + "@h/db"), ExitCodes.USAGE, PASSWORD))
        .contains("--databse-url");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    assertThat(oneLineError(inspect("--database-url", url, "--format", "yaml"), ExitCodes.USAGE)).contains("--format");
  }

  @Test
  void wellFormedInputSucceeds() {
    Run outcome = inspect("--database-url", url, "--schema", "app");
    assertThat(outcome.exit()).as(outcome.err()).isEqualTo(ExitCodes.OK);
    assertThat(outcome.out()).contains("== app.thing (table)");
    assertThat(outcome.err()).isEmpty();
  }
}
