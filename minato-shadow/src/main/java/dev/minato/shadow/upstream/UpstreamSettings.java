package dev.minato.shadow.upstream;

import java.time.Duration;

/**
 * How a client talks to one upstream.
 *
 * @param connectTimeout the longest a connection (TCP and TLS handshake) may take to open
 * @param responseTimeout the longest the upstream may stay silent while a response is due
 * @param maxConnections the most connections open to the upstream per event loop
 * @param maxWaiting the most requests waiting for a connection per event loop; beyond it a request
 *     fails at once as {@code overloaded} instead of queueing without bound
 * @param bodyLimit response bodies up to this many bytes are kept for comparison, larger ones only
 *     hashed
 * @param insecure skip certificate and name verification for https (like {@code curl -k})
 */
public record UpstreamSettings(
    Duration connectTimeout,
    Duration responseTimeout,
    int maxConnections,
    int maxWaiting,
    int bodyLimit,
    boolean insecure) {

  /** Defaults fit for a mirror: short waits, a few connections, 64 KiB bodies kept. */
  public static UpstreamSettings defaults() {
    return new UpstreamSettings(
        Duration.ofSeconds(2), Duration.ofSeconds(10), 64, 1024, 64 * 1024, false);
  }

  public UpstreamSettings {
    if (maxConnections < 1 || maxWaiting < 1 || bodyLimit < 0) {
      throw new IllegalArgumentException("connections and waiting must be at least 1");
    }
  }

  public UpstreamSettings withResponseTimeout(Duration timeout) {
    return new UpstreamSettings(
        connectTimeout, timeout, maxConnections, maxWaiting, bodyLimit, insecure);
  }

  public UpstreamSettings withMaxConnections(int connections) {
    return new UpstreamSettings(
        connectTimeout, responseTimeout, connections, maxWaiting, bodyLimit, insecure);
  }

  public UpstreamSettings withBodyLimit(int limit) {
    return new UpstreamSettings(
        connectTimeout, responseTimeout, maxConnections, maxWaiting, limit, insecure);
  }

  public UpstreamSettings withInsecure(boolean skipVerify) {
    return new UpstreamSettings(
        connectTimeout, responseTimeout, maxConnections, maxWaiting, bodyLimit, skipVerify);
  }
}
