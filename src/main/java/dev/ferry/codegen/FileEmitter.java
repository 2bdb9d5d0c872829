package dev.ferry.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes generated files under an output folder, honouring each file's {@link GeneratedFile.Ownership}:
 * FERRY files are rewritten whole, REGIONS files get only their generated regions replaced (see
 * {@link Regions}), ONCE files are written only when absent. A file whose bytes would not change is
 * not touched. In check mode nothing is written; the outcomes say which files are stale.
 */
public final class FileEmitter {
  private final Path outputDir;
  private final boolean check;

  public FileEmitter(Path outputDir, boolean check) {
    this.outputDir = outputDir;
    this.check = check;
  }

  /** What happened (or, in check mode, would happen) to one file. */
  public enum Status {
    CREATED,
    UPDATED,
    UNCHANGED,
    /** A ONCE file that already exists: left to the user. */
    KEPT;

    /** True when the file on disk differs from what Ferry would write. */
    public boolean stale() {
      return this == CREATED || this == UPDATED;
    }
  }

  public record Outcome(String path, Status status) {}

  public List<Outcome> emit(List<GeneratedFile> files) {
    List<Outcome> outcomes = new ArrayList<>();
    for (GeneratedFile file : files) {
      outcomes.add(new Outcome(file.path(), emit(file)));
    }
    return outcomes;
  }

  private Status emit(GeneratedFile file) {
    Path target = outputDir.resolve(file.path()).normalize();
    if (!target.startsWith(outputDir.normalize())) {
      throw new GenerationException(file.path() + ": path leaves the output folder");
    }
    try {
      boolean exists = Files.exists(target);
      if (exists && file.ownership() == GeneratedFile.Ownership.ONCE) {
        return Status.KEPT;
      }
      byte[] wanted = contentFor(file, target, exists).getBytes(StandardCharsets.UTF_8);
      if (exists && java.util.Arrays.equals(Files.readAllBytes(target), wanted)) {
        return Status.UNCHANGED;
      }
      if (!check) {
        Files.createDirectories(target.getParent());
        Files.write(target, wanted);
      }
      return exists ? Status.UPDATED : Status.CREATED;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static String contentFor(GeneratedFile file, Path target, boolean exists) throws IOException {
    if (file.ownership() == GeneratedFile.Ownership.REGIONS && exists) {
      return Regions.merge(file.path(), Files.readString(target, StandardCharsets.UTF_8), file.content());
    }
    return file.content();
  }
}
