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
    description = "Sync SaaS API data into Postgres and generate ORM models for it.")
public final class FerryCommand implements java.util.concurrent.Callable<Integer> {
  /** The subcommands, in the order usage lists them; {@link #newSubcommand} makes each. */
  static final List<String> COMMANDS = List.of("help", "demo", "inspect", "bench", "generate", "sync", "serve", "tables", "sandbox");

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
    int code = newCommandLine(args).execute(args);
    done.set(true);
    ClassDataArchive.finish(code == ExitCodes.OK);
    return code;
  }

  /** A fully configured command line: every subcommand, error handling and exit codes. */
  public static CommandLine newCommandLine() {
    return withSubcommands(COMMANDS);
  }

  /**
   * The command line for running {@code args}: with only the subcommand they name, when they name
   * one (picocli reflects over every option of every subcommand it is given, and a cold start paid
   * for all of them to run one); every subcommand for help, usage and a mistyped command's suggestion.
   */
  static CommandLine newCommandLine(String[] args) {
    String command = java.util.Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst().orElse("help");
    return withSubcommands(command.equals("help") || !COMMANDS.contains(command) ? COMMANDS : List.of(command));
  }

  private static CommandLine withSubcommands(List<String> names) {
    CommandLine commandLine = new CommandLine(new FerryCommand());
    names.forEach(name -> commandLine.addSubcommand(name, newSubcommand(name)));
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

  // a switch, not a table of classes: a command's class is loaded only when that command is made
  private static Object newSubcommand(String name) {
    return switch (name) {
      case "help" -> new CommandLine.HelpCommand();
      case "demo" -> new DemoCommand();
      case "inspect" -> new InspectCommand();
      case "bench" -> new BenchCommand();
      case "generate" -> new GenerateCommand();
      case "sync" -> new SyncCommand();
      case "serve" -> new ServeCommand();
      case "tables" -> new TablesCommand();
      case "sandbox" -> new SandboxCommand();
      default -> throw new IllegalArgumentException("no command " + name);
    };
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
