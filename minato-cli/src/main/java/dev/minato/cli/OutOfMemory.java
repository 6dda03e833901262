package dev.minato.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Running out of memory is the environment's limit, not a verdict: exit 3 with one line that says
 * how to give the JVM more, never a stack trace and never exit 1 (which means "findings" for {@code
 * check} and "SLO failed" for {@code load}). {@link Main} catches it on the command's thread;
 * {@link #exitFromAnyThread} covers every other thread, where an error would otherwise end only
 * that thread and leave the command hanging or finishing with a wrong result.
 */
final class OutOfMemory {

  private OutOfMemory() {}

  /** Whether {@code failure} is, or was caused by, the JVM running out of memory. */
  static boolean causedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Prints the line for a command that ran out of memory and returns its exit code. */
  static int report(PrintWriter err, String... args) {
    err.println(message(args));
    err.flush();
    return ExitCodes.ENVIRONMENT;
  }

  /**
   * Makes an out-of-memory error on any thread end the JVM with exit 3 and the line that says what
   * to do. Installed by {@code main} only: tests running commands in their own JVM keep theirs.
   */
  static void exitFromAnyThread(String... args) {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, failure) -> {
          if (causedBy(failure)) {
            PrintStream err = System.err;
            err.println(message(args));
            err.flush();
            Runtime.getRuntime().halt(ExitCodes.ENVIRONMENT);
          } else if (previous != null) {
            previous.uncaughtException(thread, failure);
          } else {
            thread.getThreadGroup().uncaughtException(thread, failure);
          }
        });
  }

  /**
   * {@code minato: out of memory (the JVM may use 256 MiB); run it with more, e.g.
   * MINATO_JAVA_OPTS=-Xmx512m ./minato check …}.
   */
  static String message(String... args) {
    long maxMib = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    long suggested = Math.max(512, Integer.highestOneBit((int) Math.min(maxMib, 1 << 20)) * 2L);
    String size =
        suggested >= 1024 && suggested % 1024 == 0 ? (suggested / 1024) + "g" : suggested + "m";
    String command = args.length == 0 ? "" : " " + args[0];
    return String.format(
        Locale.ROOT,
        "minato: out of memory (the JVM may use %d MiB); run it with more, e.g."
            + " MINATO_JAVA_OPTS=-Xmx%s ./minato%s …",
        maxMib,
        size,
        command);
  }
}
