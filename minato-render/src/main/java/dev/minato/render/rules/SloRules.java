package dev.minato.render.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.duration.PrometheusDurations;
import dev.minato.spec.App;
import dev.minato.spec.RequestMetrics;
import dev.minato.spec.Slo;
import dev.minato.spec.SloIndicator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The recording and alerting rules of one SLO. Recording rules {@code slo:sli_error:ratio_rate<w>}
 * hold the error ratio over every window an alert or a dashboard reads, {@code slo:objective:ratio}
 * the objective, each labelled {@code app} and {@code slo}; the alerts are the enabled {@link
 * BurnRateTier}s.
 */
public final class SloRules {

  /** The windows every SLO records, besides its own. */
  public static final List<String> WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");

  public static final String ERROR_RATIO = "slo:sli_error:ratio_rate";
  public static final String OBJECTIVE = "slo:objective:ratio";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SloRules() {}

  /** The windows recorded for an SLO: the fixed ones, then its own window if it is another. */
  public static List<String> windows(Slo slo) {
    Set<String> windows = new LinkedHashSet<>(WINDOWS);
    if (WINDOWS.stream().map(SloRules::duration).noneMatch(slo.window()::equals)) {
      windows.add(slo.windowSpelling());
    }
    return List.copyOf(windows);
  }

  /**
   * The name its recording rules give an SLO's own window: a fixed window's spelling when the
   * durations are equal ({@code 24h} records as {@code 1d}), else the spec's spelling.
   */
  public static String ownWindow(Slo slo) {
    return WINDOWS.stream()
        .filter(w -> duration(w).equals(slo.window()))
        .findFirst()
        .orElse(slo.windowSpelling());
  }

  /** The enabled tiers of an SLO, fastest first. */
  public static List<BurnRateTier> tiers(Slo slo) {
    return Stream.of(BurnRateTier.values())
        .filter(t -> t.page() ? slo.alerting().page() : slo.alerting().ticket())
        .toList();
  }

  /** The rule group of one SLO: its recording rules, then its alerts. */
  public static ObjectNode group(App app, Slo slo, Runbooks runbooks) {
    ObjectNode group = NODES.objectNode().put("name", app.name() + "-slo-" + slo.name());
    ArrayNode rules = group.putArray("rules");
    for (String window : windows(slo)) {
      ObjectNode rule =
          rules
              .addObject()
              .put("record", ERROR_RATIO + window)
              .put("expr", errorRatio(slo, window));
      sloLabels(rule.putObject("labels"), app, slo);
    }
    ObjectNode objective =
        rules
            .addObject()
            .put("record", OBJECTIVE)
            .put("expr", "vector(" + slo.objectiveRatio().toPlainString() + ")");
    sloLabels(objective.putObject("labels"), app, slo);
    for (BurnRateTier tier : tiers(slo)) {
      ObjectNode alert = rules.addObject().put("alert", alertName(app, slo, tier));
      alert.put("expr", alertExpr(app, slo, tier));
      ObjectNode labels = alert.putObject("labels").put("severity", tier.severity());
      app.team().ifPresent(team -> labels.put("team", team));
      sloLabels(labels, app, slo);
      labels
          .put("long_window", tier.longWindow())
          .put("burn_rate", tier.burnRate().toPlainString());
      ObjectNode annotations =
          alert
              .putObject("annotations")
              .put(
                  "summary",
                  app.name()
                      + " is spending the error budget of SLO "
                      + slo.name()
                      + " "
                      + tier.burnRate().toPlainString()
                      + "x too fast")
              .put(
                  "description",
                  "The error ratio of "
                      + slo.name()
                      + " over the last "
                      + tier.longWindow()
                      + " and "
                      + tier.shortWindow()
                      + " is above "
                      + tier.burnRate().toPlainString()
                      + " x "
                      + slo.budgetRatio().toPlainString()
                      + " (objective "
                      + slo.objectivePercent().stripTrailingZeros().toPlainString()
                      + " % over "
                      + slo.windowSpelling()
                      + ").");
      slo.alerting()
          .runbookUrl()
          .or(() -> runbooks.forAlert(alertName(app, slo, tier)))
          .ifPresent(u -> annotations.put("runbook_url", u));
    }
    return group;
  }

  /** {@code ShopApi} + {@code Availability} + {@code ErrorBudgetBurn1h}. */
  public static String alertName(App app, Slo slo, BurnRateTier tier) {
    return camel(app.name()) + camel(slo.name()) + "ErrorBudgetBurn" + tier.longWindow();
  }

  /** The error ratio of an SLO over a window, as PromQL. */
  public static String errorRatio(Slo slo, String window) {
    if (slo.indicator() instanceof SloIndicator.Expressions e) {
      return "1 - ((" + windowed(e.good(), window) + ") / (" + windowed(e.total(), window) + "))";
    }
    String all = "sum(rate(" + allRequests(slo.indicator()) + "[" + window + "]))";
    if (slo.indicator() instanceof SloIndicator.Requests r) {
      String metric = r.metrics().requestsMetric().orElseThrow();
      String errors =
          series(metric, r.metrics(), Optional.of(r.metrics().statusLabel() + "=~\"5..\""));
      return "sum(rate(" + errors + "[" + window + "])) / " + all;
    }
    SloIndicator.Latency l = (SloIndicator.Latency) slo.indicator();
    String within =
        series(
            l.metrics().histogram().orElseThrow() + "_bucket",
            l.metrics(),
            Optional.of("le=~\"" + leRegex(l.thresholdSeconds()) + "\""));
    return "1 - (sum(rate(" + within + "[" + window + "])) / " + all + ")";
  }

  /**
   * The number of requests in a window, for the low-traffic guard: the increase of the counter of
   * all requests, or the rate of all events times the window's seconds.
   */
  public static String requestsIn(Slo slo, String window) {
    if (slo.indicator() instanceof SloIndicator.Expressions e) {
      return "(" + windowed(e.total(), window) + ") * " + duration(window).toSeconds();
    }
    return "sum(increase(" + allRequests(slo.indicator()) + "[" + window + "]))";
  }

  /** The series that count every request: the request counter, or the histogram's count. */
  private static String allRequests(SloIndicator indicator) {
    if (indicator instanceof SloIndicator.Requests r) {
      return series(
          r.metrics().requestsMetric().orElseThrow(), r.metrics(), totalMatcher(r.metrics()));
    }
    RequestMetrics m = ((SloIndicator.Latency) indicator).metrics();
    return series(m.histogram().orElseThrow() + "_count", m, Optional.empty());
  }

  static String alertExpr(App app, Slo slo, BurnRateTier tier) {
    String threshold =
        "(" + tier.burnRate().toPlainString() + " * " + slo.budgetRatio().toPlainString() + ")";
    String expr =
        recorded(app, slo, tier.longWindow())
            + " > "
            + threshold
            + "\nand\n"
            + recorded(app, slo, tier.shortWindow())
            + " > "
            + threshold;
    if (tier.page() && slo.alerting().minRequests() > 0) {
      expr +=
          "\nand on()\n"
              + requestsIn(slo, tier.shortWindow())
              + " >= "
              + slo.alerting().minRequests();
    }
    return expr;
  }

  private static String recorded(App app, Slo slo, String window) {
    return ERROR_RATIO + window + "{app=\"" + app.name() + "\",slo=\"" + slo.name() + "\"}";
  }

  private static void sloLabels(ObjectNode labels, App app, Slo slo) {
    labels.put("app", app.name()).put("slo", slo.name());
  }

  /** nginx-vts-exporter also publishes each server's sum as {@code code="total"}. */
  private static Optional<String> totalMatcher(RequestMetrics m) {
    return m.convention() == dev.minato.spec.MetricConvention.NGINX
        ? Optional.of(m.statusLabel() + "!=\"total\"")
        : Optional.empty();
  }

  /** A series selector: the metric with the app's matchers and one more. */
  public static String series(String metric, RequestMetrics m, Optional<String> extra) {
    List<String> matchers = new ArrayList<>();
    if (!m.selector().isBlank()) {
      matchers.add(m.selector().strip());
    }
    extra.ifPresent(matchers::add);
    return metric + "{" + String.join(",", matchers) + "}";
  }

  /**
   * Clients spell a boundary differently ({@code 1} in Go, {@code 1.0} in Java and Python), so the
   * {@code le} matcher accepts any spelling of the number.
   */
  public static String leRegex(BigDecimal seconds) {
    String plain = seconds.stripTrailingZeros().toPlainString();
    if (!plain.contains(".")) {
      return plain + "(\\\\.0+)?";
    }
    return plain.replace(".", "\\\\.") + "0*";
  }

  private static String windowed(String expr, String window) {
    return expr.replace(SloIndicator.Expressions.WINDOW, window);
  }

  static Duration duration(String window) {
    try {
      return PrometheusDurations.parse(window);
    } catch (InvalidValueException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** {@code shop-api} becomes {@code ShopApi}, the usual spelling of alert names. */
  public static String camel(String name) {
    return Stream.of(name.split("-"))
        .filter(p -> !p.isEmpty())
        .map(p -> p.substring(0, 1).toUpperCase(Locale.ROOT) + p.substring(1))
        .collect(Collectors.joining());
  }
}
