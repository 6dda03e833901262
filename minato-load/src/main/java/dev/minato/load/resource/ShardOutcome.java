package dev.minato.load.resource;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one shard (one pod of the Indexed Job) of a run in the cluster.
 *
 * @param index the shard's completion index
 * @param state whether its pod ran to the end, failed, or never started
 * @param detail why, in words, for the status (the pod's reason, or how long it was waited for)
 * @param log the pod's log when it ran to the end: the shard's HdrHistogram log inside it
 */
public record ShardOutcome(int index, State state, String detail, Optional<String> log) {

  /** How a shard ended. */
  public enum State {
    SUCCEEDED,
    FAILED,
    NEVER_STARTED
  }

  public ShardOutcome {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(log, "log");
  }

  public static ShardOutcome succeeded(int index, String log) {
    return new ShardOutcome(index, State.SUCCEEDED, "completed", Optional.of(log));
  }

  public static ShardOutcome failed(int index, String why) {
    return new ShardOutcome(index, State.FAILED, why, Optional.empty());
  }

  public static ShardOutcome neverStarted(int index, String why) {
    return new ShardOutcome(index, State.NEVER_STARTED, why, Optional.empty());
  }

  /** {@code shard 2: never started (pending 5m after the start time)}. */
  public String describe() {
    String what =
        switch (state) {
          case SUCCEEDED -> "completed";
          case FAILED -> "failed";
          case NEVER_STARTED -> "never started";
        };
    return "shard " + index + ": " + what + (detail.equals(what) ? "" : " (" + detail + ")");
  }
}
