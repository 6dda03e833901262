package dev.minato.load.stats;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a run, or of several shard runs merged: one total histogram per {@link Series},
 * the per-second time series, and the wall-clock span from the first scheduled request to the last
 * completion.
 */
public final class Results {

  private final RunInfo info;
  private final Map<Series, Histogram> totals;
  private final List<Tick> ticks;
  private final long startMillis;
  private final long endMillis;
  private final boolean complete;
  private final Histogram latencyFigures;
  private final Optional<StatusCodes> statusCodes;
  private final ErrorKinds errorKinds;
  private final List<RequestResults> requestResults;
  private final OptionalLong dropped;

  Results(
      RunInfo info,
      Map<Series, Histogram> totals,
      List<Tick> ticks,
      long startMillis,
      long endMillis,
      boolean complete,
      Optional<StatusCodes> statusCodes,
      ErrorKinds errorKinds,
      List<RequestResults> requestResults,
      OptionalLong dropped) {
    this.info = info;
    this.statusCodes = statusCodes;
    this.errorKinds = errorKinds;
    this.requestResults = List.copyOf(requestResults);
    this.dropped = dropped;
    this.totals = new EnumMap<>(totals);
    this.ticks = List.copyOf(ticks);
    this.startMillis = startMillis;
    this.endMillis = endMillis;
    this.complete = complete;
    // A timed-out request waited at least its timeout: leaving it out of the latency figures
    // would let 'max<300ms' pass while requests time out.
    this.latencyFigures = totals.get(Series.LATENCY).copy();
    latencyFigures.add(totals.get(Series.TIMEOUT));
  }

  public RunInfo info() {
    return info;
  }

  /**
   * The total histogram of a series (empty when nothing was recorded). Do not modify it. {@link
   * Series#LATENCY}'s includes the timed-out requests, each at no less than the timeout, since that
   * is how long their users waited; its count stays that of the answered requests.
   */
  public Histogram histogram(Series series) {
    return series == Series.LATENCY ? latencyFigures : totals.get(series);
  }

  public long count(Series series) {
    return totals.get(series).getTotalCount();
  }

  public List<Tick> ticks() {
    return ticks;
  }

  public long startMillis() {
    return startMillis;
  }

  public long endMillis() {
    return endMillis;
  }

  /** False when the run was interrupted (Ctrl-C) or a shard log lacked its end marker. */
  public boolean complete() {
    return complete;
  }

  /**
   * Responses by exact status code; empty only for a merge of shard logs written before the logs
   * carried codes (format 1), where the status classes are all there is.
   */
  public Optional<StatusCodes> statusCodes() {
    return statusCodes;
  }

  /**
   * Errors by kind ({@code http-503}, {@code timeout}, {@code reset}, ...) with example messages;
   * the counts add up to {@link #errors()}. For a merge of logs older than format 3 the kinds are
   * the status codes and failure classes, without examples.
   */
  public ErrorKinds errorKinds() {
    return errorKinds;
  }

  /**
   * Results per named request, in the scenario's order (one entry, the path, for a URL run); empty
   * for a merge of logs older than format 3, which lack them.
   */
  public List<RequestResults> requestResults() {
    return requestResults;
  }

  /** The named request's results, if the run had a request of that name. */
  public Optional<RequestResults> request(String name) {
    return requestResults.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * Requests the open model could not send on schedule (its pending queue was full); they are in
   * the timeouts too. Empty for a merge of logs older than format 3, which did not record it.
   */
  public OptionalLong dropped() {
    return dropped;
  }

  /** Every request issued and finished: those with a response plus those that failed. */
  public long requests() {
    return count(Series.LATENCY) + count(Series.CONNECT) + count(Series.TIMEOUT) + count(Series.IO);
  }

  public long errors() {
    long errors = 0;
    for (Series s : Series.values()) {
      if (s.isError()) {
        errors += count(s);
      }
    }
    return errors;
  }

  public long successes() {
    return requests() - errors();
  }

  public double seconds() {
    return Math.max(1, endMillis - startMillis) / 1000.0;
  }

  /** Requests per second over the whole span. */
  public double rate() {
    return requests() / seconds();
  }

  /** Successful requests per second over the whole span. */
  public double throughput() {
    return successes() / seconds();
  }

  /** Errors as a fraction of requests (0 when there were none). */
  public double errorRatio() {
    long requests = requests();
    return requests == 0 ? 0 : (double) errors() / requests;
  }
}
