package dev.minato.edge.lb;

import dev.minato.spec.Expose;
import dev.minato.spec.Protocol;
import java.util.List;
import java.util.Optional;

/**
 * One exposed app of one environment: the NodePort it is reached on in the cluster, the host the
 * load balancer routes by (if any), how members are checked, the members, and what the members
 * speak ({@code grpc} and {@code h2c} members speak HTTP/2 cleartext only).
 */
public record Backend(
    String app,
    int nodePort,
    Expose.TrafficPolicy trafficPolicy,
    Optional<String> host,
    HealthCheck check,
    List<Member> members,
    Protocol protocol) {

  /** An HTTP/1.1 backend. */
  public Backend(
      String app,
      int nodePort,
      Expose.TrafficPolicy trafficPolicy,
      Optional<String> host,
      HealthCheck check,
      List<Member> members) {
    this(app, nodePort, trafficPolicy, host, check, members, Protocol.HTTP);
  }

  /** The authority (Host) the load balancer's checks send: the routed host, else the app. */
  public String checkAuthority() {
    return host.orElse(app);
  }
}
