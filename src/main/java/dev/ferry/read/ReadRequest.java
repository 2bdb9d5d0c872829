package dev.ferry.read;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to read: the schemas to inspect (in order of preference when a name exists in several), the
 * table prefix to limit to ("" for none), whether to sample column values as extra evidence, and
 * the ferry.yaml to apply (empty: {@code ./ferry.yaml} when present).
 */
public record ReadRequest(List<String> schemas, String tablePrefix, boolean sample, Optional<Path> configFile) {
  public ReadRequest {
    schemas = List.copyOf(schemas);
    tablePrefix = tablePrefix == null ? "" : tablePrefix;
    configFile = configFile == null ? Optional.empty() : configFile;
  }

  public static ReadRequest of(String... schemas) {
    return new ReadRequest(List.of(schemas), "", false, Optional.empty());
  }

  public ReadRequest withSample(boolean sampleValues) {
    return new ReadRequest(schemas, tablePrefix, sampleValues, configFile);
  }

  public ReadRequest withTablePrefix(String prefix) {
    return new ReadRequest(schemas, prefix, sample, configFile);
  }

  public ReadRequest withConfigFile(Path file) {
    return new ReadRequest(schemas, tablePrefix, sample, Optional.of(file));
  }
}
