package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import dev.ferry.testing.HangGuard;
import dev.ferry.testing.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ferry ...} / {@code ./ferry ...} line in a fenced block of README.md and docs/**.md is
 * run by {@code bash}, exactly as written, in a child process: a new command in the docs is picked
 * up on its own and fails here if it does not work. The rules:
 *
 * <ul>
 *   <li>Blocks tagged {@code text} are synopses and output, never run. Every other fence (sh, bash,
 *       shell, console, untagged) is scanned; prisma, elixir, ruby, sql, json, yaml and ts blocks hold
 *       no commands.
 *   <li>In a {@code console} block a command is a {@code $ } line; the lines after it up to the next
 *       {@code $ } are its exact output (stdout and stderr), and {@code $ echo $?} then the number
 *       is its documented exit code. Elsewhere a command must exit 0.
 *   <li>{@code --watch}, {@code serve} and {@code sandbox} run until stopped: each is run until it
 *       says it is ready and poked ({@code serve} gets a signed webhook, which must be answered 200),
 *       then left running, as in another terminal, while the file's later commands run (they may use
 *       it); after the file's last command it gets SIGINT (Ctrl-C) and must exit 130.
 *   <li>{@code export NAME=...} lines say what the user sets; the test sets the same variables to the
 *       embedded Postgres and the local Stripe sandbox. A variable the test cannot provide fails.
 * </ul>
 *
 * Commands of one file run in document order in one working folder against one database; {@code
 * ./ferry} is the project's own launcher script running the {@code target/ferry.jar} that {@code mvn
 * verify} has just packaged (this class is an integration test for that reason), and {@code ferry} on
 * the {@code PATH} calls it.
 */
class DocsCommandsIT {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Set<String> NOT_SHELL = Set.of("text", "prisma", "elixir", "ruby", "sql", "json", "yaml", "ts", "js", "diff");
  private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)\\s*([\\w+-]*).*$");
  private static final Pattern COMMAND = Pattern.compile("^(?:\\./)?ferry(?:\\s.*)?$");
  private static final Pattern EXPORT = Pattern.compile("^export\\s+([A-Z_][A-Z0-9_]*)=.*$");
  /** Put after the last line of output, so a wait for a line ends when the process does. */
  private static final String END = "\u0000end of output";
  private static final String WEBHOOK_SECRET = "whsec_docsCommandsTestSecret0123";

  private static StripeSandbox sandbox;

  @TempDir static Path work;

  record Command(Path file, int line, String text, int exitCode, List<String> output) {
    String where() {
      return ROOT.relativize(file) + ":" + line + ": `" + text + "`";
    }

    /** The command without its trailing comment. */
    String words() {
      return text.replaceFirst("\\s+#.*$", "");
    }

    boolean runsUntilStopped() {
      return words().contains("--watch") || words().matches("^(?:\\./)?ferry\\s+(serve|sandbox)\\b.*");
    }

    /** A sync or serve: one writer per destination, so another one still running must be stopped first. */
    boolean writes() {
      return words().matches("^(?:\\./)?ferry\\s+(sync|serve)\\b.*");
    }
  }

  @BeforeAll
  static void startSandbox() throws IOException {
    Path jar = ROOT.resolve("target/ferry.jar");
    assertThat(jar).as("run by `mvn verify`, after the jar is packaged").isRegularFile();
    try (Stream<Path> sources = Files.walk(ROOT.resolve("src/main"))) {
      FileTime built = Files.getLastModifiedTime(jar);
      assertThat(sources.filter(p -> uncheckedTime(p).compareTo(built) > 0).toList())
          .as("sources newer than target/ferry.jar: the launcher would rebuild it; run `mvn verify`").isEmpty();
    }
    sandbox = new StripeSandbox(SandboxData.generate(42, 40)).start();
  }

  private static FileTime uncheckedTime(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @TestFactory
  Stream<DynamicNode> everyCommandInTheDocsRunsAsWritten() throws IOException {
    List<DynamicNode> files = new ArrayList<>();
    for (Path file : documents()) {
      List<Command> commands = commands(file);
      if (commands.isEmpty()) {
        continue;
      }
      Path folder = Files.createDirectories(work.resolve(ROOT.relativize(file).toString().replaceAll("[^A-Za-z0-9]+", "_")));
      Environment environment = new Environment(folder, TestPostgres.newDatabase("docs_" + file.getFileName()));
      List<DynamicNode> steps = new ArrayList<>(
          commands.stream().map(c -> DynamicTest.dynamicTest("line " + c.line() + ": " + c.text(), () -> environment.run(c))).toList());
      steps.add(DynamicTest.dynamicTest("Ctrl-C stops what still runs", environment::stopServers));
      files.add(DynamicContainer.dynamicContainer(ROOT.relativize(file).toString(), steps));
    }
    return files.stream();
  }

  /** The parser is what keeps new commands from slipping through, so it is pinned down too. */
  @Test
  void commandsAreFoundInEveryShellFenceWithTheirDocumentedOutcome() throws IOException {
    Path doc = work.resolve("sample.md");
    Files.writeString(doc, """
        ```sh
        export DATABASE_URL=postgres://localhost/app   # your database
        ./ferry inspect --schema stripe    # a comment
        mvn -B verify
        ```

        ```text
        ferry inspect [--schema S]...
        ```

        ```
        ferry generate all --out x
        ```

        ```console
        $ ferry inspect --schema stirpe
        ferry: schema "stirpe" does not exist
        $ echo $?
        5
        ```
        """);
    assertThat(commands(doc)).containsExactly(
        new Command(doc, 3, "./ferry inspect --schema stripe    # a comment", 0, null),
        new Command(doc, 12, "ferry generate all --out x", 0, null),
        new Command(doc, 16, "ferry inspect --schema stirpe", 5, List.of("ferry: schema \"stirpe\" does not exist")));
  }

  private static List<Path> documents() throws IOException {
    List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    return documents;
  }

  /** The commands of one Markdown file; fails on an export the test cannot provide. */
  static List<Command> commands(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Command> commands = new ArrayList<>();
    String language = null; // null: outside a fence
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher fence = FENCE.matcher(line);
      if (fence.matches()) {
        language = language == null ? fence.group(2) : null;
        continue;
      }
      if (language == null || NOT_SHELL.contains(language)) {
        continue;
      }
      String text = line.strip();
      if (language.equals("console")) {
        if (!text.startsWith("$ ") || !COMMAND.matcher(text.substring(2)).matches()) {
          continue;
        }
        List<String> output = new ArrayList<>();
        int exitCode = 0;
        int next = i + 1;
        for (; next < lines.size() && !lines.get(next).strip().startsWith("$ ") && !FENCE.matcher(lines.get(next)).matches(); next++) {
          output.add(lines.get(next));
        }
        if (next + 1 < lines.size() && lines.get(next).strip().equals("$ echo $?")) {
          exitCode = Integer.parseInt(lines.get(next + 1).strip());
        }
        commands.add(new Command(file, i + 1, text.substring(2), exitCode, output));
        continue;
      }
      Matcher export = EXPORT.matcher(text);
      if (export.matches() && !Environment.PROVIDED.contains(export.group(1))) {
        fail(file + ":" + (i + 1) + ": the docs tell the user to set " + export.group(1)
            + ", which DocsCommandsTest cannot provide (it provides " + Environment.PROVIDED + ")");
      }
      if (COMMAND.matcher(text).matches()) {
        commands.add(new Command(file, i + 1, text, 0, null));
      }
    }
    return commands;
  }

  /** A user's shell: a working folder, `ferry` on the PATH and `./ferry` in it, the variables the docs set. */
  static final class Environment {
    static final List<String> PROVIDED = List.of("DATABASE_URL", "STRIPE_API_KEY", "STRIPE_API_BASE", "STRIPE_WEBHOOK_SECRET");

    private final Path clone;
    private final Path bin;
    private final String databaseUrl;

    Environment(Path folder, String databaseUrl) throws IOException {
      this.clone = Files.createDirectories(folder.resolve("ferry"));
      this.bin = Files.createDirectories(folder.resolve("bin"));
      this.databaseUrl = databaseUrl;
      // the clone holds the real launcher beside the checkout's sources and packaged jar, so `./ferry` runs as in a
      // user's clone (and bench accuracy finds the corpus); pom.xml keeps its time, or the launcher would rebuild
      Files.copy(ROOT.resolve("ferry"), clone.resolve("ferry"), StandardCopyOption.COPY_ATTRIBUTES);
      Files.copy(ROOT.resolve("pom.xml"), clone.resolve("pom.xml"), StandardCopyOption.COPY_ATTRIBUTES);
      Files.createSymbolicLink(clone.resolve("src"), ROOT.resolve("src"));
      Files.createSymbolicLink(clone.resolve("target"), ROOT.resolve("target"));
      Path onPath = Files.writeString(bin.resolve("ferry"), "#!/bin/sh\nexec '" + clone.resolve("ferry") + "' \"$@\"\n");
      Files.setPosixFilePermissions(onPath, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    void run(Command command) throws Exception {
      if (command.writes()) {
        // as a user would: Ctrl-C the watcher or server in the other terminal before the next writer starts
        stop(running -> running.command().writes());
      }
      ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", command.text()).directory(clone.toFile()).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.put("PATH", bin + ":" + env.get("PATH"));
      env.put("DATABASE_URL", databaseUrl);
      env.put("STRIPE_API_KEY", sandbox.apiKey());
      env.put("STRIPE_API_BASE", sandbox.baseUrl());
      env.put("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET);
      env.put("FERRY_JAVA_OPTS", "-Xmx512m"); // two JVMs run the rest of the suite beside it
      env.remove("TERM");
      Process process = builder.start();
      boolean keepRunning = false;
      try {
        keepRunning = run(command, process);
      } finally {
        if (!keepRunning) {
          // a failed command must not keep running (a server would hold its port for the next one)
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      }
    }

    /** Servers and watchers still running, as in another terminal, until the file's commands are done. */
    private final List<Running> servers = new ArrayList<>();

    private record Running(Command command, Process process, Thread reader, BlockingQueue<String> lines, List<String> output) {}

    /** Ctrl-C to each server and watcher the file started: each must stop with exit code 130. */
    void stopServers() throws Exception {
      stop(running -> true);
    }

    private void stop(java.util.function.Predicate<Running> which) throws Exception {
      List<String> failures = new ArrayList<>();
      List<Running> stopping = servers.stream().filter(which).toList();
      for (Running running : stopping) {
        signal(running.process(), "INT");
        if (!running.process().waitFor(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES)) {
          running.process().descendants().forEach(ProcessHandle::destroyForcibly);
          running.process().destroyForcibly();
          failures.add(running.command().where() + " did not stop on Ctrl-C");
          continue;
        }
        running.reader().join();
        running.lines().drainTo(running.output());
        running.output().remove(END);
        if (running.process().exitValue() != 130) {
          failures.add(running.command().where() + " exited " + running.process().exitValue() + " on Ctrl-C, expected 130. Output:\n"
              + String.join("\n", running.output()));
        }
      }
      servers.removeAll(stopping);
      if (!failures.isEmpty()) {
        fail(String.join("\n", failures));
      }
    }

    /** Runs a command to its end; true when it is a server left running for the commands after it. */
    private boolean run(Command command, Process process) throws Exception {
      process.getOutputStream().close();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          in.lines().forEach(lines::add);
        } catch (IOException e) {
          lines.add("(reading the output failed: " + e.getMessage() + ")");
        }
        lines.add(END);
      });
      reader.start();
      List<String> output = new ArrayList<>();
      int expected = command.exitCode();
      if (command.runsUntilStopped()) {
        awaitReady(command, process, lines, output);
        servers.add(new Running(command, process, reader, lines, output));
        return true;
      }
      if (!process.waitFor(HangGuard.LIMIT.toMinutes(), TimeUnit.MINUTES)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        fail(command.where() + " did not finish within 10 minutes; output so far:\n" + String.join("\n", output));
      }
      reader.join();
      lines.drainTo(output);
      output.remove(END);
      String shown = String.join("\n", output);
      if (process.exitValue() != expected) {
        fail(command.where() + " exited " + process.exitValue() + ", the docs say " + expected + ". Output:\n" + shown);
      }
      if (command.output() != null && !command.output().equals(output)) {
        fail(command.where() + " printed other lines than the docs show.\nDocs:\n" + String.join("\n", command.output())
            + "\nActual:\n" + shown);
      }
      return false;
    }

    /** Reads lines until the command says it is ready, then pokes it as a user would. */
    private void awaitReady(Command command, Process process, BlockingQueue<String> lines, List<String> output) throws Exception {
      Pattern ready = Pattern.compile("listening on (http://[^\\s,]+)|watching for changes");
      while (true) {
        String line = lines.poll(5, TimeUnit.MINUTES);
        if (line == null || line.equals(END)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          fail(command.where() + " never said it was ready (a 'listening on http://...' or 'watching for changes' line). Output:\n"
              + String.join("\n", output));
        }
        output.add(line);
        Matcher matcher = ready.matcher(line);
        if (!matcher.find()) {
          continue;
        }
        if (matcher.group(1) != null && command.words().matches(".*\\bserve\\b.*")) {
          int status = deliverSignedWebhook(matcher.group(1));
          if (status != 200) {
            fail(command.where() + ": a webhook signed with $STRIPE_WEBHOOK_SECRET got HTTP " + status + ", expected 200. Output:\n"
                + String.join("\n", output));
          }
        }
        return;
      }
    }

    /** An event of a type Ferry does not sync, signed as Stripe documents: v1 = HMAC-SHA256(secret, t + "." + body). */
    private static int deliverSignedWebhook(String url) throws Exception {
      String body = "{\"id\":\"evt_docs\",\"object\":\"event\",\"type\":\"docs.ping\",\"created\":"
          + (System.currentTimeMillis() / 1000) + ",\"data\":{\"object\":{\"id\":\"ping_1\",\"object\":\"ping\"}}}";
      long timestamp = System.currentTimeMillis() / 1000;
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
      HttpRequest request = HttpRequest.newBuilder(URI.create(url.replace("0.0.0.0", "127.0.0.1")))
          .header("Stripe-Signature", "t=" + timestamp + ",v1=" + signature)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Ctrl-C reaches every process of the command (bash may or may not have exec'd Java). */
    private static void signal(Process process, String signal) throws Exception {
      List<String> pids = new ArrayList<>(List.of(String.valueOf(process.pid())));
      process.descendants().forEach(p -> pids.add(String.valueOf(p.pid())));
      List<String> kill = new ArrayList<>(List.of("kill", "-" + signal));
      kill.addAll(pids);
      new ProcessBuilder(kill).inheritIO().start().waitFor();
    }
  }
}
