package dev.minato.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code minato} command line. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    OutOfMemory.exitFromAnyThread(args);
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code; tests call this instead of main. */
  public static int run(String... args) {
    CommandLine cmd = commandLine(args);
    cmd.setOut(ProcessStdout.create());
    return execute(cmd, args);
  }

  /** Runs one command line writing to the given streams; for tests and embedding. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cmd = commandLine(args);
    cmd.setOut(out);
    cmd.setErr(err);
    return execute(cmd, args);
  }

  /** picocli passes errors through its exception handler; out of memory is caught here. */
  private static int execute(CommandLine cmd, String... args) {
    try {
      return cmd.execute(args);
    } catch (OutOfMemoryError e) {
      return OutOfMemory.report(cmd.getErr(), args);
    }
  }

  static CommandLine commandLine(String... args) {
    CommandLine cmd = new CommandLine(new MinatoCommand());
    Subcommands.register(cmd, args);
    cmd.setExecutionExceptionHandler(new ShortErrorHandler());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    // Help text is written for 100 columns; a terminal's real width wins when it can be read.
    cmd.setUsageHelpWidth(100);
    cmd.setUsageHelpAutoWidth(true);
    return cmd;
  }
}
