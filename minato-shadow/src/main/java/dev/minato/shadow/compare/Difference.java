package dev.minato.shadow.compare;

import java.util.Objects;

/**
 * One way two responses to the same request differ: the field ({@code status}, {@code header
 * content-type}, a JSON path such as {@code $.user.name}, {@code body line 12}, {@code outcome})
 * and what each side had there, already redacted and shortened for a report.
 *
 * @param field what differs, the key noise is counted by
 * @param primary the primary's value, {@code (absent)} when it had none
 * @param other the other side's value (candidate or secondary)
 */
public record Difference(String field, String primary, String other) {

  /** Values longer than this are cut, so one large field cannot swell a report. */
  static final int SHOWN_LENGTH = 300;

  public static final String ABSENT = "(absent)";

  public Difference {
    Objects.requireNonNull(field, "field");
    primary = shortened(primary);
    other = shortened(other);
  }

  private static String shortened(String value) {
    Objects.requireNonNull(value, "value");
    return value.length() <= SHOWN_LENGTH
        ? value
        : value.substring(0, SHOWN_LENGTH) + "… (" + value.length() + " characters)";
  }
}
