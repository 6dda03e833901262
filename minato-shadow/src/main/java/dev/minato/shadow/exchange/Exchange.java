package dev.minato.shadow.exchange;

import java.util.Objects;
import java.util.Optional;

/**
 * One request and what each upstream did with it: the unit the comparison judges. The secondary is
 * a second copy of the old service (or the primary asked twice) and tells noise from regressions.
 */
public record Exchange(
    CapturedRequest request, Outcome primary, Outcome candidate, Optional<Outcome> secondary) {

  public Exchange {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(secondary, "secondary");
  }
}
