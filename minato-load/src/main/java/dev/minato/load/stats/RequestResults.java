package dev.minato.load.stats;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * The results of one of a scenario's named requests (or of the one path of a URL run): how many
 * ended, how many were errors, and their latency, timed-out requests included at no less than the
 * timeout, as in the run's own latency figures. Histograms add up exactly, so a merged request's
 * percentiles are those of one process.
 *
 * @param url the full URL the request goes to (target and path)
 * @param latency do not modify; from the intended send time
 */
public record RequestResults(
    String name, String method, String url, long requests, long errors, Histogram latency) {

  public RequestResults {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(latency, "latency");
  }

  /** No request of this kind ended yet. */
  public static RequestResults empty(String name, String method, String url) {
    return new RequestResults(name, method, url, 0, 0, Histograms.create());
  }

  /** This request's results and {@code other}'s (the same request in another loop or shard). */
  public RequestResults plus(RequestResults other) {
    Histogram sum = latency.copy();
    sum.add(other.latency);
    return new RequestResults(
        name, method, url, requests + other.requests, errors + other.errors, sum);
  }

  /** Errors as a fraction of this request's count (0 when none ended). */
  public double errorRatio() {
    return requests == 0 ? 0 : (double) errors / requests;
  }
}
