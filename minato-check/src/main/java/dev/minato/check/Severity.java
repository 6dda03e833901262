package dev.minato.check;

import java.util.Locale;
import java.util.Optional;

/** How much a finding matters; {@code --fail-on} compares against this order. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** The lower-case name used in files, flags and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this severity is as serious as {@code threshold} or more. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  public static Optional<Severity> parse(String text) {
    for (Severity severity : values()) {
      if (severity.label().equals(text)) {
        return Optional.of(severity);
      }
    }
    return Optional.empty();
  }
}
