package dev.minato.spec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a web app is reached: inside the cluster, on a NodePort, or through an Ingress.
 *
 * @param autoNodePort whether minato assigns the NodePort ({@code nodePort: auto})
 * @param host the Ingress host, or for a NodePort the host name the external load balancer routes
 * @param checkPath the path an external load balancer checks through the NodePort, when the
 *     readiness path is not served on the app's port
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
    Optional<String> checkPath) {

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
        checkPath);
  }

  /** The Service type, or Ingress (a ClusterIP Service behind an Ingress). */
  public enum Type {
    CLUSTER_IP("ClusterIP"),
    NODE_PORT("NodePort"),
    INGRESS("Ingress");

    private final String spelling;

    Type(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
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
