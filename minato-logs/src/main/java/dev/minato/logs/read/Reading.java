package dev.minato.logs.read;

import dev.minato.logs.LogEvent;
import java.util.Objects;

/**
 * What reading one line gave: the event, or the problem that kept it from being one. A bad line is
 * a value, not an exception, because log streams always hold some (a truncated write, a stack trace
 * line) and a filter must count them and go on at the speed of the good ones.
 */
public sealed interface Reading permits Reading.Parsed, Reading.Problem {

  /** The line read into labelled fields. */
  record Parsed(LogEvent event) implements Reading {
    public Parsed {
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * A line that is not in the format.
   *
   * @param line the line as read
   * @param column the 1-based character column where reading stopped
   * @param message what was expected there
   */
  record Problem(String line, int column, String message) implements Reading {
    public Problem {
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(message, "message");
    }

    /** {@code column N: message}, for a report that names the line number itself. */
    public String describe() {
      return "column " + column + ": " + message;
    }
  }
}
