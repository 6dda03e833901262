package dev.minato.spec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** How a web app is reached: inside the cluster, on a NodePort, or through an Ingress. */
public record Expose(
    Type type,
    OptionalInt nodePort,
    TrafficPolicy externalTrafficPolicy,
    Optional<String> host,
    List<String> paths,
    Optional<String> tlsSecret,
    Optional<String> ingressClass) {

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
