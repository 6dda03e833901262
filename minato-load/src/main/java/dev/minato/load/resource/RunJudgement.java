package dev.minato.load.resource;

import dev.minato.load.report.HtmlReport;
import dev.minato.load.report.JsonReport;
import dev.minato.load.report.TextReport;
import dev.minato.load.slo.Slo;
import dev.minato.load.slo.SloException;
import dev.minato.load.slo.Verdict;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.ShardLog;
import dev.minato.load.stats.ShardLogException;
import dev.minato.load.stats.ShardMerge;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verdict of a run in the cluster, from what became of each of its shards: the logs of the
 * shards that ran merged exactly ({@link ShardMerge}, as {@code load merge} does), the SLOs
 * evaluated on the merged result only ({@link Verdict#evaluate}), never per shard. A run missing a
 * shard cannot pass: the load it sent is not the scenario's, and the verdict says it was partial.
 *
 * @param passed whether every shard ran and every SLO held on the merged result
 * @param partial whether some shard never started or failed
 * @param verdict one line for a person: what passed or failed, and why
 * @param shards what became of each shard, by index
 * @param results the merged results of the shards that ran, when any did
 * @param verdicts the SLO verdicts on those results
 */
public record RunJudgement(
    boolean passed,
    boolean partial,
    String verdict,
    List<ShardOutcome> shards,
    Optional<Results> results,
    List<Verdict> verdicts) {

  public RunJudgement {
    shards = List.copyOf(shards);
    verdicts = List.copyOf(verdicts);
  }

  /** Judges a run of {@code outcomes.size()} shards; {@code outcomes} is in index order. */
  public static RunJudgement judge(List<ShardOutcome> outcomes) {
    List<ShardOutcome> shards = new ArrayList<>();
    List<ShardLog> logs = new ArrayList<>();
    for (ShardOutcome outcome : outcomes) {
      if (outcome.state() != ShardOutcome.State.SUCCEEDED) {
        shards.add(outcome);
        continue;
      }
      try {
        logs.add(ShardLog.parse("shard " + outcome.index(), outcome.log().orElseThrow()));
        shards.add(outcome);
      } catch (ShardLogException e) {
        // The pod ended well but wrote no readable log: its load cannot be counted.
        shards.add(
            ShardOutcome.failed(outcome.index(), "no readable shard log: " + e.getMessage()));
      }
    }
    List<ShardOutcome> missing =
        shards.stream().filter(s -> s.state() != ShardOutcome.State.SUCCEEDED).toList();
    boolean partial = !missing.isEmpty();
    String gaps =
        partial
            ? "partial run, "
                + (shards.size() - missing.size())
                + " of "
                + shards.size()
                + " shards merged: "
                + String.join("; ", missing.stream().map(ShardOutcome::describe).toList())
            : "";
    if (logs.isEmpty()) {
      return new RunJudgement(
          false, true, "Failed: no shard ran; " + gaps, shards, Optional.empty(), List.of());
    }
    Results results;
    try {
      results = partial ? ShardMerge.mergeAvailable(logs) : ShardMerge.merge(logs);
    } catch (ShardLogException e) {
      return new RunJudgement(
          false,
          partial,
          "Failed: the shard logs do not merge: " + e.getMessage(),
          shards,
          Optional.empty(),
          List.of());
    }
    List<Verdict> verdicts = Verdict.evaluate(slos(results), results);
    List<String> failed =
        verdicts.stream().filter(v -> !v.passed()).map(Verdict::describe).toList();
    boolean passed = !partial && failed.isEmpty();
    String verdict;
    if (passed) {
      verdict =
          verdicts.isEmpty()
              ? "Passed: every shard ran; no SLOs to judge"
              : "Passed: " + verdicts.size() + " of " + verdicts.size() + " SLOs held";
    } else {
      List<String> why = new ArrayList<>();
      if (partial) {
        why.add(gaps);
      }
      why.addAll(failed);
      verdict = "Failed: " + String.join("; ", why);
    }
    return new RunJudgement(passed, partial, verdict, shards, Optional.of(results), verdicts);
  }

  /** The text report of the merged results, as {@code load merge} prints it. */
  public Optional<String> textReport() {
    return results.map(r -> header() + TextReport.render(r, verdicts));
  }

  /** The JSON report of the merged results, as {@code load merge --json} prints it. */
  public Optional<String> jsonReport() {
    return results.map(r -> JsonReport.render(r, verdicts));
  }

  /**
   * The self-contained HTML report of the merged results, as {@code load merge --html} writes it.
   */
  public Optional<String> htmlReport() {
    return results.map(r -> HtmlReport.render(r, verdicts));
  }

  private String header() {
    return partial ? "PARTIAL RUN: " + verdict + "\n\n" : "";
  }

  private static List<Slo> slos(Results results) {
    List<Slo> slos = new ArrayList<>();
    for (String text : results.info().slos()) {
      try {
        slos.add(Slo.parse(text));
      } catch (SloException e) {
        // The scenario's SLOs were read by the same parser before the run began.
        throw new IllegalStateException("a shard log holds an invalid SLO: " + text, e);
      }
    }
    return slos;
  }
}
