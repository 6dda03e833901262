package dev.minato.render.dashboard;

import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.duration.PrometheusDurations;
import java.util.Objects;

/**
 * An SLO whose remaining error budget a dashboard shows, read from the recording rules every SLO
 * renders: {@code slo:sli_error:ratio_rate<window>} and {@code slo:objective:ratio}, both labelled
 * {@code app} and {@code slo}.
 *
 * @param slo the SLO's name (its {@code slo} label)
 * @param window the window the objective is measured over, as the rule name spells it ({@code 30d})
 */
public record ErrorBudget(String slo, String window) {

  public ErrorBudget {
    Objects.requireNonNull(slo, "slo");
    try {
      // Recording rule names carry the window as a Prometheus duration: 30d, 1w3d.
      PrometheusDurations.parse(window);
    } catch (InvalidValueException e) {
      throw new IllegalArgumentException("not a rule window like 30d: " + window, e);
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
