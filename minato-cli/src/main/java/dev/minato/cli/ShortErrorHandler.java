package dev.minato.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Shows a user error as one short message and its exit code. Anything else is a bug in minato: it
 * gets a short message too, and the stack trace only when {@code MINATO_DEBUG} is set.
 */
final class ShortErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
    if (OutOfMemory.causedBy(e)) {
      return OutOfMemory.report(cmd.getErr(), parseResult.originalArgs().toArray(String[]::new));
    }
    if (e instanceof UserError userError) {
      cmd.getErr().println("minato: " + userError.getMessage());
      return userError.exitCode();
    }
    if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
      cmd.getErr().println("minato: I/O error: " + e.getMessage());
      return ExitCodes.ENVIRONMENT;
    }
    cmd.getErr().println("minato: internal error: " + e);
    if (System.getenv("MINATO_DEBUG") != null) {
      e.printStackTrace(cmd.getErr());
    } else {
      cmd.getErr().println("Set MINATO_DEBUG=1 for the stack trace, and please report it.");
    }
    return 70;
  }
}
