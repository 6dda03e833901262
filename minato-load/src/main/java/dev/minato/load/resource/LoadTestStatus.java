package dev.minato.load.resource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.load.slo.Verdict;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.Series;
import dev.minato.load.syntax.DurationFormat;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The {@code status} the controller writes on a LoadTest, built from values so it is the same
 * whatever cluster it runs against. Phases: {@code Running} (the Job exists), then {@code Passed}
 * or {@code Failed}; conditions {@code Running}, {@code Passed} and {@code Failed} say the same in
 * the form {@code kubectl wait --for=condition=Passed} reads.
 */
public final class LoadTestStatus {

  public static final String RUNNING = "Running";
  public static final String PASSED = "Passed";
  public static final String FAILED = "Failed";

  /** The condition saying whether the report went to the configured object store. */
  public static final String REPORT_STORED = "ReportStored";

  /** The percentiles the status shows; the report in the ConfigMap has every figure. */
  private static final double[] PERCENTILES = {50, 90, 99, 99.9};

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private LoadTestStatus() {}

  /** The status while the Job runs: the shards begin at {@code startAt}. */
  public static ObjectNode running(
      long generation, String job, int shards, Instant startAt, Instant now) {
    ObjectNode status = NODES.objectNode();
    status.put("observedGeneration", generation);
    status.put("phase", RUNNING);
    status.put("verdict", "");
    status.put("job", job);
    status.put("shards", shards);
    status.put("startAt", seconds(startAt));
    ArrayNode conditions = status.putArray("conditions");
    condition(conditions, RUNNING, true, "JobCreated", job + " runs " + shards + " shard(s)", now);
    condition(conditions, PASSED, false, "Running", "not judged yet", now);
    condition(conditions, FAILED, false, "Running", "not judged yet", now);
    return status;
  }

  /**
   * The status of a LoadTest that cannot run ({@code reason}: {@code InvalidSpec}, {@code
   * NotOwned}); it fails without sending anything.
   */
  public static ObjectNode refused(long generation, String reason, String message, Instant now) {
    ObjectNode status = NODES.objectNode();
    status.put("observedGeneration", generation);
    status.put("phase", FAILED);
    status.put("verdict", "Failed: " + message);
    status.put("completionTime", seconds(now));
    ArrayNode conditions = status.putArray("conditions");
    condition(conditions, RUNNING, false, reason, message, now);
    condition(conditions, PASSED, false, reason, message, now);
    condition(conditions, FAILED, true, reason, message, now);
    return status;
  }

  /**
   * The final status: the verdict, the merged figures and where the report is. With an object store
   * configured, the condition {@code ReportStored} says whether the report went there or, and why,
   * to the ConfigMap instead (a failure of the store is in {@code place}); the verdict is the same
   * either way.
   */
  public static ObjectNode finished(
      ObjectNode running, RunJudgement judgement, ReportPlace place, Instant now) {
    ObjectNode status = running.deepCopy();
    String phase = judgement.passed() ? PASSED : FAILED;
    status.put("phase", phase);
    status.put("verdict", judgement.verdict());
    status.put("partial", judgement.partial());
    status.put("completionTime", seconds(now));
    ArrayNode shards = status.putArray("shardResults");
    for (ShardOutcome shard : judgement.shards()) {
      shards
          .addObject()
          .put("index", shard.index())
          .put("state", shard.state().name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .put("detail", shard.detail());
    }
    judgement.results().ifPresent(results -> status.set("results", figures(results)));
    ArrayNode slos = status.putArray("slos");
    for (Verdict verdict : judgement.verdicts()) {
      slos.addObject()
          .put("slo", verdict.slo().text())
          .put("measured", verdict.measuredText())
          .put("passed", verdict.passed());
    }
    if (judgement.results().isPresent()) {
      ObjectNode report = status.putObject("report");
      if (place instanceof ReportPlace.InStore stored) {
        report.put("url", stored.html());
        report.put("json", stored.json());
        report.put("text", stored.text());
        report.put("location", stored.location());
      } else if (place instanceof ReportPlace.InConfigMap map) {
        report.put("configMap", map.configMap());
        report.putArray("keys").add(ReportConfigMap.TEXT_KEY).add(ReportConfigMap.JSON_KEY);
      }
    }
    ArrayNode conditions = status.putArray("conditions");
    String reason = judgement.passed() ? "SlosHeld" : judgement.partial() ? "Partial" : "SloFailed";
    if (judgement.results().isEmpty() && !judgement.partial()) {
      reason = "NotMerged";
    }
    condition(conditions, RUNNING, false, "Ended", "the run ended", now);
    condition(conditions, PASSED, judgement.passed(), reason, judgement.verdict(), now);
    condition(conditions, FAILED, !judgement.passed(), reason, judgement.verdict(), now);
    if (judgement.results().isPresent()) {
      if (place instanceof ReportPlace.InStore stored) {
        condition(conditions, REPORT_STORED, true, "Stored", stored.location(), now);
      } else if (place instanceof ReportPlace.InConfigMap map && map.storeFailure().isPresent()) {
        condition(
            conditions,
            REPORT_STORED,
            false,
            "StoreFailed",
            map.storeFailure().get()
                + "; the report is in the ConfigMap "
                + map.configMap()
                + " instead",
            now);
      }
    }
    return status;
  }

  /**
   * One line for people (the notification): {@code LoadTest shop/checkout Passed: 3 of 3 SLOs held;
   * 12000 requests, 0 errors, 200.0/s, p99 12.3ms}.
   */
  public static String summary(String namespace, String name, RunJudgement judgement) {
    StringBuilder text =
        new StringBuilder("LoadTest ")
            .append(namespace)
            .append('/')
            .append(name)
            .append(' ')
            .append(judgement.verdict());
    judgement
        .results()
        .ifPresent(
            results ->
                text.append("; ")
                    .append(results.requests())
                    .append(" requests, ")
                    .append(results.errors())
                    .append(" errors, ")
                    .append(String.format(Locale.ROOT, "%.1f/s", results.rate()))
                    .append(", p99 ")
                    .append(
                        results.count(Series.LATENCY) + results.count(Series.TIMEOUT) == 0
                            ? "none"
                            : DurationFormat.formatMicros(
                                results.histogram(Series.LATENCY).getValueAtPercentile(99))));
    return text.toString();
  }

  private static ObjectNode figures(Results results) {
    ObjectNode figures = NODES.objectNode();
    figures.put("requests", results.requests());
    figures.put("errors", results.errors());
    figures.put("errorRatio", String.format(Locale.ROOT, "%.4f%%", results.errorRatio() * 100));
    figures.put("rate", String.format(Locale.ROOT, "%.2f/s", results.rate()));
    figures.put("throughput", String.format(Locale.ROOT, "%.2f/s", results.throughput()));
    ObjectNode latency = figures.putObject("latency");
    Histogram histogram = results.histogram(Series.LATENCY);
    if (histogram.getTotalCount() > 0) {
      for (double p : PERCENTILES) {
        latency.put(
            "p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)),
            DurationFormat.formatMicros(histogram.getValueAtPercentile(p)));
      }
      latency.put("max", DurationFormat.formatMicros(histogram.getMaxValue()));
    }
    return figures;
  }

  private static void condition(
      ArrayNode conditions,
      String type,
      boolean value,
      String reason,
      String message,
      Instant now) {
    conditions
        .addObject()
        .put("type", type)
        .put("status", value ? "True" : "False")
        .put("reason", reason)
        .put("message", message)
        .put("lastTransitionTime", seconds(now));
  }

  private static String seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
