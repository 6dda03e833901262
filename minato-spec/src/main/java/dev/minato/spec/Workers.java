package dev.minato.spec;

import dev.minato.manifest.quantity.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Worker processes or threads per CPU. Pre-forking servers (Puma, Unicorn, PHP-FPM, Gunicorn) read
 * a worker count from the environment; sizing it from the CPU request keeps the pod's concurrency
 * in step with the CPU it was given.
 */
public record Workers(BigDecimal perCpu, String env) {

  public static final String DEFAULT_ENV = "WEB_CONCURRENCY";

  /** The CPU request in cores × perCpu, rounded up, and at least 1. */
  public int count(Quantity cpu) {
    int n = cpu.value().multiply(perCpu).setScale(0, RoundingMode.CEILING).intValueExact();
    return Math.max(1, n);
  }
}
