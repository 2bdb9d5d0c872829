package dev.ferry.cli;

import dev.ferry.cli.ColdRuns.Command;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands the cold benchmarks run: Ferry as its launcher starts it, and the peers installed by
 * the project ({@code compat/kysely}: kysely-codegen; {@code compat/prisma}: Prisma 7's {@code db
 * pull}). The database URL reaches every child through {@code DATABASE_URL}, never its arguments.
 */
final class ColdCommands {
  /**
   * The JVM options of the {@code ./ferry} launcher ({@code LauncherTest} keeps the two equal): a
   * short-lived CLI gains nothing from the optimizing compiler (C2 costs more CPU than it saves
   * before the process ends) nor from a concurrent collector's threads.
   */
  static final List<String> LAUNCHER_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
      "-Xms32m", "-Xmn24m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

  private ColdCommands() {}

  /**
   * Ferry with the given JVM options, started the way {@code java -jar ferry.jar} is (the class
   * path of this process, so the built classes when run from the build), plus the launcher's
   * class-data archive for the command when one sits beside the jar.
   */
  static Command ferry(String label, List<String> javaOptions, String databaseUrl, List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.addAll(javaOptions);
    classDataArchive(args.get(0)).ifPresent(archive -> {
      argv.add("-XX:SharedArchiveFile=" + archive);
      argv.add("-Xlog:cds=off");
    });
    argv.addAll(List.of("-cp", absoluteClassPath(), "dev.ferry.Ferry"));
    argv.addAll(args);
    return new Command(label, argv, Map.of("DATABASE_URL", databaseUrl));
  }

  /** This process's class path with every entry absolute, as the children run in a scratch folder. */
  private static String absoluteClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  /** Splits a {@code --java-options} value into options; an empty value is a plain JVM. */
  static List<String> options(String value) {
    return value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
  }

  /** The archive {@code ./ferry} makes for a command ({@code target/ferry-<command>.jsa}), if it exists. */
  private static Optional<Path> classDataArchive(String command) {
    return codeLocation()
        .filter(location -> location.toString().endsWith(".jar"))
        .map(jar -> jar.resolveSibling("ferry-" + command + ".jsa"))
        .filter(archive -> Files.isRegularFile(archive) && archive.toFile().lastModified() >= jarModified());
  }

  private static long jarModified() {
    return codeLocation().map(path -> path.toFile().lastModified()).orElse(Long.MAX_VALUE);
  }

  private static Optional<Path> codeLocation() {
    try {
      return Optional.of(Path.of(ColdCommands.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code compat/<tool>} of the Ferry clone this runs from (found upwards from the jar or classes), if any. */
  static Optional<Path> compat(String tool) {
    for (Path dir = codeLocation().orElse(Path.of("").toAbsolutePath()); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("compat").resolve(tool))) {
        return Optional.of(dir.resolve("compat").resolve(tool));
      }
    }
    return Optional.empty();
  }

  /**
   * kysely-codegen over the benchmark schema, writing its types into {@code outDir}; empty (and
   * says why) when {@code compat/kysely} is not installed.
   */
  static Optional<Command> kyselyCodegen(String databaseUrl, String schema, Path outDir, PrintWriter out) {
    Optional<Path> bin = compat("kysely").map(dir -> dir.resolve("node_modules/.bin/kysely-codegen")).filter(Files::isExecutable);
    if (bin.isEmpty()) {
      out.println("  kysely-codegen is not installed: 'bash compat/kysely/install.sh' installs it; Ferry runs alone");
      return Optional.empty();
    }
    return Optional.of(new Command("kysely-codegen", List.of(bin.get().toString(), "--dialect", "postgres",
        "--include-pattern", schema + ".*", "--out-file", outDir.resolve("db.d.ts").toString()),
        Map.of("DATABASE_URL", databaseUrl)));
  }

  /**
   * Prisma 7's introspection ({@code prisma db pull}) of the benchmark schema, when it works here:
   * one probe run must print a model. Without its native schema engine (downloaded on first use,
   * which a machine without access to Prisma's servers cannot do) it prints nothing and exits 0, so
   * the probe says why it is left out instead of timing a no-op.
   */
  static Optional<Command> prismaDbPull(String databaseUrl, String schema, Path projectDir, PrintWriter out) throws Exception {
    Optional<Path> bin = compat("prisma").map(dir -> dir.resolve("node_modules/.bin/prisma")).filter(Files::isExecutable);
    if (bin.isEmpty()) {
      out.println("  Prisma 7 is not installed: 'bash compat/prisma/install.sh' installs it; left out");
      return Optional.empty();
    }
    Files.createDirectories(projectDir.resolve("prisma"));
    Files.writeString(projectDir.resolve("prisma/schema.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n  schemas  = [\"" + schema + "\"]\n}\n");
    Files.writeString(projectDir.resolve("prisma.config.ts"),
        "export default { schema: 'prisma/schema.prisma', datasource: { url: process.env.DATABASE_URL } };\n");
    Command pull = new Command("prisma db pull", List.of(bin.get().toString(), "db", "pull", "--print"),
        Map.of("DATABASE_URL", databaseUrl, "PRISMA_HIDE_UPDATE_MESSAGE", "1", "CHECKPOINT_DISABLE", "1"));
    ProcessBuilder probe = new ProcessBuilder(pull.argv()).directory(projectDir.toFile()).redirectErrorStream(true);
    probe.environment().putAll(pull.env());
    Process process = probe.start();
    String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (exit != 0 || !printed.contains("model ")) {
      String reason = printed.lines().filter(line -> !line.isBlank()).reduce((first, second) -> second).orElse("no output");
      out.println("  Prisma 7's introspection is left out: 'prisma db pull --print' printed no model (exit code " + exit
          + ": " + dev.ferry.db.Secrets.redact(reason.strip()) + "); it needs Prisma's native schema engine");
      return Optional.empty();
    }
    return Optional.of(pull);
  }
}
