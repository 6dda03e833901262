package dev.minato.load.slo;

import dev.minato.load.stats.Series;
import dev.minato.load.syntax.Rate;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.Suggestions;
import dev.minato.manifest.duration.Durations;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service-level objective a run must meet, such as {@code p99<250ms}, {@code errors<0.1%} or
 * {@code rate>=1900/s}. Written as metric, comparison, value; see docs/load.md for the metrics. A
 * request name before a colon scopes it to one of the scenario's named requests: {@code
 * checkout:p99<300ms}.
 *
 * @param request the named request it judges; empty for the whole run
 */
public record Slo(
    String text, Metric metric, Comparison comparison, double required, Optional<String> request) {

  private static final Pattern FORM =
      Pattern.compile(
          "\\s*(?:(.+?)\\s*:\\s*)?([A-Za-z][A-Za-z0-9._]*)\\s*(<=|>=|<|>)\\s*(\\S.*?)\\s*");
  private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(?:\\.\\d+)?|100)");
  private static final List<String> METRICS =
      List.of(
          "p50",
          "p90",
          "p95",
          "p99",
          "p99.9",
          "mean",
          "max",
          "service.p50",
          "service.p99",
          "service.mean",
          "service.max",
          "errors",
          "rate",
          "throughput");

  /** An SLO on the whole run. */
  public Slo(String text, Metric metric, Comparison comparison, double required) {
    this(text, metric, comparison, required, Optional.empty());
  }

  public Slo {
    java.util.Objects.requireNonNull(request, "request");
  }

  /** Parses one SLO; the exception quotes the text and says what was expected. */
  public static Slo parse(String text) throws SloException {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new SloException(
          "invalid SLO '"
              + text
              + "': expected metric, comparison (<, <=, >, >=) and value, like 'p99<250ms',"
              + " 'errors<0.1%', 'rate>=1900/s' or, for one named request, 'checkout:p99<300ms'");
    }
    Optional<String> request = Optional.ofNullable(m.group(1)).map(String::strip);
    String name = m.group(2);
    Comparison comparison = Comparison.ofSymbol(m.group(3));
    String value = m.group(4);
    Metric metric = metric(text, name);
    if (request.isPresent()
        && metric instanceof Metric.Latency latency
        && latency.series() != Series.LATENCY) {
      throw new SloException(
          "invalid SLO '"
              + text
              + "': service time is not recorded per request; a request's SLO may use pNN, mean,"
              + " max, errors, rate or throughput");
    }
    if (metric instanceof Metric.ErrorRatio && value.matches("\\d+")) {
      metric = new Metric.ErrorCount();
    }
    double required = required(text, metric, value);
    if (metric instanceof Metric.ErrorRatio && value.endsWith("%") && required > 1) {
      throw new SloException("invalid SLO '" + text + "': an error share is at most 100%");
    }
    return new Slo(text.strip(), metric, comparison, required, request);
  }

  /**
   * Why this SLO cannot be judged on a run whose named requests are {@code names} (it names another
   * request), with the closest name as a suggestion; empty when it can.
   */
  public Optional<String> unknownRequest(Collection<String> names) {
    if (request.isEmpty() || names.contains(request.get())) {
      return Optional.empty();
    }
    return Optional.of(
        "SLO '"
            + text
            + "' names request '"
            + request.get()
            + "', which the scenario does not have"
            + Suggestions.didYouMean(request.get(), names)
            + " (requests: "
            + String.join(", ", names)
            + ")");
  }

  private static Metric metric(String text, String name) throws SloException {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    Series series = Series.LATENCY;
    String statistic = lower;
    if (lower.startsWith("service.")) {
      series = Series.SERVICE;
      statistic = lower.substring("service.".length());
    }
    Matcher p = PERCENTILE.matcher(statistic);
    if (p.matches()) {
      return new Metric.Latency(
          series, Metric.Statistic.PERCENTILE, Double.parseDouble(p.group(1)));
    }
    switch (statistic) {
      case "mean":
        return new Metric.Latency(series, Metric.Statistic.MEAN, 0);
      case "max":
        return new Metric.Latency(series, Metric.Statistic.MAX, 0);
      default:
        break;
    }
    if (series == Series.LATENCY) {
      switch (statistic) {
        case "errors":
          return new Metric.ErrorRatio();
        case "rate":
          return new Metric.PerSecond(false);
        case "throughput":
          return new Metric.PerSecond(true);
        default:
          break;
      }
    }
    throw new SloException(
        "invalid SLO '"
            + text
            + "': unknown metric '"
            + name
            + "'"
            + Suggestions.didYouMean(name, METRICS)
            + " (metrics: pNN such as p99 or p99.9, mean, max, service.pNN, service.mean,"
            + " service.max, errors, rate, throughput)");
  }

  private static double required(String text, Metric metric, String value) throws SloException {
    if (metric instanceof Metric.Latency) {
      try {
        return Durations.parse(value).toNanos() / 1_000.0;
      } catch (InvalidValueException e) {
        throw new SloException("invalid SLO '" + text + "': " + e.getMessage());
      }
    }
    if (metric instanceof Metric.ErrorCount) {
      return Double.parseDouble(value);
    }
    if (metric instanceof Metric.ErrorRatio) {
      Matcher percent = Pattern.compile("(\\d+(?:\\.\\d+)?)%").matcher(value);
      if (percent.matches()) {
        return Double.parseDouble(percent.group(1)) / 100;
      }
      throw new SloException(
          "invalid SLO '"
              + text
              + "': '"
              + value
              + "' is not a share of requests; expected a percentage like 0.1% (or a count like 10)");
    }
    Optional<Rate> rate = Rate.parse(value);
    if (rate.isEmpty()) {
      throw new SloException(
          "invalid SLO '" + text + "': '" + value + "' is not a rate; expected " + Rate.expected());
    }
    return rate.get().perSecond();
  }
}
