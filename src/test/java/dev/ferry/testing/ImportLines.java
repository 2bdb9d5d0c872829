package dev.ferry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The import lines of the Java sources under a folder, for tests that hold the code's layering. */
public final class ImportLines {
  private ImportLines() {}

  /** Every {@code "file: line"} under {@code root} whose import line matches {@code wanted}. */
  public static List<String> under(Path root, Predicate<String> wanted) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).flatMap(file -> {
        try {
          return Files.readAllLines(file).stream()
              .filter(line -> line.startsWith("import ") && wanted.test(line))
              .map(line -> root.relativize(file) + ": " + line.trim());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
