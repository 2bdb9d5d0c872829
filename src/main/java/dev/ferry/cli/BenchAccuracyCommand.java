package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;

import dev.ferry.errors.FerryException;

import dev.ferry.relations.inference.Cardinality;
import dev.ferry.accuracy.AccuracyRun;
import dev.ferry.accuracy.Corpus;
import dev.ferry.accuracy.Finding;
import dev.ferry.accuracy.Findings;
import dev.ferry.accuracy.NameScore;
import dev.ferry.accuracy.Score;
import dev.ferry.db.Database;
import dev.ferry.db.EmbeddedDatabase;
import dev.ferry.inspect.JsonReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ferry bench accuracy}: relationship inference scored against corpora of real schemas with
 * known references (see src/test/resources/corpus/real/README.md), beside the naive
 * {@code <x>_id → x/xs} rule.
 */
@Command(
    name = "accuracy",
    mixinStandardHelpOptions = true,
    description = {
      "Score relationship inference on schemas with known references: names only, and with a few sampled rows per table,"
          + " beside the naive <x>_id -> x/xs rule.",
      "Each corpus (a folder with schema.sql and truth.tsv) is loaded into a scratch database, created and dropped on the "
          + "server of --database-url, else on an embedded Postgres.",
    })
public final class BenchAccuracyCommand implements Callable<Integer> {
  @Option(names = "--corpus", paramLabel = "DIR",
      description = "Folder of corpora (default: ${DEFAULT-VALUE}, the copy in Ferry's sources).")
  Path corpus = Path.of("src/test/resources/corpus/real");

  @Option(names = "--database-url", paramLabel = "URL",
      description = "Postgres server to create the scratch databases on (DATABASE_URL is deliberately not read).")
  String databaseUrl;

  @Option(names = "--details", description = "Also list the missed, wrong-target and extra references of each corpus.")
  boolean details;

  @Option(names = "--found", paramLabel = "DIR",
      description = "Write what was found as <corpus>.names.tsv, <corpus>.sampled.tsv and <corpus>.naive.tsv (truth.tsv's format),"
          + " and the names-only model as <corpus>.names.json (ferry inspect --format json).")
  Path foundDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<Corpus> corpora = Corpus.in(corpus);
    if (databaseUrl != null) {
      return bench(Database.of(databaseUrl), corpora);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting an embedded Postgres...");
    out.flush();
    try (EmbeddedDatabase embedded = EmbeddedDatabase.start()) {
      return bench(Database.of(embedded.url("postgres")), corpora);
    }
  }

  private int bench(Database server, List<Corpus> corpora) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%-24s %-8s %6s %6s %7s %6s %6s %6s %9s %7s %7s%n",
        "corpus", "rule", "truth", "found", "correct", "wrong", "extra", "missed", "precision", "recall", "silent");
    Score naive = Score.ZERO;
    Score names = Score.ZERO;
    Score sampled = Score.ZERO;
    int silentNames = 0;
    int silentSampled = 0;
    List<String> naming = new ArrayList<>();
    NameScore namesChosen = NameScore.ZERO;
    for (Corpus c : corpora) {
      AccuracyRun.Result result = AccuracyRun.run(server, c);
      out.println(line(c.name(), "naive", result.naive(), ""));
      out.println(line("", "names", result.names(), String.valueOf(result.silentNames().size())));
      out.println(line("", "sampled", result.sampled(), String.valueOf(result.silentSampled().size()))
          + String.format(Locale.ROOT, "   (rows in %d of %d tables)", result.tablesWithRows(), result.tables()));
      if (details) {
        details(out, "names", result.names(), result.silentNames());
        details(out, "sampled", result.sampled(), result.silentSampled());
      }
      out.flush();
      write(c.name() + ".names.tsv", Findings.of(result.namesModel()));
      write(c.name() + ".sampled.tsv", Findings.of(result.sampledModel()));
      write(c.name() + ".naive.tsv", Findings.naive(result.namesModel().catalog()));
      writeLines(c.name() + ".names.json", List.of(JsonReport.render(result.namesModel())));
      if (!c.names().isEmpty()) {
        naming.add(nameLine(c.name(), result.naming()));
        namesChosen = namesChosen.plus(result.naming());
        if (details) {
          result.naming().forward().misses().forEach(m -> naming.add("    forward " + m));
          result.naming().back().misses().forEach(m -> naming.add("    back    " + m));
        }
      }
      naive = naive.plus(result.naive());
      names = names.plus(result.names());
      sampled = sampled.plus(result.sampled());
      silentNames += result.silentNames().size();
      silentSampled += result.silentSampled().size();
    }
    out.println(line("TOTAL", "naive", naive, ""));
    out.println(line("", "names", names, String.valueOf(silentNames)));
    out.println(line("", "sampled", sampled, String.valueOf(silentSampled)));
    out.println("silent: missed references that are not among the unresolved columns either");
    if (!naming.isEmpty()) {
      out.println();
      out.printf(Locale.ROOT, "%-24s %-8s %6s %6s %7s %7s%n", "names", "side", "scored", "exact", "ferry", "naive");
      naming.forEach(out::println);
      out.println(nameLine("TOTAL", namesChosen));
      out.println("names: relationship names equal to the ones the application's developers declared (names.tsv), names only");
      out.println("       (has_one without a unique index needs ferry.yaml or " + Cardinality.MIN_ROWS
          + "+ sampled rows per column; the bench's few synthetic rows per table decide none)");
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String nameLine(String corpus, NameScore score) {
    return sideLine(corpus, "forward", score.forward()) + System.lineSeparator() + sideLine("", "back", score.back());
  }

  private static String sideLine(String corpus, String side, NameScore.Side s) {
    return String.format(Locale.ROOT, "%-24s %-8s %6d %6d %7.3f %7.3f", corpus, side, s.scored(), s.exact(), s.rate(), s.naiveRate());
  }

  private static String line(String corpus, String rule, Score s, String silent) {
    return String.format(Locale.ROOT, "%-24s %-8s %6d %6d %7d %6d %6d %6d %9.3f %7.3f %7s",
        corpus, rule, s.truth(), s.found(), s.correct(), s.wrong(), s.extra(), s.missed(), s.precision(), s.recall(), silent);
  }

  private static void details(PrintWriter out, String rule, Score score, List<Finding> silent) {
    score.missedRows().forEach(f -> out.println("    " + rule + " missed " + (silent.contains(f) ? "(silent) " : "") + describe(f)));
    score.wrongRows().forEach(f -> out.println("    " + rule + " wrong  " + describe(f)));
    score.extraRows().forEach(f -> out.println("    " + rule + " extra  " + describe(f)));
  }

  private static String describe(Finding f) {
    return f.table() + "(" + String.join(",", f.columns()) + ") -> "
        + (f.isPolymorphic() ? String.join("|", f.polymorphicTargets()) : f.targetTable() + "(" + String.join(",", f.targetColumns()) + ")");
  }

  private void write(String file, List<Finding> found) {
    List<String> lines = new ArrayList<>();
    lines.add("schema\ttable\tcolumns\ttarget_schema\ttarget_table\ttarget_columns\tevidence");
    found.forEach(f -> lines.add(f.tsv()));
    writeLines(file, lines);
  }

  private void writeLines(String file, List<String> lines) {
    if (foundDir == null) {
      return;
    }
    try {
      Files.createDirectories(foundDir);
      Files.write(foundDir.resolve(file), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FerryException(ExitCodes.FAILURE, "cannot write " + foundDir.resolve(file) + ": " + e.getMessage());
    }
  }
}
