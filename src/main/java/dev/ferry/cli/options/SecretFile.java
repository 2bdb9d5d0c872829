package dev.ferry.cli.options;

import dev.ferry.errors.FerryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a secret from a file named on the command line ({@code --api-key-file}): unlike a flag's
 * value, a file's content never shows in {@code ps}. Surrounding whitespace (the trailing newline an
 * editor or {@code echo} adds) is dropped.
 */
final class SecretFile {
  private SecretFile() {}

  static String read(String option, Path file) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw FerryException.usage("cannot read " + option + " " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw FerryException.usage("cannot read " + option + " " + file + ": permission denied");
    } catch (IOException e) {
      throw FerryException.usage("cannot read " + option + " " + file + ": " + e.getMessage());
    }
    if (content.isEmpty()) {
      throw FerryException.usage(option + " " + file + " is empty");
    }
    return content;
  }
}
