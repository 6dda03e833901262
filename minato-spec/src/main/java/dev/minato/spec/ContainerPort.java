package dev.minato.spec;

/** A port a sidecar or init container listens on. */
public record ContainerPort(String name, int containerPort, Protocol protocol) {

  public enum Protocol {
    TCP,
    UDP,
    SCTP;

    public String spelling() {
      return name();
    }
  }
}
