package dev.minato.spec;

import java.util.List;

/**
 * How a workload's pods spread over failure domains. {@link #DEFAULT} spreads a workload of two or
 * more replicas over zones and nodes, as a preference ({@code ScheduleAnyway}); {@link #NONE}
 * renders nothing; a custom list replaces the default and is rendered whatever the replica count.
 */
public record TopologySpread(Kind kind, List<Constraint> constraints) {

  public static final String ZONE = "topology.kubernetes.io/zone";
  public static final String HOSTNAME = "kubernetes.io/hostname";

  public static final TopologySpread NONE = new TopologySpread(Kind.NONE, List.of());

  public static final TopologySpread DEFAULT =
      new TopologySpread(
          Kind.DEFAULT,
          List.of(
              new Constraint(ZONE, 1, WhenUnsatisfiable.SCHEDULE_ANYWAY),
              new Constraint(HOSTNAME, 1, WhenUnsatisfiable.SCHEDULE_ANYWAY)));

  /** Which form the spec chose. */
  public enum Kind {
    NONE,
    DEFAULT,
    CUSTOM
  }

  /** One constraint; its label selector is always the workload's own selector. */
  public record Constraint(String topologyKey, int maxSkew, WhenUnsatisfiable whenUnsatisfiable) {}

  /** What the scheduler does when a constraint cannot be met. */
  public enum WhenUnsatisfiable {
    SCHEDULE_ANYWAY("ScheduleAnyway"),
    DO_NOT_SCHEDULE("DoNotSchedule");

    private final String spelling;

    WhenUnsatisfiable(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }

  /**
   * The constraints to render for a workload that may run {@code maxReplicas} pods: the default
   * spreads only what has something to spread (two or more pods, counting what an autoscaler may
   * add); a custom list is rendered as written.
   */
  public List<Constraint> forReplicas(int maxReplicas) {
    return kind == Kind.DEFAULT && maxReplicas < 2 ? List.of() : constraints;
  }
}
