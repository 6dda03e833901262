package dev.minato.spec;

import java.math.BigDecimal;

/** What an SLO counts as good and as all events. */
public sealed interface SloIndicator {

  /** Availability: requests that did not fail with a 5xx status, from the app's request counter. */
  record Requests(RequestMetrics metrics) implements SloIndicator {}

  /**
   * Availability from two PromQL expressions of per-second rates, each holding {@code $window}
   * where the range goes: the rate of good events and the rate of all events.
   */
  record Expressions(String good, String total) implements SloIndicator {

    /** Where the window goes in {@link #good} and {@link #total}. */
    public static final String WINDOW = "$window";
  }

  /**
   * Latency: requests served within {@code thresholdSeconds}, which is a bucket boundary of the
   * app's histogram, from its {@code _bucket} and {@code _count} series.
   */
  record Latency(RequestMetrics metrics, BigDecimal thresholdSeconds) implements SloIndicator {}
}
