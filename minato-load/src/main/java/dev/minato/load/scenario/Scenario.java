package dev.minato.load.scenario;

import dev.minato.load.slo.Slo;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A load test: where to send, what to send, how requests arrive, how long, and the SLOs the result
 * must meet. At least one bound holds: a duration, a request count, or ramp stages.
 *
 * @param maxConnections in the open model, the most connections opened; requests beyond wait in the
 *     generator, and that wait counts as latency; with HTTP/2, the most connections in either
 *     model, each carrying several requests as streams
 */
public record Scenario(
    String name,
    URI target,
    List<RequestTemplate> requests,
    ArrivalModel model,
    Optional<Duration> duration,
    OptionalLong maxRequests,
    Duration timeout,
    int maxConnections,
    Optional<Duration> warmup,
    List<Slo> slos,
    Tls tls,
    Protocol protocol) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(protocol, "protocol");
    requests = List.copyOf(requests);
    slos = List.copyOf(slos);
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs at least one request");
    }
  }

  /** A quick run against one URL: GET it, on the given model, until a bound is reached. */
  public static Scenario ofUrl(URI url, ArrivalModel model) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    URI base = URI.create(url.getScheme() + "://" + url.getRawAuthority());
    return builder(url.getHost(), base, List.of(RequestTemplate.get(path)), model).build();
  }

  /**
   * How long the generator runs: the duration if set, else the ramp stages' total, else unbounded
   * (the request count ends the run).
   */
  public Optional<Duration> plannedDuration() {
    if (duration.isPresent()) {
      return duration;
    }
    if (model instanceof ArrivalModel.Open open && !open.stages().isEmpty()) {
      return Optional.of(
          open.stages().stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus));
    }
    return Optional.empty();
  }

  public boolean isBounded() {
    return plannedDuration().isPresent() || maxRequests.isPresent();
  }

  /**
   * A short hash of everything that shapes the run except the shard, so the logs of one distributed
   * run can be told from another's.
   */
  public String fingerprint() {
    StringBuilder canonical = new StringBuilder();
    canonical.append(name).append('\n').append(target).append('\n').append(model.describe());
    canonical.append('\n').append(duration.map(Duration::toNanos).orElse(-1L));
    canonical.append('\n').append(maxRequests.orElse(-1)).append('\n').append(timeout.toNanos());
    canonical.append('\n').append(maxConnections);
    canonical.append('\n').append(warmup.map(Duration::toNanos).orElse(0L));
    for (RequestTemplate r : requests) {
      canonical.append('\n').append(r.name()).append(' ').append(r.method()).append(' ');
      canonical.append(r.path()).append(' ').append(r.headers()).append(' ').append(r.weight());
      canonical.append(' ').append(java.util.Base64.getEncoder().encodeToString(r.body()));
    }
    for (Slo slo : slos) {
      canonical.append('\n').append(slo.text());
    }
    if (protocol != Protocol.HTTP_1_1) {
      // Only then: runs over HTTP/1.1 keep the fingerprints they had before HTTP/2 existed.
      canonical.append('\n').append(protocol.token());
    }
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  public Scenario withModel(ArrivalModel newModel) {
    return toBuilder().model(newModel).build();
  }

  public Scenario withDuration(Duration newDuration) {
    return toBuilder().duration(Optional.of(newDuration)).build();
  }

  public Scenario withMaxRequests(long count) {
    return toBuilder().maxRequests(OptionalLong.of(count)).build();
  }

  public Scenario withTimeout(Duration newTimeout) {
    return toBuilder().timeout(newTimeout).build();
  }

  public Scenario withWarmup(Duration newWarmup) {
    return toBuilder().warmup(Optional.of(newWarmup)).build();
  }

  public Scenario withMaxConnections(int count) {
    return toBuilder().maxConnections(count).build();
  }

  /** Every request of this scenario with {@code name: value} set (see {@link RequestTemplate}). */
  public Scenario withHeader(String name, String value) {
    return toBuilder()
        .requests(requests.stream().map(r -> r.withHeader(name, value)).toList())
        .build();
  }

  public Scenario withProtocol(Protocol newProtocol) {
    return toBuilder().protocol(newProtocol).build();
  }

  public Scenario withTls(Tls newTls) {
    return toBuilder().tls(newTls).build();
  }

  /** The full URL {@code request} goes to: the target's scheme and authority, and its path. */
  public String urlOf(RequestTemplate request) {
    String base = target.getScheme() + "://" + target.getRawAuthority();
    return base + request.path();
  }

  /** True when the target is https. */
  public boolean secure() {
    return "https".equals(target.getScheme());
  }

  /** The target's port, or the scheme's default (80, 443). */
  public int port() {
    return target.getPort() >= 0 ? target.getPort() : secure() ? 443 : 80;
  }

  /** This scenario with {@code more} SLOs after its own. */
  public Scenario withMoreSlos(List<Slo> more) {
    List<Slo> all = new ArrayList<>(slos);
    all.addAll(more);
    return toBuilder().slos(all).build();
  }

  /**
   * A scenario for {@code target} sending {@code requests} on {@code model}, with the defaults for
   * everything else (no bound yet, 2 s timeout, 1024 connections, Java's CAs).
   */
  public static Builder builder(
      String name, URI target, List<RequestTemplate> requests, ArrivalModel model) {
    return new Builder(name, target, requests, model);
  }

  public Builder toBuilder() {
    return new Builder(name, target, requests, model)
        .duration(duration)
        .maxRequests(maxRequests)
        .timeout(timeout)
        .maxConnections(maxConnections)
        .warmup(warmup)
        .slos(slos)
        .tls(tls)
        .protocol(protocol);
  }

  /** Assembles a scenario; {@link #build} checks it. */
  public static final class Builder {
    private final String name;
    private final URI target;
    private List<RequestTemplate> requests;
    private ArrivalModel model;
    private Optional<Duration> duration = Optional.empty();
    private OptionalLong maxRequests = OptionalLong.empty();
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Optional<Duration> warmup = Optional.empty();
    private List<Slo> slos = List.of();
    private Tls tls = Tls.DEFAULT;
    private Protocol protocol = Protocol.HTTP_1_1;

    private Builder(String name, URI target, List<RequestTemplate> requests, ArrivalModel model) {
      this.name = name;
      this.target = target;
      this.requests = requests;
      this.model = model;
    }

    public Builder requests(List<RequestTemplate> value) {
      requests = value;
      return this;
    }

    public Builder model(ArrivalModel value) {
      model = value;
      return this;
    }

    public Builder duration(Optional<Duration> value) {
      duration = value;
      return this;
    }

    public Builder maxRequests(OptionalLong value) {
      maxRequests = value;
      return this;
    }

    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    public Builder maxConnections(int value) {
      maxConnections = value;
      return this;
    }

    public Builder warmup(Optional<Duration> value) {
      warmup = value;
      return this;
    }

    public Builder slos(List<Slo> value) {
      slos = value;
      return this;
    }

    public Builder tls(Tls value) {
      tls = value;
      return this;
    }

    public Builder protocol(Protocol value) {
      protocol = value;
      return this;
    }

    public Scenario build() {
      return new Scenario(
          name,
          target,
          requests,
          model,
          duration,
          maxRequests,
          timeout,
          maxConnections,
          warmup,
          slos,
          tls,
          protocol);
    }
  }
}
