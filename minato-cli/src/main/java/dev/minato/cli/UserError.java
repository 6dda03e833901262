package dev.minato.cli;

/**
 * A failure the user can act on, with the exit code it maps to. Its message is shown alone, without
 * a stack trace, so it must say what went wrong and what to do.
 */
public final class UserError extends RuntimeException {

  private final int exitCode;

  private UserError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** Invalid input or usage: exit 2. */
  public static UserError invalidInput(String message) {
    return new UserError(ExitCodes.INVALID_INPUT, message);
  }

  /** The environment got in the way (a tool missing, a disk full): exit 3. */
  public static UserError environment(String message) {
    return new UserError(ExitCodes.ENVIRONMENT, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
