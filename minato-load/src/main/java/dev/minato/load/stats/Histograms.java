package dev.minato.load.stats;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The one histogram shape every run uses: microseconds up to an hour at three significant digits.
 * Sharing it is what makes shard logs add up exactly.
 */
public final class Histograms {

  /** The largest value kept; longer ones are clamped to it (an hour is a failed run anyway). */
  public static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  public static final int SIGNIFICANT_DIGITS = 3;

  private Histograms() {}

  public static Histogram create() {
    return new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
  }

  public static SingleWriterRecorder singleWriterRecorder() {
    return new SingleWriterRecorder(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
  }

  /** Nanoseconds to the microseconds the histograms hold, kept within range. */
  public static long micros(long nanos) {
    return Math.max(0, Math.min(HIGHEST_MICROS, nanos / 1_000));
  }
}
