package dev.minato.shadow.proxy;

import dev.minato.shadow.upstream.UpstreamAddress;
import dev.minato.shadow.upstream.UpstreamSettings;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a shadow proxy is started with.
 *
 * @param listen where clients connect
 * @param primary the service clients are answered by
 * @param candidate the new copy requests are mirrored to
 * @param secondary a second copy of the old service, for noise; when empty, GET and HEAD requests
 *     go to the primary a second time instead, unless {@code primaryTwice} is off
 * @param primaryTwice ask the primary twice when there is no secondary
 * @param policy which requests are mirrored
 * @param queueCapacity the most mirrored requests in flight; beyond it copies are dropped
 * @param primarySettings the primary's client (its body limit is the comparison's limit)
 * @param mirrorSettings the candidate's and secondary's clients
 */
public record ProxySettings(
    InetSocketAddress listen,
    UpstreamAddress primary,
    UpstreamAddress candidate,
    Optional<UpstreamAddress> secondary,
    boolean primaryTwice,
    MirrorPolicy policy,
    int queueCapacity,
    UpstreamSettings primarySettings,
    UpstreamSettings mirrorSettings) {

  public ProxySettings {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(secondary, "secondary");
    Objects.requireNonNull(policy, "policy");
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("the mirror queue holds at least one request");
    }
  }

  /** The body limit of the comparison: bodies above it are compared by hash. */
  public int bodyLimit() {
    return primarySettings.bodyLimit();
  }

  /**
   * Settings for a proxy on {@code listen} between {@code primary} and {@code candidate}: safe
   * methods only, the primary asked twice for noise, a queue of 1,000 copies, default clients.
   */
  public static Builder builder(
      InetSocketAddress listen, UpstreamAddress primary, UpstreamAddress candidate) {
    return new Builder(listen, primary, candidate);
  }

  /** Builds settings; every part but the three addresses has a default. */
  public static final class Builder {
    private final InetSocketAddress listen;
    private final UpstreamAddress primary;
    private final UpstreamAddress candidate;
    private Optional<UpstreamAddress> secondary = Optional.empty();
    private boolean primaryTwice = true;
    private MirrorPolicy policy = MirrorPolicy.SAFE;
    private int queueCapacity = 1000;
    private UpstreamSettings primarySettings = UpstreamSettings.defaults();
    private UpstreamSettings mirrorSettings = UpstreamSettings.defaults();

    private Builder(InetSocketAddress listen, UpstreamAddress primary, UpstreamAddress candidate) {
      this.listen = listen;
      this.primary = primary;
      this.candidate = candidate;
    }

    public Builder secondary(Optional<UpstreamAddress> address) {
      secondary = address;
      return this;
    }

    public Builder primaryTwice(boolean twice) {
      primaryTwice = twice;
      return this;
    }

    public Builder policy(MirrorPolicy mirrored) {
      policy = mirrored;
      return this;
    }

    public Builder queueCapacity(int capacity) {
      queueCapacity = capacity;
      return this;
    }

    public Builder primarySettings(UpstreamSettings client) {
      primarySettings = client;
      return this;
    }

    public Builder mirrorSettings(UpstreamSettings client) {
      mirrorSettings = client;
      return this;
    }

    public ProxySettings build() {
      return new ProxySettings(
          listen,
          primary,
          candidate,
          secondary,
          primaryTwice,
          policy,
          queueCapacity,
          primarySettings,
          mirrorSettings);
    }
  }
}
