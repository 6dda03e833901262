package dev.minato.spec;

import java.util.Optional;

/**
 * What a web app speaks on its port. {@code grpc} and {@code h2c} are HTTP/2 over cleartext with
 * prior knowledge: anything in front of the app (a load balancer, an Ingress controller, a mesh)
 * must speak HTTP/2 to it, or every request fails. Kubernetes standardised one application protocol
 * for that, {@code kubernetes.io/h2c}; gRPC over cleartext is exactly that (a proposed {@code
 * kubernetes.io/grpc} was dropped from KEP-3726), so both carry it.
 */
public enum Protocol {
  HTTP("http"),
  GRPC("grpc"),
  H2C("h2c");

  private final String spelling;

  Protocol(String spelling) {
    this.spelling = spelling;
  }

  public String spelling() {
    return spelling;
  }

  /** The name of the serving port on the container and the Service: what a mesh reads first. */
  public String portName() {
    return spelling;
  }

  /** The Service port's {@code appProtocol}, when it is not plain HTTP/1.1. */
  public Optional<String> appProtocol() {
    return this == HTTP ? Optional.empty() : Optional.of("kubernetes.io/h2c");
  }

  /** Whether the app speaks HTTP/2 cleartext (prior knowledge) rather than HTTP/1.1. */
  public boolean http2() {
    return this != HTTP;
  }
}
