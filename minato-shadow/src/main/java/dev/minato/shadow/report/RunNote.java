package dev.minato.shadow.report;

import java.util.List;
import java.util.Objects;

/**
 * A count about the run itself rather than the responses, printed beside the results: malformed log
 * lines (with a few of their line numbers), requests skipped as unsafe, mirror copies dropped.
 *
 * @param label what was counted, as a short phrase ({@code malformed log lines})
 * @param count how many
 * @param details a few examples ({@code line 12: no request field}), at most {@link #DETAILS}
 */
public record RunNote(String label, long count, List<String> details) {

  public static final int DETAILS = 10;

  public RunNote {
    Objects.requireNonNull(label, "label");
    details = List.copyOf(details.subList(0, Math.min(DETAILS, details.size())));
  }
}
