package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;

import dev.ferry.errors.FerryException;

import dev.ferry.db.EmbeddedDatabase;
import dev.ferry.db.Secrets;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns any exception escaping a command into one line on stderr and an exit code. Stack traces
 * are printed only with {@code --debug}; every line passes through {@link Secrets#redact}. An error
 * raised while the JVM shuts down (Ctrl-C), or after a signal stopped an embedded Postgres of this
 * process, is reported as {@code interrupted}: it is a consequence of the stop (say, the embedded
 * Postgres of {@code ferry demo} went away), not a problem to fix.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    Secrets.registerOptionValues(parseResult.originalArgs().toArray(String[]::new));
    FerryCommand root = commandLine.getCommandSpec().root().userObject() instanceof FerryCommand f ? f : null;
    // the server's record first: a terminal's Ctrl-C may stop it before the JVM handles its own
    boolean interrupted = EmbeddedDatabase.stoppedBySignal() || shuttingDown();
    int code = interrupted ? ExitCodes.INTERRUPTED : exception instanceof FerryException fe ? fe.exitCode() : ExitCodes.FAILURE;
    if (interrupted) {
      sayInterrupted(err);
      return code;
    }
    String message = exception instanceof FerryException ? exception.getMessage() : describe(exception);
    err.println("ferry: " + Secrets.redact(message));
    if (root != null && root.debug) {
      java.io.StringWriter trace = new java.io.StringWriter();
      exception.printStackTrace(new PrintWriter(trace));
      err.print(Secrets.redact(trace.toString()));
    }
    err.flush();
    return code;
  }

  private static final java.util.concurrent.atomic.AtomicBoolean SAID_INTERRUPTED = new java.util.concurrent.atomic.AtomicBoolean();

  /** "ferry: interrupted", once, whichever notices the stop first: a failing command or the shutdown hook. */
  static void sayInterrupted(PrintWriter err) {
    if (SAID_INTERRUPTED.compareAndSet(false, true)) {
      err.println("ferry: interrupted");
      err.flush();
    }
  }

  /** True once the JVM has begun to shut down, when no shutdown hook can be added any more. */
  private static boolean shuttingDown() {
    Thread probe = new Thread(() -> {});
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  private static String describe(Throwable exception) {
    String message = exception.getMessage();
    String type = exception.getClass().getSimpleName();
    String firstLine = message == null ? type : message.lines().findFirst().orElse(type);
    return "unexpected error: " + firstLine + " (" + type + "; rerun with --debug for details)";
  }
}
