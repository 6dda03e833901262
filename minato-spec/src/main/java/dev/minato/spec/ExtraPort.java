package dev.minato.spec;

import java.util.Optional;

/**
 * A named port of the app's container besides its serving port (a gRPC admin port, a UDP listener).
 * It stays inside the cluster: a web app's extra ports are on its internal Service.
 */
public record ExtraPort(String name, int port, Protocol protocol, Optional<String> appProtocol) {

  /** The transport protocol, as Kubernetes spells it. */
  public enum Protocol {
    TCP("TCP"),
    UDP("UDP"),
    SCTP("SCTP");

    private final String spelling;

    Protocol(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }
}
