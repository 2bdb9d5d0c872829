package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Lower floors never import upper ones: the command line sits on top; errors and word tools are leaves. */
class LayersTest {
  private static final Path MAIN = Path.of("src/main/java/dev/ferry");

  @Test
  void onlyTheCommandLineImportsTheCommandLine() {
    assertThat(importsOf("dev.ferry.cli")).filteredOn(i -> !i.startsWith("cli/") && !i.startsWith("Ferry.java")).isEmpty();
  }

  @Test
  void errorsAndWordToolsImportNothingOfFerry() {
    assertThat(importsOf("dev.ferry")).filteredOn(i -> i.startsWith("errors/") || i.startsWith("words/")).isEmpty();
  }

  @Test
  void theCatalogAndRelationshipsNeverImportNaming() {
    assertThat(importsOf("dev.ferry.naming")).filteredOn(i -> i.startsWith("relations/") || i.startsWith("catalog/")).isEmpty();
  }

  /** Every "file: import" line of main code that imports from the given package. */
  private static List<String> importsOf(String pkg) {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(f -> f.toString().endsWith(".java")).flatMap(file -> {
        try {
          return Files.readAllLines(file).stream()
              .filter(line -> line.startsWith("import " + pkg + ".") || line.startsWith("import static " + pkg + "."))
              .map(line -> MAIN.relativize(file) + ": " + line.trim());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
