package dev.ferry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The {@code ./ferry} launcher's class-data archive of a command. On the command's first run after
 * a build, the launcher has the JVM list the classes it loads ({@code -XX:DumpLoadedClassList}) and
 * names the list and the archive in the properties below; once the command has succeeded, this dumps
 * a static archive from the list, which later runs map instead of loading and verifying those classes.
 * A static archive, unlike the JVM's at-exit one, also takes classes compiled for Java 6 and older
 * (picocli's, about 170 of them).
 */
final class ClassDataArchive {
  static final String LIST_PROPERTY = "ferry.loadedClassList";
  static final String ARCHIVE_PROPERTY = "ferry.classDataArchive";

  private ClassDataArchive() {}

  /**
   * When the launcher asked for an archive: dumps it if the command succeeded (a failed one may have
   * stopped before loading most of its classes), and removes the list either way. Failing to dump
   * only leaves the command without an archive, and its next run lists its classes again.
   */
  static void finish(boolean succeeded) {
    String list = System.getProperty(LIST_PROPERTY);
    String archive = System.getProperty(ARCHIVE_PROPERTY);
    if (list == null || archive == null) {
      return;
    }
    if (!succeeded) {
      deleteQuietly(Path.of(list));
      return;
    }
    Path target = Path.of(archive);
    Path partial = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
    try {
      Process dump = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + partial,
              "-cp", System.getProperty("java.class.path")))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (dump.waitFor() == 0) {
        // another first run may be dumping too: each writes its own file and the last move wins whole
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      // no archive (see above)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deleteQuietly(partial);
      deleteQuietly(Path.of(list));
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stray file in target/ is harmless
    }
  }
}
