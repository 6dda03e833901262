package dev.minato.spec;

/**
 * What runs continuously for an app: a web service (a port, a Service, HTTP probes), a worker (no
 * port, no Service), or nothing but its scheduled jobs.
 */
public enum WorkloadType {
  WEB,
  WORKER,
  BATCH;

  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
