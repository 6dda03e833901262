package dev.minato.shadow.exchange;

import java.util.List;
import java.util.Objects;

/**
 * What one upstream did with a request: a response, or the reason there was none (refused, reset,
 * timed out). A failure is a result to compare, not an error of the tool.
 */
public sealed interface Outcome {

  /** The upstream answered. */
  record Answered(int status, List<Header> headers, Body body, long latencyNanos)
      implements Outcome {
    public Answered {
      headers = List.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * The upstream gave no complete response.
   *
   * @param kind a short stable name for grouping ({@code connect}, {@code reset}, {@code timeout})
   * @param detail what happened, for the report's example
   */
  record Failed(String kind, String detail, long latencyNanos) implements Outcome {
    public Failed {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
