package dev.minato.render.dashboard;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An SLO whose remaining error budget a dashboard shows, read from the recording rules every SLO
 * renders: {@code slo:sli_error:ratio_rate<window>} and {@code slo:objective:ratio}, both labelled
 * {@code app} and {@code slo}.
 *
 * @param slo the SLO's name (its {@code slo} label)
 * @param window the window the objective is measured over, as the rule name spells it ({@code 30d})
 */
public record ErrorBudget(String slo, String window) {

  /** A Prometheus duration, as recording rule names carry it: {@code 30d}, {@code 1w3d}. */
  private static final Pattern WINDOW = Pattern.compile("([0-9]+(ms|[smhdwy]))+");

  public ErrorBudget {
    Objects.requireNonNull(slo, "slo");
    if (!WINDOW.matcher(window).matches()) {
      throw new IllegalArgumentException("not a rule window like 30d: " + window);
    }
  }

  /** The recorded error ratio of the SLO over its window. */
  public String errorRatioRule() {
    return "slo:sli_error:ratio_rate" + window;
  }

  /**
   * The share of the budget left: 1 - error ratio / (1 - objective). Both sides are reduced to one
   * series so that whatever other labels the rules keep, they divide.
   */
  String remainingExpr(String app) {
    String matchers = "{app=\"" + app + "\", slo=\"" + slo + "\"}";
    return "1 - max("
        + errorRatioRule()
        + matchers
        + ") / (1 - max(slo:objective:ratio"
        + matchers
        + "))";
  }
}
