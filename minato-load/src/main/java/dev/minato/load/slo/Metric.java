package dev.minato.load.slo;

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

  /** A value of this metric as a person reads it ({@code 12.5ms}, {@code 0.1%}, {@code 1900/s}). */
  String format(double value);

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
    public String format(double value) {
      return DurationFormat.formatMicros(value);
    }
  }

  /** Errors as a share of requests. */
  record ErrorRatio() implements Metric {
    @Override
    public double measure(Results results) {
      return results.errorRatio();
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
