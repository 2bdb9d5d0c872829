package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the launcher's first run of a command leads to, with the real JVM: Ferry dumps a static archive
 * from the listed classes, and the JVM's own class-loading log shows a later run taking Ferry's and
 * picocli's classes from it. The JVM archives classes from jars only, so the built classes are jarred.
 */
class ClassDataArchiveTest {
  @Test
  void aSuccessfulFirstRunLeavesAnArchiveThatLaterRunsMap(@TempDir Path dir) throws Exception {
    String classPath = jarredClassPath(dir);
    Path list = dir.resolve("ferry-version.1.classlist");
    Path archive = dir.resolve("ferry-version.jsa");

    Run first = java(List.of("-XX:DumpLoadedClassList=" + list, "-D" + ClassDataArchive.LIST_PROPERTY + "=" + list,
        "-D" + ClassDataArchive.ARCHIVE_PROPERTY + "=" + archive, "-cp", classPath, "dev.ferry.Ferry", "--version"));
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(archive).isNotEmptyFile();
    assertThat(list).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
    }

    // -Xshare:on: the JVM refuses to start rather than run without an archive it cannot map
    Run later = java(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info",
        "-cp", classPath, "dev.ferry.Ferry", "--version"));
    assertThat(later.exitCode()).as(later.output()).isZero();
    assertThat(later.output()).contains("ferry ")
        .contains("dev.ferry.cli.FerryCommand source: shared objects file")
        .contains("picocli.CommandLine source: shared objects file");
  }

  @Test
  void aFailedFirstRunLeavesNoArchiveAndNoList(@TempDir Path dir) throws Exception {
    Path list = dir.resolve("ferry-nosuch.1.classlist");
    Path archive = dir.resolve("ferry-nosuch.jsa");
    Run failed = java(List.of("-XX:DumpLoadedClassList=" + list, "-D" + ClassDataArchive.LIST_PROPERTY + "=" + list,
        "-D" + ClassDataArchive.ARCHIVE_PROPERTY + "=" + archive, "-cp", jarredClassPath(dir), "dev.ferry.Ferry", "nosuch"));
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(dev.ferry.errors.ExitCodes.USAGE);
    assertThat(archive).doesNotExist();
    assertThat(list).doesNotExist();
  }

  private record Run(int exitCode, String output) {}

  private static Run java(List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), output);
  }

  /** The main classes as a jar, then the dependencies' jars: this test JVM's class path without folders. */
  private static String jarredClassPath(Path dir) throws Exception {
    Path classes = Path.of(ClassDataArchive.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = dir.resolve("ferry.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
        Files.copy(file, jarOut);
        jarOut.closeEntry();
      }
    }
    List<String> entries = new ArrayList<>(List.of(jar.toString()));
    Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> entry.endsWith(".jar"))
        .forEach(entries::add);
    return entries.stream().collect(Collectors.joining(File.pathSeparator));
  }
}
