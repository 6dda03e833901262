package dev.minato.shadow.replay;

import dev.minato.manifest.InvalidValueException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * When each replayed request is sent: at the log's own pace (optionally faster, {@code --speed
 * 10x}) or at a fixed rate ({@code --rate 100/s}) whatever the log's times.
 */
public sealed interface Pace {

  /** The original gaps between requests divided by {@code speed}. */
  record Original(double speed) implements Pace {
    public Original {
      if (!(speed > 0)) {
        throw new IllegalArgumentException("speed must be positive: " + speed);
      }
    }
  }

  /** {@code perSecond} requests a second, evenly spaced. */
  record Fixed(double perSecond) implements Pace {
    public Fixed {
      if (!(perSecond > 0)) {
        throw new IllegalArgumentException("rate must be positive: " + perSecond);
      }
    }
  }

  Pace AS_LOGGED = new Original(1);

  /** {@code --speed}: {@code 10x}, {@code 0.5x} or a plain number. */
  static Pace speed(String text) throws InvalidValueException {
    String number = text.strip();
    if (number.endsWith("x") || number.endsWith("X")) {
      number = number.substring(0, number.length() - 1);
    }
    return new Original(positive(number, text, "--speed", "10x"));
  }

  /** {@code --rate}: {@code 100/s}, {@code 6000/m} or a plain number per second. */
  static Pace rate(String text) throws InvalidValueException {
    String number = text.strip();
    double per = 1;
    if (number.endsWith("/s")) {
      number = number.substring(0, number.length() - 2);
    } else if (number.endsWith("/m")) {
      number = number.substring(0, number.length() - 2);
      per = 60;
    }
    return new Fixed(positive(number, text, "--rate", "100/s") / per);
  }

  private static double positive(String number, String text, String option, String example)
      throws InvalidValueException {
    try {
      BigDecimal value = new BigDecimal(number.strip());
      if (value.signum() > 0) {
        return value.doubleValue();
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidValueException(
        option + " '" + text + "': expected a positive number, like " + example);
  }

  /**
   * Nanoseconds after the start at which the {@code index}-th request (0-based) is due, given the
   * time of the first logged request; a request without a time is due at once.
   */
  default long dueNanos(long index, Optional<Instant> first, Optional<Instant> time) {
    if (this instanceof Fixed fixed) {
      return (long) (index * 1e9 / fixed.perSecond());
    }
    if (first.isEmpty() || time.isEmpty()) {
      return 0;
    }
    long gap = java.time.Duration.between(first.get(), time.get()).toNanos();
    return Math.max(0, (long) (gap / ((Original) this).speed()));
  }
}
