package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.db.DatabaseUrl;
import dev.ferry.errors.ExitCodes;
import dev.ferry.testing.HangGuard;
import dev.ferry.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user meets in the first hour, each in a cold {@code ferry} process: a bare {@code
 * ferry}, typos, files that cannot be read or written, connections that fail. Every failure is one
 * line in the user's words, with the system's or server's reason and its own exit code.
 */
class FirstHourTest {
  private static String url;

  @TempDir Path dir;

  @BeforeAll
  static void createDatabase() {
    url = TestPostgres.newDatabase("first_hour");
    TestPostgres.execute(url, "CREATE SCHEMA app; CREATE TABLE app.thing (id int PRIMARY KEY);");
  }

  record Outcome(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private Outcome ferry(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return ferryIn(dir, env, args);
  }

  private Outcome ferryIn(Path workingFolder, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.ferry.Ferry"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile())
        .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("STRIPE_") || k.equals("DATABASE_URL"));
    builder.environment().putAll(env);
    Process child = builder.start();
    assertThat(child.waitFor(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES)).isTrue();
    return new Outcome(child.exitValue(), Files.readString(dir.resolve("stdout.txt")), Files.readString(dir.resolve("stderr.txt")));
  }

  private Outcome ferry(String... args) throws IOException, InterruptedException {
    return ferry(Map.of(), args);
  }

  @Test
  void ferryWithoutACommandPrintsItsUsageOnStderrAndIsAUsageError() throws Exception {
    Outcome bare = ferry();
    assertThat(bare.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bare.out()).isEmpty();
    assertThat(bare.err()).startsWith("ferry: ferry needs a command\nUsage: ferry").contains("inspect", "generate", "sync");
    assertThat(ferry("bench").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aMistypedCommandOrOptionGetsTheClosestOne() throws Exception {
    Outcome command = ferry("inspcet");
    assertThat(command.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(command.err()).isEqualTo("ferry: unknown command 'inspcet'; did you mean 'inspect'? (see 'ferry --help')\n");
    Outcome option = ferry("inspect", "--schmea", "stripe");
    assertThat(option.err()).isEqualTo("ferry: unknown option '--schmea'; did you mean '--schema'? (see 'ferry inspect --help')\n");
    Outcome secret = ferry("sync", "--api-kye", "sk_live_FirstHourKey99");
    assertThat(secret.err()).isEqualTo("ferry: unknown option '--api-kye'; did you mean '--api-key'? (see 'ferry sync --help')\n");
  }

  @Test
  void adviceMentioningASecretIsPrintedWhole() throws Exception {
    Outcome serve = ferry(Map.of("DATABASE_URL", url, "STRIPE_API_KEY", "sk_test_FirstHour1"), "serve", "stripe");
    assertThat(serve.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(serve.err()).isEqualTo(
        "ferry: no webhook signing secret: set STRIPE_WEBHOOK_SECRET, or use --webhook-secret-file or --webhook-secret\n");
  }

  @Test
  void aConfigFileThatIsNotThereSaysWhy() throws Exception {
    Outcome missing = ferry("inspect", "--database-url", url, "--schema", "app", "--config", "nowhere.yaml");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG);
    assertThat(missing.err()).isEqualTo("ferry: cannot read nowhere.yaml: No such file or directory\n");
  }

  @Test
  void anOutputFolderThatCannotBeWrittenIsOneLineWithTheSystemsReasonAndItsOwnCode() throws Exception {
    Files.writeString(dir.resolve("a-file"), "not a folder");
    Outcome notAFolder = ferry("generate", "sql", "--database-url", url, "--schema", "app", "--out", "a-file/out");
    assertThat(notAFolder.exitCode()).isEqualTo(ExitCodes.CANNOT_WRITE);
    assertThat(notAFolder.errLines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("ferry: cannot write ").contains("a-file/out/db/ferry/app.sql").endsWith(": Not a directory"));
    Outcome proc = ferry("generate", "sql", "--database-url", url, "--schema", "app", "--out", "/proc/ferry-out");
    assertThat(proc.exitCode()).isEqualTo(ExitCodes.CANNOT_WRITE);
    assertThat(proc.errLines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("ferry: cannot write /proc/ferry-out/").doesNotContain("Exception").doesNotContain("unexpected"));
  }

  @Test
  void theUserOfAJdbcUrlWithoutAHostIsHonouredAndEveryLoginFailureNamesTheUserTried() throws Exception {
    assertThat(DatabaseUrl.parse("jdbc:postgresql:nc_app?user=postgres").user()).isEqualTo("postgres");
    assertThat(DatabaseUrl.parse("jdbc:postgresql:nc_app?user=postgres").databaseName()).isEqualTo("nc_app");
    URI server = URI.create(url.replace("postgres://", "http://"));
    String stranger = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres?user=nobody_here";
    Outcome login = ferry("inspect", "--database-url", stranger);
    assertThat(login.exitCode()).isEqualTo(ExitCodes.AUTH_FAILED);
    assertThat(login.err()).isEqualTo("ferry: authentication failed for localhost:" + server.getPort()
        + "/postgres as nobody_here: check the user and password\n");
  }

  @Test
  void aHostThatDoesNotResolveIsSaidInWords() throws Exception {
    Outcome unknown = ferry("inspect", "--database-url", "postgres://app@nosuchhost.invalid/shop");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.CANNOT_CONNECT);
    assertThat(unknown.err()).isEqualTo(
        "ferry: cannot connect to nosuchhost.invalid:5432/shop: unknown host nosuchhost.invalid (the name does not resolve)\n");
  }

  @Test
  void anApiBaseNobodyListensOnFailsAfterAFewAttemptsNamingTheHost() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Outcome sync = ferry(Map.of("DATABASE_URL", url, "STRIPE_API_KEY", "sk_test_FirstHour2"),
        "sync", "stripe", "--api-base", "http://127.0.0.1:" + closed + "/");
    assertThat(sync.exitCode()).isEqualTo(ExitCodes.CANNOT_CONNECT);
    assertThat(sync.errLines()).singleElement().asString()
        .contains("after 3 attempts: cannot connect to 127.0.0.1:" + closed + " (connection refused)");
  }

  @Test
  void withoutOutGenerateWritesIntoTheProjectAsItsToolsFindItAndRefusesAFolderThatIsNone() throws Exception {
    Path app = Files.createDirectories(dir.resolve("app"));
    Files.writeString(app.resolve("package.json"), "{}\n");
    Path deep = Files.createDirectories(app.resolve("src/models"));
    Outcome prisma = ferryIn(deep, Map.of("DATABASE_URL", url), "generate", "prisma", "--schema", "app");
    assertThat(prisma.exitCode()).as(prisma.err()).isZero();
    assertThat(app.resolve("prisma/schema/app.prisma")).isRegularFile();
    assertThat(deep.resolve("prisma")).doesNotExist();

    Path elsewhere = Files.createDirectories(dir.resolve("not-a-project"));
    Outcome refused = ferryIn(elsewhere, Map.of("DATABASE_URL", url), "generate", "ecto", "--schema", "app");
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).isEqualTo("ferry: no project to write into: no mix.exs in " + elsewhere + " or above; pass --out DIR\n");
    try (var files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
  }
}
