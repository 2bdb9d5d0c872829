package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;

import dev.ferry.cli.options.DatabaseOptions;
import dev.ferry.db.Database;
import dev.ferry.inspect.JsonReport;
import dev.ferry.inspect.TextReport;
import dev.ferry.read.ReadRequest;
import dev.ferry.read.ReadSide;
import dev.ferry.relations.RelationModel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ferry inspect}: prints the tables of the selected schemas and every relationship between them. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Print the tables, columns, keys and indexes of the selected schemas, with every relationship "
          + "found between them (constraints and inferred references) in both directions.",
    })
public final class InspectCommand implements Callable<Integer> {
  /** Lower case because picocli matches and lists enum values by their Java names. */
  enum Format {
    text,
    json
  }

  @Mixin DatabaseOptions databaseOptions;

  @Option(
      names = "--schema",
      paramLabel = "SCHEMA",
      description = "Schema to inspect; repeat for several (default: every user schema but ferry).")
  List<String> schemas = new ArrayList<>();

  @Option(
      names = "--table-prefix",
      paramLabel = "PREFIX",
      description = "Only tables whose names start with PREFIX (matched literally, case-sensitively).")
  String tablePrefix = "";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (for people, the default) or json (stable, see docs/inspect-json.md).")
  Format format = Format.text;

  @Option(
      names = "--sample",
      description = "Also sample column values (bounded, time-capped) and use id prefixes as evidence.")
  boolean sample;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "ferry.yaml to apply (default: ./ferry.yaml when present).")
  Path configFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Database database = databaseOptions.database();
    ReadRequest request = new ReadRequest(schemas, tablePrefix, sample, Optional.ofNullable(configFile));
    RelationModel model;
    try (Connection connection = database.connect()) {
      model = ReadSide.load(connection, database::connect, request);
    } catch (SQLException e) {
      throw database.translate(e);
    }
    SamplingWarning.printIfTimedOut(model, spec.commandLine().getErr());
    if (format == Format.json) {
      JsonReport.write(model, spec.commandLine().getOut());
    } else {
      spec.commandLine().getOut().print(TextReport.render(model));
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
