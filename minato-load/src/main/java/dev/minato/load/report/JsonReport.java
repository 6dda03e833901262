package dev.minato.load.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.load.slo.Verdict;
import dev.minato.load.stats.RequestResults;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.Series;
import dev.minato.load.stats.Tick;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The results as JSON, for scripts and for the HTML report (which renders this same tree).
 * Durations are milliseconds with microsecond precision; key order is fixed.
 */
public final class JsonReport {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String render(Results results, List<Verdict> verdicts) {
    try {
      return MAPPER.writeValueAsString(tree(results, verdicts)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode tree(Results results, List<Verdict> verdicts) {
    ObjectNode root = NODES.objectNode();
    var info = results.info();
    root.put("name", info.name());
    root.put("target", info.target());
    root.put("model", info.model());
    root.put("shards", info.shardCount());
    root.put("part", info.part());
    root.put("complete", results.complete());
    root.put("start", Instant.ofEpochMilli(results.startMillis()).toString());
    root.put("durationSeconds", round(results.seconds(), 3));
    root.put("requests", results.requests());
    root.put("rate", round(results.rate(), 2));
    root.put("throughput", round(results.throughput(), 2));
    root.put("errors", results.errors());
    root.put("successRatio", round(results.requests() == 0 ? 0 : 1 - results.errorRatio(), 6));
    root.set("latencyMs", latencies(results, Series.LATENCY));
    root.set("serviceTimeMs", latencies(results, Series.SERVICE));
    Histogram lag = results.histogram(Series.LAG);
    ObjectNode lagNode = root.putObject("scheduleLagMs");
    lagNode.put("p99", ms(lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99)));
    lagNode.put("max", ms(lag.getMaxValue()));
    lagNode.put("fellBehind", Summary.fellBehind(results));
    ObjectNode status = root.putObject("statusClasses");
    ObjectNode failures = root.putObject("failures");
    for (Series s : Series.values()) {
      if (s.isStatusClass()) {
        status.put(s.tag(), results.count(s));
      } else if (s.isFailure()) {
        failures.put(s.tag(), results.count(s));
      }
    }
    // Exact codes as "503": 188, in code order; null for a merge of logs that lack them.
    results
        .statusCodes()
        .ifPresentOrElse(
            codes -> {
              ObjectNode node = root.putObject("statusCodes");
              codes.counts().forEach((code, count) -> node.put(String.valueOf(code), count));
            },
            () -> root.putNull("statusCodes"));
    if (results.dropped().isPresent()) {
      root.put("dropped", results.dropped().getAsLong());
    } else {
      root.putNull("dropped");
    }
    ArrayNode kinds = root.putArray("errorKinds");
    results
        .errorKinds()
        .byCount()
        .forEach(
            kind -> {
              ObjectNode node = kinds.addObject();
              node.put("kind", kind.getKey());
              node.put("count", kind.getValue().count());
              ArrayNode examples = node.putArray("examples");
              kind.getValue().examples().forEach(examples::add);
            });
    ArrayNode targets = root.putArray("targets");
    results.requestResults().stream().map(RequestResults::url).distinct().forEach(targets::add);
    ArrayNode byName = root.putArray("requestResults");
    for (RequestResults r : results.requestResults()) {
      ObjectNode node = byName.addObject();
      node.put("name", r.name());
      node.put("method", r.method());
      node.put("url", r.url());
      node.put("count", r.requests());
      node.put("rate", round(r.requests() / results.seconds(), 2));
      node.put("errors", r.errors());
      node.put("errorRatio", round(r.errorRatio(), 6));
      ObjectNode latency = node.putObject("latencyMs");
      Histogram h = r.latency();
      // null, not 0, when none of its requests has a latency (all failed without a response).
      boolean any = h.getTotalCount() > 0;
      for (double p : List.of(50.0, 90.0, 99.0)) {
        latency.put("p" + Summary.percentileLabel(p), any ? ms(h.getValueAtPercentile(p)) : null);
      }
      latency.put("max", any ? ms(h.getMaxValue()) : null);
    }
    ObjectNode distribution = root.putObject("percentileDistribution");
    distribution.set("latency", distribution(results.histogram(Series.LATENCY)));
    distribution.set("serviceTime", distribution(results.histogram(Series.SERVICE)));
    ArrayNode series = root.putArray("timeSeries");
    for (Tick t : results.ticks()) {
      ObjectNode tick = series.addObject();
      tick.put("second", t.second());
      tick.put("millis", t.millis());
      tick.put("requests", t.requests());
      tick.put("rate", round(t.rate(), 1));
      tick.put("errorRate", round(t.millis() <= 0 ? 0 : t.errors() * 1000.0 / t.millis(), 1));
      tick.put("errors", t.errors());
      tick.put("p50", ms(t.p50Micros()));
      tick.put("p90", ms(t.p90Micros()));
      tick.put("p99", ms(t.p99Micros()));
      tick.put("max", ms(t.maxMicros()));
    }
    ArrayNode slos = root.putArray("slos");
    for (Verdict v : verdicts) {
      ObjectNode slo = slos.addObject();
      slo.put("slo", v.slo().text());
      if (v.slo().request().isPresent()) {
        slo.put("request", v.slo().request().get());
      } else {
        slo.putNull("request");
      }
      slo.put("measured", v.measuredText());
      slo.put(
          "required",
          v.slo().comparison().symbol() + " " + v.slo().metric().format(v.slo().required()));
      slo.put("passed", v.passed());
    }
    return root;
  }

  private static ObjectNode latencies(Results results, Series series) {
    ObjectNode node = NODES.objectNode();
    double[] values = Summary.latencies(results, series);
    node.put("min", ms(values[0]));
    node.put("mean", ms(values[1]));
    for (int i = 0; i < Summary.PERCENTILES.size(); i++) {
      node.put("p" + Summary.percentileLabel(Summary.PERCENTILES.get(i)), ms(values[i + 2]));
    }
    node.put("max", ms(values[values.length - 1]));
    return node;
  }

  /** [percentile, ms] pairs, denser towards the tail, as HdrHistogram's percentile plots use. */
  private static ArrayNode distribution(Histogram h) {
    ArrayNode points = NODES.arrayNode();
    if (h.getTotalCount() == 0) {
      return points;
    }
    for (HistogramIterationValue v : h.percentiles(5)) {
      ArrayNode point = points.addArray();
      point.add(round(v.getPercentileLevelIteratedTo(), 6));
      point.add(ms(v.getValueIteratedTo()));
    }
    return points;
  }

  private static BigDecimal ms(double micros) {
    return BigDecimal.valueOf(micros)
        .divide(BigDecimal.valueOf(1000))
        .setScale(3, RoundingMode.HALF_UP);
  }

  private static BigDecimal round(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
  }
}
