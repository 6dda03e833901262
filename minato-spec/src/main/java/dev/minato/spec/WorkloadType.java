package dev.minato.spec;

/**
 * What runs continuously for an app: a web service (a port, a Service, HTTP probes), a worker (no
 * port, no Service), nothing but its scheduled jobs, or stateful members (a StatefulSet: stable
 * names and a volume per member; it serves like a web app when it has a port).
 */
public enum WorkloadType {
  WEB,
  WORKER,
  BATCH,
  STATEFUL;

  /** True when this type takes traffic: a web app, or a stateful app that has a port. */
  public boolean serves(boolean hasPort) {
    return this == WEB || (this == STATEFUL && hasPort);
  }

  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
