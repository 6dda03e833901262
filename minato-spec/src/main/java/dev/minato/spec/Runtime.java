package dev.minato.spec;

/**
 * The language runtime of an app. It drives defaults that differ by runtime: a start-up budget for
 * slow starters (a JVM warming up, a Rails app loading), and how the app learns its CPU count.
 */
public enum Runtime {
  JAVA(120),
  RUBY(60),
  PHP(0),
  PYTHON(0),
  NODE(0),
  GO(0),
  OTHER(0);

  private final int defaultStartupSeconds;

  Runtime(int defaultStartupSeconds) {
    this.defaultStartupSeconds = defaultStartupSeconds;
  }

  /** The start-up budget used when the spec sets none; 0 means no startup probe. */
  public int defaultStartupSeconds() {
    return defaultStartupSeconds;
  }

  /** The spelling used in {@code minato.yaml}. */
  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
