package dev.minato.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a web app is reached: inside the cluster, on a NodePort, through an Ingress, or through the
 * cloud's load balancer. Only the serving port is exposed; the rest is on the internal Service.
 *
 * @param autoNodePort whether minato assigns the NodePort ({@code nodePort: auto})
 * @param host the Ingress host, or for a NodePort the host name the external load balancer routes
 * @param checkPath the path an external load balancer checks through the NodePort, when the
 *     readiness path is not served on the app's port
 * @param annotations annotations of the object that exposes the app: the Ingress for type Ingress,
 *     else the app's Service (a cloud load balancer's settings, say)
 * @param sourceRanges the CIDRs a LoadBalancer accepts traffic from; empty means any
 */
public record Expose(
    Type type,
    OptionalInt nodePort,
    boolean autoNodePort,
    TrafficPolicy externalTrafficPolicy,
    Optional<String> host,
    List<String> paths,
    Optional<String> tlsSecret,
    Optional<String> ingressClass,
    Optional<String> checkPath,
    Map<String, String> annotations,
    List<String> sourceRanges) {

  /**
   * The name suffix of an app's cluster-internal Service, which carries every port but the serving
   * one ({@code <app>-internal}).
   */
  public static final String INTERNAL_SERVICE_SUFFIX = "-internal";

  /** This exposure with an assigned NodePort in place of {@code auto}. */
  public Expose withNodePort(int port) {
    return new Expose(
        type,
        OptionalInt.of(port),
        false,
        externalTrafficPolicy,
        host,
        paths,
        tlsSecret,
        ingressClass,
        checkPath,
        annotations,
        sourceRanges);
  }

  /** The Service type, or Ingress (a ClusterIP Service behind an Ingress). */
  public enum Type {
    CLUSTER_IP("ClusterIP"),
    NODE_PORT("NodePort"),
    INGRESS("Ingress"),
    LOAD_BALANCER("LoadBalancer");

    private final String spelling;

    Type(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }

  /** Whether the Service itself is reachable from outside the cluster (NodePort, LoadBalancer). */
  public boolean externalService() {
    return type == Type.NODE_PORT || type == Type.LOAD_BALANCER;
  }

  /**
   * Where NodePort traffic may go: any node's pods (Cluster) or only the receiving node's (Local).
   */
  public enum TrafficPolicy {
    CLUSTER("Cluster"),
    LOCAL("Local");

    private final String spelling;

    TrafficPolicy(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }
}
