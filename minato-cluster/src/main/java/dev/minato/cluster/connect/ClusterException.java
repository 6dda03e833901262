package dev.minato.cluster.connect;

/**
 * A cluster operation that could not be done, with the reason a command maps to its exit code. The
 * message is written for the user: what went wrong and what to do.
 */
public final class ClusterException extends Exception {

  /** Why the operation stopped. */
  public enum Reason {
    /** The input or the command line was wrong (exit 2). */
    INVALID_INPUT,
    /** The cluster or a tool was unreachable or missing (exit 3). */
    ENVIRONMENT,
    /** The operation ran and did not succeed: objects failed, a wait timed out (exit 1). */
    FAILED
  }

  private final Reason reason;

  public ClusterException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ClusterException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public static ClusterException invalidInput(String message) {
    return new ClusterException(Reason.INVALID_INPUT, message);
  }

  public static ClusterException environment(String message, Throwable cause) {
    return new ClusterException(Reason.ENVIRONMENT, message, cause);
  }

  public static ClusterException failed(String message) {
    return new ClusterException(Reason.FAILED, message);
  }

  public Reason reason() {
    return reason;
  }
}
