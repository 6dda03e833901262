package dev.minato.spec;

/**
 * Graceful shutdown. Kubernetes removes a terminating pod from endpoints and sends SIGTERM at the
 * same time; the preStop drain keeps the app serving until load balancers and kube-proxy have
 * stopped sending it requests, then the app gets {@code timeoutSeconds} to finish in-flight work.
 */
public record Shutdown(int drainSeconds, int timeoutSeconds, PreStop preStop) {

  /** Head-room between the app's own shutdown and SIGKILL. */
  public static final int MARGIN_SECONDS = 5;

  /** How the drain is implemented. */
  public enum PreStop {
    /**
     * {@code exec: sleep N}: works on every Kubernetes version; needs a sleep binary in the image.
     */
    EXEC,
    /** The native {@code sleep} action (Kubernetes 1.30+): works in distroless images too. */
    SLEEP_ACTION
  }

  public int terminationGracePeriodSeconds() {
    return drainSeconds + timeoutSeconds + MARGIN_SECONDS;
  }
}
