package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.ImportLines;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sync side's hard boundaries: sources speak HTTP and never SQL; the writer speaks SQL and never HTTP. */
class SyncBoundariesTest {
  private static final Path MAIN = Path.of("src/main/java/dev/ferry/sync");

  @Test
  void sourcesNeverImportJavaSqlOrTheEngineOrTheWriter() {
    assertThat(offending(MAIN.resolve("source"), List.of("java.sql", "javax.sql", "dev.ferry.sync.engine", "dev.ferry.sync.writer", "org.postgresql")))
        .isEmpty();
  }

  @Test
  void theWriterNeverImportsJavaNetOrTheSources() {
    assertThat(offending(MAIN.resolve("writer"), List.of("java.net", "dev.ferry.sync.source", "dev.ferry.sync.engine", "com.sun.net")))
        .isEmpty();
  }

  @Test
  void commandsReachSourcesOnlyThroughTheProviderRegistrySoANewSourceTouchesNothingElse() {
    // demo, bench and sandbox run the Stripe sandbox on purpose; the commands a user syncs with do not name a source
    for (String command : List.of("SyncCommand.java", "ServeCommand.java", "TablesCommand.java", "SyncSources.java", "options")) {
      assertThat(offending(Path.of("src/main/java/dev/ferry/cli").resolve(command), List.of("dev.ferry.sync.source.stripe")))
          .as(command).isEmpty();
    }
    assertThat(dev.ferry.sync.source.SourceProvider.names()).contains("stripe");
  }

  private static List<String> offending(Path root, List<String> forbidden) {
    return ImportLines.under(root, line -> forbidden.stream().anyMatch(f -> line.contains(f + ".")));
  }
}
