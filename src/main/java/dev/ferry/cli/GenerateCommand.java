package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;

import dev.ferry.errors.FerryException;

import dev.ferry.cli.options.DatabaseOptions;
import dev.ferry.codegen.FileEmitter;
import dev.ferry.codegen.FileEmitter.Outcome;
import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GenerationException;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.Regions;
import dev.ferry.codegen.Target;
import dev.ferry.codegen.TargetRegistry;
import dev.ferry.db.Database;
import dev.ferry.read.ReadRequest;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.RelationModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ferry generate <target>|all}: reads the database once, then renders every asked target
 * into the output folder (where each target writes is in docs/generate.md).
 */
@Command(
    name = "generate",
    description = "Generate ORM models and test migrations for the synced tables.",
    mixinStandardHelpOptions = true)
public final class GenerateCommand implements Callable<Integer> {
  /** Migrations are stamped with this unless {@code --option timestamp=...}: fixed, so reruns write identical bytes. */
  public static final String DEFAULT_TIMESTAMP = "20000101000000";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

  @Spec CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Parameters(index = "0", paramLabel = "TARGET", description = "A target id (sql, prisma, ecto, activerecord...) or 'all'.")
  String target;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Project folder to write into (default: the nearest folder, from here up, with the target's package.json, mix.exs or Gemfile).")
  Path out;

  @Option(names = "--schema", paramLabel = "S", description = "Schema to read; repeat for several (default: every user schema but ferry, as ferry inspect).")
  List<String> schemas = new ArrayList<>();

  @Option(names = "--table-prefix", paramLabel = "P", description = "Only tables named with this prefix (e.g. stripe_).")
  String tablePrefix = "";

  @Option(names = "--config", paramLabel = "FILE", description = "ferry.yaml to apply (default: ./ferry.yaml when present).")
  Path config;

  @Option(names = "--sample", description = "Sample column values as extra evidence for relationships.")
  boolean sample;

  @Option(names = "--check", description = "Write nothing; exit 1 when a generated file is missing or stale, or one no longer generated is still there.")
  boolean check;

  @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A target option (naming, model-prefix, app, namespace, timestamp...).")
  Map<String, String> options = new LinkedHashMap<>();

  @Option(names = "--naming", paramLabel = "STYLE", description = "idiomatic (default) or database: keep database names as they are.")
  String naming;

  @Option(names = "--model-prefix", paramLabel = "P", description = "Prefix for model names (e.g. Stripe → StripeCustomer), when the app has its own Customer.")
  String modelPrefix;

  @Option(names = "--app", paramLabel = "NAME", description = "Application name for Ecto modules (MyApp).")
  String app;

  @Option(names = "--namespace", paramLabel = "NAME", description = "Module or class namespace for the models.")
  String namespace;

  @Override
  public Integer call() {
    TargetRegistry registry = TargetRegistry.load();
    List<Target> targets = selectTargets(registry);
    Map<String, String> targetOptions = targetOptions();
    refuseUnreadOptions(targets, targetOptions);
    Path project = projectFolder(targets, registry);
    GenerationRequest request = new GenerationRequest(readModel(), targetOptions, timestamp(targetOptions));
    FileEmitter emitter = new FileEmitter(project, check);
    PrintWriter printer = spec.commandLine().getOut();
    boolean stale = false;
    // Every target's files are checked before any target writes; until then all but the last are held deflated.
    Map<Target, HeldFiles> held = new LinkedHashMap<>();
    List<GeneratedFile> last = List.of();
    for (Target t : targets) {
      try {
        List<GeneratedFile> files = t.generate(request);
        emitter.refuseForeignFiles(files);
        if (t == targets.get(targets.size() - 1)) {
          last = files;
        } else {
          held.put(t, HeldFiles.of(files));
        }
      } catch (java.io.UncheckedIOException e) {
        throw new FerryException(ExitCodes.CANNOT_WRITE, e.getMessage(), e);
      } catch (GenerationException e) {
        throw new FerryException(ExitCodes.FAILURE, t.id() + ": " + e.getMessage(), e);
      }
    }
    for (Target t : targets) {
      try {
        List<GeneratedFile> files = held.containsKey(t) ? held.remove(t).files() : last;
        List<Outcome> outcomes = emit(emitter, files, t.locations(request));
        printer.println(t.id() + ": " + t.summary(request, files) + " → " + describe(files, outcomes));
        for (Outcome outcome : outcomes) {
          stale |= check && outcome.status().stale();
          detail(outcome).ifPresent(printer::println);
        }
      } catch (GenerationException e) {
        throw new FerryException(ExitCodes.FAILURE, t.id() + ": " + e.getMessage(), e);
      }
    }
    printer.flush();
    return stale ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  private static List<Outcome> emit(FileEmitter emitter, List<GeneratedFile> files, List<dev.ferry.codegen.OutputLocation> locations) {
    try {
      return emitter.emit(files, locations);
    } catch (java.io.UncheckedIOException e) {
      throw new FerryException(ExitCodes.CANNOT_WRITE, e.getMessage(), e);
    }
  }

  /**
   * {@code --out}, else the project root as each ecosystem's own tools find it: the nearest folder,
   * from the working one up, holding the selected targets' project file (npm: package.json, Mix:
   * mix.exs, Bundler: Gemfile; any of them for sql). A folder that is no project is refused rather
   * than filled with prisma/ or lib/ (say, a clone of Ferry itself).
   */
  private Path projectFolder(List<Target> targets, TargetRegistry registry) {
    if (out != null) {
      return out.toAbsolutePath().normalize();
    }
    List<String> markers = targets.stream().flatMap(t -> t.projectFile().stream()).distinct().toList();
    if (markers.isEmpty()) {
      markers = registry.all().stream().flatMap(t -> t.projectFile().stream()).distinct().toList();
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path folder = here; folder != null; folder = folder.getParent()) {
      for (String marker : markers) {
        if (Files.isRegularFile(folder.resolve(marker))) {
          return folder;
        }
      }
    }
    String names = markers.size() == 1 ? markers.get(0)
        : String.join(", ", markers.subList(0, markers.size() - 1)) + " or " + markers.get(markers.size() - 1);
    throw FerryException.usage("no project to write into: no " + names + " in " + here + " or above; pass --out DIR");
  }

  private List<Target> selectTargets(TargetRegistry registry) {
    if (target.equals("all")) {
      return registry.all();
    }
    return List.of(registry.find(target).orElseThrow(() ->
        FerryException.usage("unknown target '" + target + "'; choose one of " + String.join(", ", registry.ids()) + " or all")));
  }

  private Map<String, String> targetOptions() {
    Map<String, String> merged = new LinkedHashMap<>(options);
    putIfSet(merged, "naming", naming);
    putIfSet(merged, "model-prefix", modelPrefix);
    putIfSet(merged, "app", app);
    putIfSet(merged, "namespace", namespace);
    String style = merged.getOrDefault("naming", "idiomatic");
    if (!style.equals("idiomatic") && !style.equals("database")) {
      throw FerryException.usage("--naming must be idiomatic or database, not '" + style + "'");
    }
    return merged;
  }

  /** An option no selected target reads is a typo or a misunderstanding: say so rather than ignore it. */
  private static void refuseUnreadOptions(List<Target> targets, Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!key.equals("timestamp") && targets.stream().noneMatch(t -> t.options().contains(key))) {
        String readers = targets.stream()
            .map(t -> t.id() + " takes " + String.join(", ", new java.util.TreeSet<>(t.options())) + (t.options().isEmpty() ? "" : ", ") + "timestamp")
            .collect(java.util.stream.Collectors.joining("; "));
        throw FerryException.usage("option '" + key + "' is not read by " + (targets.size() == 1 ? targets.get(0).id() : "any target")
            + " (" + readers + ")");
      }
    }
  }

  private static void putIfSet(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static Instant timestamp(Map<String, String> options) {
    String stamp = options.getOrDefault("timestamp", DEFAULT_TIMESTAMP);
    try {
      return LocalDateTime.parse(stamp, STAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw FerryException.usage("--option timestamp must look like 20240131120000 (UTC), not '" + stamp + "'");
    }
  }

  private RelationModel readModel() {
    ReadRequest request = new ReadRequest(schemas, tablePrefix, sample, Optional.ofNullable(config));
    RelationModel model;
    Database source = database.database();
    try (Connection connection = source.connect()) {
      model = ReadSide.load(connection, source::connect, request);
    } catch (SQLException e) {
      throw source.translate(e);
    }
    SamplingWarning.printIfTimedOut(model, spec.commandLine().getErr());
    return model;
  }

  /** The line under the summary for a file the user should know about, if any. */
  private Optional<String> detail(Outcome outcome) {
    String path = outcome.path();
    return Optional.ofNullable(switch (outcome.status()) {
      case CREATED -> check ? "  stale: " + path + " (missing)" : null;
      case UPDATED -> check ? "  stale: " + path : null;
      case DELETED -> check ? "  stale: " + path + " (no longer generated; ferry generate deletes it)" : "  deleted: " + path;
      case ORPHANED -> "  stale: " + path + ": its table is gone; delete it, or remove its " + Regions.BEGIN + "/" + Regions.END
          + " lines to keep your code";
      case UNCHANGED, KEPT -> null;
    });
  }

  // "prisma/schema/stripe.prisma, prisma/migrations/... (1 written, 2 unchanged, 1 deleted)"
  private String describe(List<GeneratedFile> files, List<Outcome> outcomes) {
    List<String> paths = files.stream().filter(f -> f.ownership() != GeneratedFile.Ownership.ONCE).map(GeneratedFile::path).toList();
    if (paths.isEmpty()) {
      paths = files.stream().map(GeneratedFile::path).toList();
    }
    String where = paths.isEmpty() ? "no files" : paths.size() <= 3 ? String.join(", ", paths) : paths.get(0) + " (+" + (paths.size() - 1) + " more)";
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Outcome outcome : outcomes) {
      String word = switch (outcome.status()) {
        case CREATED, UPDATED -> check ? "stale" : "written";
        case UNCHANGED -> "unchanged";
        case KEPT -> "kept";
        case DELETED -> check ? "stale" : "deleted";
        case ORPHANED -> "stale";
      };
      counts.merge(word, 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((word, n) -> parts.add(n + " " + word));
    return where + " (" + String.join(", ", parts) + ")";
  }
}
