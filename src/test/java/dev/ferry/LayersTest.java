package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.ImportLines;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lower floors never import upper ones: the command line sits on top; errors and word tools are leaves. */
class LayersTest {
  private static final Path MAIN = Path.of("src/main/java/dev/ferry");

  @Test
  void onlyTheCommandLineImportsTheCommandLine() {
    List<String> imports = importsOf("dev.ferry.cli");
    assertThat(imports).as("the scan sees the entry point's own import").anyMatch(i -> i.startsWith("Ferry.java"));
    assertThat(imports).filteredOn(i -> !i.startsWith("cli/") && !i.startsWith("Ferry.java")).isEmpty();
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
    return ImportLines.under(MAIN, line -> line.startsWith("import " + pkg + ".") || line.startsWith("import static " + pkg + "."));
  }
}
