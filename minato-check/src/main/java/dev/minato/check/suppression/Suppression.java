package dev.minato.check.suppression;

import dev.minato.manifest.SourcePosition;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A reviewed exception to one rule on one object, written as the annotation {@code
 * ignore.minato.dev/<rule-id>: "<reason> until YYYY-MM-DD"}. The reason is required so a reviewer
 * can judge it; the expiry is optional and inclusive (the suppression holds through that day).
 */
public record Suppression(
    String ruleId, String reason, Optional<LocalDate> until, SourcePosition position) {

  public Suppression {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(position, "position");
  }

  /** True when {@code today} is after the last day the suppression was granted for. */
  public boolean expiredOn(LocalDate today) {
    return until.isPresent() && today.isAfter(until.get());
  }

  /** How the suppression reads in reports: the reason, and the expiry if there is one. */
  public String describe() {
    return until.map(day -> reason + " (until " + day + ")").orElse(reason);
  }
}
