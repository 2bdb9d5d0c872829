package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;

import dev.ferry.db.Secrets;
import java.util.List;
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
public final class FerryCommand implements java.util.concurrent.Callable<Integer> {
  @Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces on errors (secrets stay redacted).")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return FerryCommand.missingCommand(spec);
  }

  /** A command that only groups subcommands, run without one: its usage on stderr, and a usage error. */
  static int missingCommand(CommandLine.Model.CommandSpec spec) {
    CommandLine commandLine = spec.commandLine();
    commandLine.getErr().println("ferry: " + spec.qualifiedName() + " needs a command");
    commandLine.usage(commandLine.getErr());
    commandLine.getErr().flush();
    return ExitCodes.USAGE;
  }

  /**
   * Runs {@code ferry args} as the process does: a Ctrl-C (or SIGTERM) before the command is done
   * prints {@code ferry: interrupted}, even while the command is blocked (say, in the embedded
   * Postgres starting) and cannot notice; the JVM then exits 130.
   */
  public static int runProcess(String[] args) {
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (!done.get()) {
        ErrorReporter.sayInterrupted(err);
      }
    }, "ferry-interrupted"));
    int code = newCommandLine().execute(args);
    done.set(true);
    return code;
  }

  /** A fully configured command line: subcommands, error handling and exit codes. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new FerryCommand());
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    commandLine.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine cmd = ex.getCommandLine();
          Secrets.registerOptionValues(args);
          cmd.getErr().println("ferry: " + Secrets.redact(describe(ex)) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
          cmd.getErr().flush();
          return ExitCodes.USAGE;
        });
    return commandLine;
  }

  /** picocli's message, except for a mistyped command or option: that one, with picocli's closest match. */
  private static String describe(CommandLine.ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
      return ex.getMessage();
    }
    // only the first word: the ones after it may be the mistyped option's value (a key, a password)
    String word = unmatched.getUnmatched().get(0);
    String what = word.startsWith("-") ? "unknown option"
        : ex.getCommandLine().getSubcommands().isEmpty() ? "unexpected argument" : "unknown command";
    List<String> suggestions = unmatched.getSuggestions();
    return what + " '" + word + "'" + (suggestions.isEmpty() ? "" : "; did you mean '" + suggestions.get(0) + "'?");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = FerryCommand.class.getPackage().getImplementationVersion();
      return new String[] {"ferry " + (version == null ? "dev" : version)};
    }
  }
}
