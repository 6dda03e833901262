package dev.minato.cluster.sandbox;

/**
 * What an emulated pod did, as a {@link PodRunner} says: it ran to an end with an exit code and a
 * log (succeeded with exit 0, failed otherwise), or it never started (it stays Pending, as a pod
 * that cannot be scheduled or whose image cannot be pulled does).
 */
public sealed interface PodRun {

  /** The pod's container ran and exited with {@code exitCode}, writing {@code log}. */
  record Ran(int exitCode, String log) implements PodRun {}

  /** The pod never started: it stays Pending with {@code reason} on its PodScheduled condition. */
  record NeverStarts(String reason) implements PodRun {}

  static PodRun succeeded(String log) {
    return new Ran(0, log);
  }

  static PodRun failed(int exitCode, String log) {
    return new Ran(exitCode, log);
  }

  static PodRun neverStarts() {
    return new NeverStarts("Unschedulable");
  }
}
