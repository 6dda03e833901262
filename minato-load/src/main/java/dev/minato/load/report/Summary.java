package dev.minato.load.report;

import dev.minato.load.stats.Results;
import dev.minato.load.stats.Series;
import java.util.List;
import org.HdrHistogram.Histogram;

/** The latency statistics every report shows, in one place so text, JSON and HTML agree. */
final class Summary {

  /** Percentiles in the order the reports list them. */
  static final List<Double> PERCENTILES = List.of(50.0, 90.0, 95.0, 99.0, 99.9);

  /** Lag above this means the generator could not keep its schedule (a busy or small machine). */
  static final long BEHIND_SCHEDULE_MICROS = 10_000;

  private Summary() {}

  /** min, mean, the {@link #PERCENTILES}, max; microseconds (all 0 when nothing was recorded). */
  static double[] latencies(Results results, Series series) {
    Histogram h = results.histogram(series);
    double[] values = new double[PERCENTILES.size() + 3];
    if (h.getTotalCount() == 0) {
      return values;
    }
    values[0] = h.getMinValue();
    values[1] = h.getMean();
    for (int i = 0; i < PERCENTILES.size(); i++) {
      values[i + 2] = h.getValueAtPercentile(PERCENTILES.get(i));
    }
    values[values.length - 1] = h.getMaxValue();
    return values;
  }

  static String percentileLabel(double p) {
    return p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p);
  }

  static boolean fellBehind(Results results) {
    return results.histogram(Series.LAG).getMaxValue() >= BEHIND_SCHEDULE_MICROS;
  }
}
