package dev.minato.shadow.compare;

import dev.minato.shadow.exchange.Body;
import dev.minato.shadow.exchange.CapturedRequest;
import dev.minato.shadow.exchange.Exchange;
import dev.minato.shadow.exchange.Header;
import dev.minato.shadow.exchange.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Outcomes and exchanges for the comparison's tests. */
final class Responses {

  private Responses() {}

  static Outcome.Answered json(int status, String body) {
    return answered(status, "application/json", body);
  }

  static Outcome.Answered answered(int status, String contentType, String body) {
    return new Outcome.Answered(
        status,
        List.of(new Header("Content-Type", contentType), new Header("Date", "now")),
        Body.of(body.getBytes(StandardCharsets.UTF_8), 1 << 20),
        1_000);
  }

  static Outcome.Failed failed(String kind) {
    return new Outcome.Failed(kind, kind + " by test", 1_000);
  }

  static Exchange get(String target, Outcome primary, Outcome candidate, Outcome secondary) {
    return new Exchange(
        new CapturedRequest("GET", target, List.of(), Body.EMPTY),
        primary,
        candidate,
        Optional.ofNullable(secondary));
  }
}
