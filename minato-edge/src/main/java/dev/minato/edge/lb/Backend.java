package dev.minato.edge.lb;

import dev.minato.spec.Expose;
import java.util.List;
import java.util.Optional;

/**
 * One exposed app of one environment: the NodePort it is reached on in the cluster, the host the
 * load balancer routes by (if any), how members are checked, and the members.
 */
public record Backend(
    String app,
    int nodePort,
    Expose.TrafficPolicy trafficPolicy,
    Optional<String> host,
    HealthCheck check,
    List<Member> members) {}
