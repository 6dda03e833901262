package dev.minato.shadow.replay;

import dev.minato.shadow.exchange.CapturedRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request read back from a log: where it was (line, or HAR entry), when it was made, and the
 * request to send again.
 *
 * @param line the 1-based line (or HAR entry) it came from
 * @param time when the original request was made, if the log said
 */
public record LoggedRequest(long line, Optional<Instant> time, CapturedRequest request) {

  public LoggedRequest {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(request, "request");
  }
}
