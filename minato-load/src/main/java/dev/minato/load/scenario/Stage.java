package dev.minato.load.scenario;

import dev.minato.load.syntax.Rate;
import java.time.Duration;
import java.util.Objects;

/**
 * One ramp stage of the open model: over {@code duration}, the arrival rate moves linearly from
 * where the previous stage ended to {@code rate}.
 */
public record Stage(Duration duration, Rate rate) {

  public Stage {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(rate, "rate");
  }
}
