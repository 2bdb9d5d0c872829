package dev.ferry.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.HangGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {
  @Test
  void aServerRemovedAfterExitServesThenLeavesNoFolderOnceStopped() throws Exception {
    Path folder;
    try (EmbeddedDatabase server = EmbeddedDatabase.startRemovedAfterExit()) {
      folder = server.dataDirectory().getParent();
      try (Connection connection = Database.of(server.url("postgres")).connect();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE many_files");
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'many_files'")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getInt(1)).isEqualTo(1);
        }
      }
      assertThat(folder.getFileName().toString()).startsWith("ferry-pg-");
      assertThat(Files.isDirectory(folder)).isTrue();
    }
    // close() hands the folder to a detached rm and returns: wait for that process's work, not for a time
    for (long polls = 0; Files.exists(folder) && polls < HangGuard.LIMIT.toMillis() / 20; polls++) {
      Thread.sleep(20);
    }
    assertThat(folder).doesNotExist();
  }
}
