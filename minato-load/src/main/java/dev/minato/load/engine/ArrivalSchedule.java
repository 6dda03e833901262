package dev.minato.load.engine;

import dev.minato.load.scenario.Stage;
import dev.minato.load.syntax.Rate;
import java.util.List;

/**
 * When each request of the open model is meant to be sent: request n goes out when the integral of
 * the arrival rate reaches n. With a constant rate that is n / rate; during a linear ramp it is the
 * root of a quadratic. After the last stage the last rate holds.
 */
final class ArrivalSchedule {

  private final double[] startSeconds;
  private final double[] startCount;
  private final double[] startRate;
  private final double[] slope;

  ArrivalSchedule(Rate initial, List<Stage> stages) {
    int n = stages.size() + 1;
    startSeconds = new double[n];
    startCount = new double[n];
    startRate = new double[n];
    slope = new double[n];
    double t = 0;
    double count = 0;
    double rate = initial.perSecond();
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      double d = stage.duration().toNanos() / 1e9;
      double end = stage.rate().perSecond();
      startSeconds[i] = t;
      startCount[i] = count;
      startRate[i] = rate;
      slope[i] = (end - rate) / d;
      count += (rate + end) / 2 * d;
      t += d;
      rate = end;
    }
    startSeconds[n - 1] = t;
    startCount[n - 1] = count;
    startRate[n - 1] = rate;
    slope[n - 1] = 0;
  }

  /**
   * Nanoseconds from the start at which request {@code n} is due, or {@code Long.MAX_VALUE} if it
   * never is (the rate ends at 0).
   */
  long offsetNanos(long n) {
    int segment = 0;
    while (segment + 1 < startCount.length && startCount[segment + 1] <= n) {
      segment++;
    }
    double remaining = n - startCount[segment];
    double r = startRate[segment];
    double a = slope[segment];
    double t;
    if (Math.abs(a) < 1e-12) {
      if (r <= 0) {
        return Long.MAX_VALUE;
      }
      t = remaining / r;
    } else {
      // remaining = r·t + a·t²/2, solved for the first t >= 0.
      double discriminant = r * r + 2 * a * remaining;
      if (discriminant < 0) {
        return Long.MAX_VALUE;
      }
      t = (-r + Math.sqrt(discriminant)) / a;
    }
    return Math.round((startSeconds[segment] + t) * 1e9);
  }
}
