package dev.minato.spec.read;

import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.duration.Durations;
import dev.minato.manifest.duration.PrometheusDurations;
import dev.minato.spec.MetricConvention;
import dev.minato.spec.Metrics;
import dev.minato.spec.Monitoring;
import dev.minato.spec.RequestMetrics;
import dev.minato.spec.Runtime;
import dev.minato.spec.Slo;
import dev.minato.spec.SloAlerting;
import dev.minato.spec.SloIndicator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds {@code spec.slos} and the request-metric names of {@code spec.metrics} that SLOs read. An
 * SLO that could not be measured as written (an objective that leaves no budget or no successes, a
 * latency threshold that is no bucket boundary, an exporter that counts no requests) is an error
 * here, so no rule is ever generated that Prometheus would evaluate to nonsense.
 */
final class SloBinder {

  static final String DEFAULT_WINDOW = "30d";
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private SloBinder() {}

  /**
   * The request metrics of {@code spec.metrics}: the runtime's convention unless the spec names
   * one, each name overridable. {@code selector} defaults to the job a ServiceMonitor gives (the
   * internal Service's name) or, scraped by annotations, {@code job="<app>"}.
   */
  static RequestMetrics requestMetrics(
      Section m, Runtime runtime, String appName, boolean serviceMonitor) {
    MetricConvention convention =
        m.choice(
                "convention",
                SpecBinder.spellings(MetricConvention.values(), MetricConvention::spelling))
            .orElse(MetricConvention.of(runtime));
    Optional<String> requests =
        name(m, "requestsMetric", METRIC_NAME).or(convention::requestsMetric);
    String status = name(m, "statusLabel", LABEL_NAME).orElse(convention.statusLabel());
    Optional<String> histogram =
        name(m, "histogram", METRIC_NAME)
            .or(() -> Optional.of(convention.histogram()).filter(h -> !h.isEmpty()));
    List<BigDecimal> buckets = buckets(m).orElse(convention.defaultBuckets());
    String selector =
        m.string("selector")
            .orElse(
                "job=\""
                    + (serviceMonitor
                        ? appName + dev.minato.spec.Expose.INTERNAL_SERVICE_SUFFIX
                        : appName)
                    + "\"");
    return new RequestMetrics(convention, requests, status, histogram, buckets, selector);
  }

  private static Optional<String> name(Section m, String field, Pattern pattern) {
    Optional<String> value = m.string(field);
    if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
      m.error(
          field,
          "'"
              + value.get()
              + "' is not a Prometheus "
              + (pattern == METRIC_NAME ? "metric" : "label")
              + " name");
      return Optional.empty();
    }
    return value;
  }

  private static Optional<List<BigDecimal>> buckets(Section m) {
    if (!m.has("buckets")) {
      return Optional.empty();
    }
    List<BigDecimal> seconds = new ArrayList<>();
    for (String text : m.stringList("buckets")) {
      try {
        Duration d = Durations.parse(text);
        if (d.isZero()) {
          m.error("buckets", "a bucket boundary above 0 is expected, found '" + text + "'");
        } else {
          seconds.add(seconds(d));
        }
      } catch (InvalidValueException e) {
        m.error("buckets", e.getMessage());
      }
    }
    return Optional.of(seconds.stream().sorted().distinct().toList());
  }

  static List<Slo> bind(Section spec, String appName, Optional<Metrics> metrics) {
    List<Slo> slos = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Section s : spec.sectionList("slos")) {
      Optional<String> name = s.requiredString("name", "availability");
      name.filter(n -> !Names.dnsLabelProblem(n, 40).isEmpty())
          .ifPresent(n -> s.error("name", Names.dnsLabelProblem(n, 40)));
      name.filter(n -> !names.add(n))
          .ifPresent(
              n -> s.error("name", "SLO '" + n + "' is declared twice; names must be unique"));
      Optional<BigDecimal> objective = objective(s);
      String windowText = s.string("window").orElse(DEFAULT_WINDOW).strip();
      Optional<Duration> window = window(s, windowText);
      Optional<SloIndicator> indicator = indicator(s, metrics);
      SloAlerting alerting = alerting(s);
      s.finish();
      if (name.isPresent()
          && objective.isPresent()
          && window.isPresent()
          && indicator.isPresent()) {
        slos.add(
            new Slo(
                name.get(), objective.get(), window.get(), windowText, indicator.get(), alerting));
      }
    }
    return List.copyOf(slos);
  }

  private static Optional<BigDecimal> objective(Section s) {
    if (!s.has("objective")) {
      s.errorHere("missing required field 'objective', e.g. objective: 99.9 (percent)");
      return Optional.empty();
    }
    var raw = s.raw("objective").orElseThrow();
    if (!raw.isNumber()) {
      s.error("objective", "expected a percentage such as 99.9, found " + Section.describe(raw));
      return Optional.empty();
    }
    BigDecimal value = raw.decimalValue();
    if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(100)) >= 0) {
      s.error(
          "objective",
          "expected a percentage strictly between 0 and 100, found "
              + value.stripTrailingZeros().toPlainString()
              + (value.compareTo(BigDecimal.valueOf(100)) >= 0
                  ? "; 100 leaves no error budget to alert on, e.g. 99.9 allows 0.1 % of requests"
                      + " to fail"
                  : ""));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private static Optional<Duration> window(Section s, String text) {
    try {
      Duration window = PrometheusDurations.parse(text);
      if (window.compareTo(Duration.ofDays(3)) < 0) {
        s.error(
            "window",
            "a window of at least 3d is expected (the slowest burn-rate alert looks 3 days back),"
                + " found '"
                + text
                + "'");
        return Optional.empty();
      }
      return Optional.of(window);
    } catch (InvalidValueException e) {
      s.error("window", e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<SloIndicator> indicator(Section s, Optional<Metrics> metrics) {
    boolean availability = s.has("availability");
    boolean latency = s.has("latency");
    if (availability == latency) {
      s.errorHere(
          availability
              ? "an SLO measures one thing: set availability or latency, not both"
              : "an SLO needs an indicator: availability: {} (from the app's request metrics) or"
                  + " latency: {threshold: 300ms}");
      return Optional.empty();
    }
    if (availability) {
      return s.section("availability").flatMap(a -> availability(s, a, metrics));
    }
    return s.section("latency").flatMap(l -> latency(s, l, metrics));
  }

  private static Optional<SloIndicator> availability(
      Section s, Section a, Optional<Metrics> metrics) {
    Optional<String> good = a.string("good");
    Optional<String> total = a.string("total");
    a.finish();
    if (good.isPresent() || total.isPresent()) {
      if (good.isEmpty() || total.isEmpty()) {
        a.errorHere("set both good and total (rates of good and of all events), or neither");
        return Optional.empty();
      }
      boolean ok = true;
      for (String field : List.of("good", "total")) {
        String expr = field.equals("good") ? good.get() : total.get();
        if (!expr.contains(SloIndicator.Expressions.WINDOW)) {
          a.error(
              field,
              "the expression needs "
                  + SloIndicator.Expressions.WINDOW
                  + " where the range goes, e.g. sum(rate(http_requests_total{job=\"shop\"}["
                  + SloIndicator.Expressions.WINDOW
                  + "]))");
          ok = false;
        }
      }
      return ok
          ? Optional.of(new SloIndicator.Expressions(good.get(), total.get()))
          : Optional.empty();
    }
    return requestMetrics(s, "availability", metrics)
        .filter(
            m -> {
              if (m.requestsMetric().isEmpty()) {
                s.error(
                    "availability",
                    "the "
                        + m.convention().spelling()
                        + " convention counts no requests; set spec.metrics.requestsMetric, use"
                        + " the nginx convention for the web server in front, or give"
                        + " availability.good and availability.total");
                return false;
              }
              return true;
            })
        .map(SloIndicator.Requests::new);
  }

  private static Optional<SloIndicator> latency(Section s, Section l, Optional<Metrics> metrics) {
    Optional<String> text = l.requiredString("threshold", "300ms");
    l.finish();
    Optional<BigDecimal> threshold = Optional.empty();
    if (text.isPresent()) {
      try {
        threshold = Optional.of(seconds(Durations.parse(text.get())));
      } catch (InvalidValueException e) {
        l.error("threshold", e.getMessage());
      }
    }
    Optional<RequestMetrics> request = requestMetrics(s, "latency", metrics);
    if (threshold.isEmpty() || request.isEmpty()) {
      return Optional.empty();
    }
    RequestMetrics m = request.get();
    if (m.histogram().isEmpty()) {
      s.error(
          "latency",
          "the "
              + m.convention().spelling()
              + " convention has no latency histogram; name one in spec.metrics.histogram");
      return Optional.empty();
    }
    BigDecimal seconds = threshold.get();
    if (m.buckets().stream().noneMatch(b -> b.compareTo(seconds) == 0)) {
      l.error(
          "threshold",
          "'"
              + text.get()
              + "' is not a bucket boundary of "
              + m.histogram().get()
              + (m.buckets().isEmpty()
                  ? ", which publishes no buckets unless configured; declare them in"
                      + " spec.metrics.buckets, e.g. buckets: [100ms, 300ms, 1s]"
                  : "; the boundaries are "
                      + m.buckets().stream()
                          .map(SloBinder::spelling)
                          .collect(Collectors.joining(", "))
                      + nearest(m.buckets(), seconds)));
      return Optional.empty();
    }
    return Optional.of(new SloIndicator.Latency(m, seconds));
  }

  private static String nearest(List<BigDecimal> buckets, BigDecimal seconds) {
    BigDecimal best = buckets.get(0);
    for (BigDecimal b : buckets) {
      if (b.subtract(seconds).abs().compareTo(best.subtract(seconds).abs()) < 0) {
        best = b;
      }
    }
    return "; did you mean " + spelling(best) + "?";
  }

  private static Optional<RequestMetrics> requestMetrics(
      Section s, String field, Optional<Metrics> metrics) {
    if (metrics.isEmpty()) {
      s.error(
          field,
          "an SLO from the app's request metrics needs spec.metrics (where Prometheus scrapes"
              + " them)");
      return Optional.empty();
    }
    return Optional.of(metrics.get().requests());
  }

  static Monitoring monitoring(Section spec) {
    Optional<Section> section = spec.section("monitoring");
    if (section.isEmpty()) {
      return Monitoring.DEFAULT;
    }
    Section m = section.get();
    Monitoring.RuleFormat rules =
        m.choice(
                "rules",
                SpecBinder.spellings(
                    Monitoring.RuleFormat.values(), Monitoring.RuleFormat::spelling))
            .orElse(Monitoring.RuleFormat.PROMETHEUS_RULE);
    Optional<String> runbook = runbookUrl(m);
    m.finish();
    return new Monitoring(rules, runbook);
  }

  private static Optional<String> runbookUrl(Section s) {
    Optional<String> runbook = s.string("runbookUrl").map(String::strip);
    runbook
        .filter(u -> !u.startsWith("https://") && !u.startsWith("http://"))
        .ifPresent(u -> s.error("runbookUrl", "expected an http(s) URL, found '" + u + "'"));
    return runbook;
  }

  private static SloAlerting alerting(Section s) {
    Optional<Section> section = s.section("alerting");
    if (section.isEmpty()) {
      return new SloAlerting(true, true, 0, Optional.empty());
    }
    Section a = section.get();
    boolean page = a.bool("page").orElse(true);
    boolean ticket = a.bool("ticket").orElse(true);
    int minRequests = a.integer("minRequests", 0, 1_000_000_000).orElse(0);
    Optional<String> runbook = runbookUrl(a);
    a.finish();
    return new SloAlerting(page, ticket, minRequests, runbook);
  }

  /** A boundary as a spec writes it: 300ms, 2.5s. */
  static String spelling(BigDecimal seconds) {
    BigDecimal millis = seconds.movePointRight(3);
    if (seconds.compareTo(BigDecimal.ONE) < 0 && millis.stripTrailingZeros().scale() <= 0) {
      return millis.stripTrailingZeros().toPlainString() + "ms";
    }
    return seconds.toPlainString() + "s";
  }

  static BigDecimal seconds(Duration d) {
    return BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros();
  }
}
