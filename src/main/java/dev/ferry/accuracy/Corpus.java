package dev.ferry.accuracy;

import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One corpus folder: {@code schema.sql} (DDL without FOREIGN KEY constraints) and {@code truth.tsv}
 * (the references known to be true), laid out as in {@code src/test/resources/corpus/real}. The
 * schemas to inspect are the ones schema.sql creates. An application's corpus may also have
 * {@code names.tsv}, the association names its developers chose ({@link NameScore}).
 */
public record Corpus(String name, String schemaSql, List<String> schemas, List<Finding> truth, List<NameScore.Declaration> names) {
  private static final Pattern CREATE_SCHEMA = Pattern.compile("(?im)^CREATE SCHEMA (?:IF NOT EXISTS )?\"?([^\";\\s]+)\"?");

  public Corpus {
    schemas = List.copyOf(schemas);
    truth = List.copyOf(truth);
    names = List.copyOf(names);
  }

  /** Every corpus under {@code dir} (each sub-folder with a truth.tsv), by name. */
  public static List<Corpus> in(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new FerryException(ExitCodes.USAGE, "no corpus folder at " + dir + "; pass --corpus DIR");
    }
    List<Corpus> corpora = new ArrayList<>();
    try (Stream<Path> folders = Files.list(dir)) {
      for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("truth.tsv"))).sorted().toList()) {
        corpora.add(read(folder));
      }
    } catch (IOException e) {
      throw new FerryException(ExitCodes.USAGE, "cannot read the corpus folder " + dir + ": " + e.getMessage());
    }
    if (corpora.isEmpty()) {
      throw new FerryException(ExitCodes.USAGE, dir + " holds no corpus (a folder with schema.sql and truth.tsv)");
    }
    return corpora;
  }

  static Corpus read(Path folder) throws IOException {
    String sql = Files.readString(folder.resolve("schema.sql"), StandardCharsets.UTF_8);
    List<String> schemas = new ArrayList<>();
    Matcher m = CREATE_SCHEMA.matcher(sql);
    while (m.find()) {
      schemas.add(m.group(1));
    }
    List<String> lines = Files.readAllLines(folder.resolve("truth.tsv"), StandardCharsets.UTF_8);
    List<Finding> truth = lines.stream().skip(1).filter(l -> !l.isBlank()).map(Finding::parse).toList();
    if (schemas.isEmpty()) {
      truth.stream().map(Finding::schema).distinct().forEach(schemas::add);
    }
    return new Corpus(folder.getFileName().toString(), sql, schemas, truth, NameScore.read(folder));
  }
}
