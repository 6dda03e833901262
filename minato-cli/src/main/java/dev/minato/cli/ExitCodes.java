package dev.minato.cli;

/** The exit codes every minato command uses, so scripts and CI can tell outcomes apart. */
public final class ExitCodes {

  /** The command did what was asked. */
  public static final int OK = 0;

  /** A check or gate ran and failed (findings at or above --fail-on, an SLO missed). */
  public static final int CHECK_FAILED = 1;

  /** The input or the command line was invalid; nothing was changed. */
  public static final int INVALID_INPUT = 2;

  /** The environment got in the way: a cluster unreachable, a tool missing, a disk full. */
  public static final int ENVIRONMENT = 3;

  private ExitCodes() {}
}
