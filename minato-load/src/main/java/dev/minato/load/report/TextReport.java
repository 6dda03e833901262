package dev.minato.load.report;

import dev.minato.load.slo.Verdict;
import dev.minato.load.stats.RequestResults;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.Series;
import dev.minato.load.syntax.DurationFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The summary a person reads after a run, laid out like vegeta's text report. */
public final class TextReport {

  private TextReport() {}

  public static String render(Results results, List<Verdict> verdicts) {
    StringBuilder out = new StringBuilder();
    var info = results.info();
    row(
        out,
        "Scenario",
        "",
        info.name()
            + " ("
            + info.model()
            + (info.part().isEmpty() ? "" : ", " + info.part())
            + ") -> "
            + info.target());
    row(
        out,
        "Requests",
        "[total, rate, throughput]",
        results.requests()
            + ", "
            + String.format(Locale.ROOT, "%.2f/s", results.rate())
            + ", "
            + String.format(Locale.ROOT, "%.2f/s", results.throughput()));
    row(out, "Duration", "[total]", DurationFormat.formatMicros(results.seconds() * 1e6));
    latencyRow(out, "Latencies", results, Series.LATENCY);
    latencyRow(out, "Service time", results, Series.SERVICE);
    if (results.count(Series.LAG) > 0) {
      var lag = results.histogram(Series.LAG);
      row(
          out,
          "Schedule lag",
          "[50, 99, max]",
          DurationFormat.formatMicros(lag.getValueAtPercentile(50))
              + ", "
              + DurationFormat.formatMicros(lag.getValueAtPercentile(99))
              + ", "
              + DurationFormat.formatMicros(lag.getMaxValue()));
    }
    double success = results.requests() == 0 ? 0 : 1 - results.errorRatio();
    row(out, "Success", "[ratio]", String.format(Locale.ROOT, "%.2f%%", success * 100));
    if (results.statusCodes().isPresent()) {
      row(out, "Status codes", "[code:count]", codes(results.statusCodes().get().counts()));
      row(out, "Error set", "[code|kind:count]", errorSet(results));
    } else {
      // A merge of format 1 shard logs: only the status classes were recorded.
      row(out, "Status codes", "[class:count]", counts(results, true));
      row(out, "Error set", "[class:count]", counts(results, false));
    }
    row(
        out,
        "Dropped",
        "[unsent]",
        results.dropped().isPresent()
            ? String.valueOf(results.dropped().getAsLong())
            : "unknown (not recorded by these shard logs' format)");
    errorKinds(out, results);
    requests(out, results);
    out.append("Latency is measured from each request's intended send time; service time from\n");
    out.append("when it was actually sent.\n");
    if (Summary.fellBehind(results)) {
      out.append(
          "Warning: the generator fell behind schedule by up to "
              + DurationFormat.formatMicros(results.histogram(Series.LAG).getMaxValue())
              + "; the latencies above include that delay. Use a bigger machine or more shards.\n");
    }
    if (!results.complete()) {
      out.append("Interrupted: the run stopped before its end; the results cover what ran.\n");
    }
    for (Verdict v : verdicts) {
      out.append("SLO ").append(v.describe()).append('\n');
    }
    return out.toString();
  }

  /** Each error kind with its count and up to three example messages, most frequent first. */
  private static void errorKinds(StringBuilder out, Results results) {
    var kinds = results.errorKinds().byCount();
    if (kinds.isEmpty()) {
      return;
    }
    heading(out, "Errors", "[kind, count, examples]");
    for (var kind : kinds) {
      String examples = String.join(" | ", kind.getValue().examples());
      out.append(
          String.format(
                  Locale.ROOT,
                  "  %-17s %8d  %s",
                  kind.getKey(),
                  kind.getValue().count(),
                  examples.isEmpty() ? "" : examples)
              .stripTrailing());
      out.append('\n');
    }
  }

  /** Per named request (the path of a URL run): count, rate, percentiles, errors, its URL. */
  private static void requests(StringBuilder out, Results results) {
    if (results.requestResults().isEmpty()) {
      return;
    }
    heading(out, "By request", "[count, rate, 50, 90, 99, max, errors]");
    for (RequestResults r : results.requestResults()) {
      Histogram h = r.latency();
      String figures =
          h.getTotalCount() == 0
              ? "-, -, -, -"
              : String.join(
                  ", ",
                  DurationFormat.formatMicros(h.getValueAtPercentile(50)),
                  DurationFormat.formatMicros(h.getValueAtPercentile(90)),
                  DurationFormat.formatMicros(h.getValueAtPercentile(99)),
                  DurationFormat.formatMicros(h.getMaxValue()));
      out.append(
          String.format(
              Locale.ROOT,
              "  %s  %s %s%n    %d, %.2f/s, %s, %.2f%%%n",
              r.name(),
              r.method(),
              r.url(),
              r.requests(),
              r.requests() / results.seconds(),
              figures,
              r.errorRatio() * 100));
    }
  }

  private static void latencyRow(StringBuilder out, String title, Results results, Series series) {
    List<String> labels = new ArrayList<>(List.of("min", "mean"));
    Summary.PERCENTILES.forEach(p -> labels.add(Summary.percentileLabel(p)));
    labels.add("max");
    // The latency histogram holds the timed-out requests too, as the JSON report shows them.
    if (results.histogram(series).getTotalCount() == 0) {
      // Zeros would read as an infinitely fast server; say there is nothing to measure.
      row(out, title, "[" + String.join(", ", labels) + "]", "- (no responses)");
      return;
    }
    List<String> values = new ArrayList<>();
    for (double v : Summary.latencies(results, series)) {
      values.add(DurationFormat.formatMicros(v));
    }
    row(out, title, "[" + String.join(", ", labels) + "]", String.join(", ", values));
  }

  private static String codes(Map<Integer, Long> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((code, count) -> parts.add(code + ":" + count));
    return parts.isEmpty() ? "none" : String.join(" ", parts);
  }

  /** Error responses by exact code, then requests that got no response by kind. */
  private static String errorSet(Results results) {
    String codes = codes(results.statusCodes().orElseThrow().errors());
    String failures = counts(results, false);
    if (codes.equals("none")) {
      return failures;
    }
    return failures.equals("none") ? codes : codes + " " + failures;
  }

  private static String counts(Results results, boolean statuses) {
    List<String> parts = new ArrayList<>();
    for (Series s : Series.values()) {
      boolean wanted = statuses ? s.isStatusClass() : s.isFailure();
      if (wanted && results.count(s) > 0) {
        parts.add(s.tag() + ":" + results.count(s));
      }
    }
    return parts.isEmpty() ? "none" : String.join(" ", parts);
  }

  /** A row whose values follow on the lines below it. */
  private static void heading(StringBuilder out, String title, String labels) {
    out.append(String.format(Locale.ROOT, "%-13s %s%n", title, labels));
  }

  private static void row(StringBuilder out, String title, String labels, String values) {
    out.append(String.format(Locale.ROOT, "%-13s %-40s %s%n", title, labels, values));
  }
}
