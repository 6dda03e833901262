package dev.minato.cluster.sandbox;

/**
 * Runs the pods of emulated Jobs: the emulator creates a Job's pods and calls this once per pod, on
 * a thread of its own, with the pod's command line; what it returns becomes the pod's phase and
 * log. A test runs the real program here (a load shard of the real engine, say), or declares that a
 * pod never starts. Without a runner, an emulated Job's pods stay Pending: nothing runs.
 */
@FunctionalInterface
public interface PodRunner {

  /** Runs {@code pod}; may block as long as the pod would run. */
  PodRun run(EmulatedPod pod) throws Exception;
}
