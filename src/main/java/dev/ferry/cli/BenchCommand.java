package dev.ferry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry bench}: benchmarks that print figures; each one is a subcommand. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Run a benchmark and print its figures (see the subcommands).",
    subcommands = {
      BenchInspectCommand.class,
      BenchGenerateCommand.class,
      BenchSyncCommand.class,
      BenchAccuracyCommand.class,
    })
public final class BenchCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return FerryCommand.missingCommand(spec);
  }
}
