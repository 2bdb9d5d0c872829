package dev.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root {@code ferry} command; each subcommand is its own class in this package. */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    versionProvider = FerryCommand.Version.class,
    description = "Sync SaaS API data into Postgres and generate ORM models for it.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      InspectCommand.class,
      BenchCommand.class,
      GenerateCommand.class,
      SyncCommand.class, ServeCommand.class, TablesCommand.class,
      SandboxCommand.class,
    })
public final class FerryCommand implements Runnable {
  @Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces on errors (secrets stay redacted).")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A fully configured command line: subcommands, error handling and exit codes. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new FerryCommand());
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    commandLine.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine cmd = ex.getCommandLine();
          cmd.getErr().println("ferry: " + dev.ferry.db.Secrets.redact(ex.getMessage()) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
          cmd.getErr().flush();
          return ExitCodes.USAGE;
        });
    return commandLine;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = FerryCommand.class.getPackage().getImplementationVersion();
      return new String[] {"ferry " + (version == null ? "dev" : version)};
    }
  }
}
