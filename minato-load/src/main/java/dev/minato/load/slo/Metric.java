package dev.minato.load.slo;

import dev.minato.load.stats.RequestResults;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.Series;
import dev.minato.load.syntax.DurationFormat;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** What an SLO measures on a run's {@link Results}. */
public sealed interface Metric {

  /**
   * The measured value, in the metric's unit (microseconds, a fraction, a count, per second); NaN
   * when the run holds nothing to measure (a latency when no request was answered).
   */
  double measure(Results results);

  /**
   * The measured value on one named request of a run that lasted {@code seconds}; NaN when there is
   * nothing to measure. Service time is not recorded per request (the parser refuses it).
   */
  double measure(RequestResults request, double seconds);

  /** A value of this metric as a person reads it ({@code 12.5ms}, {@code 0.1%}, {@code 1900/s}). */
  String format(double value);

  /**
   * The timed-out requests that may lie at or below {@code value}, measured on the whole run: they
   * are recorded at the time they were given up, so {@code value} is then only a lower bound of the
   * truth. 0 when it is exact.
   */
  default long timedOutBelow(double value, Results results) {
    return 0;
  }

  /** The same for a value measured on one named request of {@code results}. */
  default long timedOutBelow(double value, RequestResults request, Results results) {
    return 0;
  }

  /** A latency statistic of {@code series} (latency or service time): a percentile, mean or max. */
  record Latency(Series series, Statistic statistic, double percentile) implements Metric {
    @Override
    public double measure(Results results) {
      Histogram h = results.histogram(series);
      if (h.getTotalCount() == 0) {
        // Not 0: a dead service would pass every latency gate.
        return Double.NaN;
      }
      return switch (statistic) {
        case PERCENTILE -> h.getValueAtPercentile(percentile);
        case MEAN -> h.getMean();
        case MAX -> h.getMaxValue();
      };
    }

    @Override
    public double measure(RequestResults request, double seconds) {
      Histogram h = request.latency();
      if (series != Series.LATENCY || h.getTotalCount() == 0) {
        return Double.NaN;
      }
      return switch (statistic) {
        case PERCENTILE -> h.getValueAtPercentile(percentile);
        case MEAN -> h.getMean();
        case MAX -> h.getMaxValue();
      };
    }

    @Override
    public String format(double value) {
      return DurationFormat.formatMicros(value);
    }

    @Override
    public long timedOutBelow(double value, Results results) {
      // Service time holds answered requests only: a timed-out one has none to bound.
      return series == Series.LATENCY
          ? timedOutBelow(value, results.count(Series.TIMEOUT), results)
          : 0;
    }

    @Override
    public long timedOutBelow(double value, RequestResults request, Results results) {
      // A request's timeouts are among its errors, and no earlier than the run's first one.
      return timedOutBelow(
          value, Math.min(request.errors(), results.count(Series.TIMEOUT)), results);
    }

    /**
     * A mean or a maximum holds every timed-out request; a percentile below the least latency any
     * request timed out at is an answered request's, and exact.
     */
    private long timedOutBelow(double value, long timedOut, Results results) {
      if (timedOut == 0
          || statistic == Statistic.PERCENTILE
              && value < results.histogram(Series.TIMEOUT).getMinValue()) {
        return 0;
      }
      return timedOut;
    }
  }

  /** Errors as a share of requests. */
  record ErrorRatio() implements Metric {
    @Override
    public double measure(Results results) {
      return results.errorRatio();
    }

    @Override
    public double measure(RequestResults request, double seconds) {
      return request.errorRatio();
    }

    @Override
    public String format(double value) {
      return String.format(Locale.ROOT, "%.3f%%", value * 100).replaceAll("\\.?0+%$", "%");
    }
  }

  /** The number of errors. */
  record ErrorCount() implements Metric {
    @Override
    public double measure(Results results) {
      return results.errors();
    }

    @Override
    public double measure(RequestResults request, double seconds) {
      return request.errors();
    }

    @Override
    public String format(double value) {
      return String.valueOf((long) value);
    }
  }

  /** Requests per second ({@code rate}) or successful requests per second ({@code throughput}). */
  record PerSecond(boolean successesOnly) implements Metric {
    @Override
    public double measure(Results results) {
      return successesOnly ? results.throughput() : results.rate();
    }

    @Override
    public double measure(RequestResults request, double seconds) {
      long count = successesOnly ? request.requests() - request.errors() : request.requests();
      return count / seconds;
    }

    @Override
    public String format(double value) {
      return String.format(Locale.ROOT, "%.1f/s", value);
    }
  }

  enum Statistic {
    PERCENTILE,
    MEAN,
    MAX
  }
}
