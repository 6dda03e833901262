package dev.minato.release;

/**
 * A release that cannot go ahead, with the message for the user and what kind of problem it is, so
 * the command line maps it to one exit code: the input (2), a missing image (1), or the environment
 * (3: an unreachable registry, an unreadable repository).
 */
public final class ReleaseException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong, by who can fix it. */
  public enum Kind {
    /** Something the user gave is wrong or unsafe to act on; nothing was changed. */
    INVALID,
    /** The image is not in its registry: the gate a release exists to enforce. */
    IMAGE_MISSING,
    /** The registry, the network or a file could not be reached or read. */
    ENVIRONMENT
  }

  private final Kind kind;

  public ReleaseException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ReleaseException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public static ReleaseException invalid(String message) {
    return new ReleaseException(Kind.INVALID, message);
  }

  public static ReleaseException environment(String message, Throwable cause) {
    return new ReleaseException(Kind.ENVIRONMENT, message, cause);
  }

  public Kind kind() {
    return kind;
  }
}
