package dev.minato.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One probe of a container, as Kubernetes runs it: what is checked and how often. Used for the app
 * container and for sidecars alike; ports are resolved numbers, so a renderer only decides how to
 * refer to them (a port name where Kubernetes allows one).
 *
 * @param successThreshold consecutive successes after a failure; Kubernetes accepts only 1 for
 *     liveness and startup probes
 */
public record Probe(
    Check check,
    int periodSeconds,
    int timeoutSeconds,
    int failureThreshold,
    int successThreshold) {

  /** The kinds of check a probe can make, as spelt in {@code health.type}. */
  public enum Type {
    HTTP,
    GRPC,
    TCP,
    EXEC;

    public String spelling() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the check connects to a port (everything but a command run in the container). */
    public boolean usesPort() {
      return this != EXEC;
    }
  }

  /** What a probe checks. */
  public sealed interface Check permits HttpGet, Grpc, TcpSocket, Exec {
    Type type();
  }

  /** An HTTP GET that must answer 2xx or 3xx. */
  public record HttpGet(String path, int port) implements Check {
    @Override
    public Type type() {
      return Type.HTTP;
    }
  }

  /**
   * The standard gRPC health-checking protocol ({@code grpc.health.v1.Health/Check}); an empty
   * service asks about the server as a whole.
   */
  public record Grpc(int port, Optional<String> service) implements Check {
    @Override
    public Type type() {
      return Type.GRPC;
    }
  }

  /** A TCP connection that must open. */
  public record TcpSocket(int port) implements Check {
    @Override
    public Type type() {
      return Type.TCP;
    }
  }

  /** A command run in the container that must exit 0. */
  public record Exec(List<String> command) implements Check {
    public Exec {
      command = List.copyOf(command);
    }

    @Override
    public Type type() {
      return Type.EXEC;
    }
  }
}
