package dev.minato.edge.lb;

import dev.minato.edge.nodes.Node;
import dev.minato.edge.nodes.NodeInventory;
import dev.minato.manifest.selector.LabelSelector;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Environment;
import dev.minato.spec.Expose;
import dev.minato.spec.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the load-balancer plan of one environment from the specs and the node inventory: every app
 * exposed on a NodePort in that environment becomes a backend whose members are the selected nodes.
 */
public final class PlanBuilder {

  private final Duration interval;
  private final int rise;
  private final int fall;

  /**
   * Health checks every {@code interval}; out after {@code fall} failures, in after {@code rise}.
   */
  public PlanBuilder(Duration interval, int rise, int fall) {
    this.interval = interval;
    this.rise = rise;
    this.fall = fall;
  }

  public static PlanBuilder withDefaults() {
    return new PlanBuilder(Duration.ofSeconds(2), 2, 3);
  }

  public LoadBalancerPlan build(
      List<App> apps,
      String environment,
      NodeInventory inventory,
      Optional<LabelSelector> selector,
      LoadBalancerPlan.Settings settings)
      throws PlanException {
    List<String> problems = new ArrayList<>();
    inventory
        .environment()
        .filter(e -> !e.equals(environment))
        .ifPresent(
            e ->
                problems.add(
                    inventory.source()
                        + ": the inventory is for environment '"
                        + e
                        + "', not '"
                        + environment
                        + "'"));
    LabelSelector chosen = selector.orElse(inventory.selector());
    List<Node> nodes = inventory.select(chosen);
    if (nodes.isEmpty()) {
      problems.add(
          inventory.source()
              + ": no node matches the selector '"
              + chosen
              + "'; the load balancer would have no members");
    }
    boolean known = apps.stream().anyMatch(a -> environment(a, environment).isPresent());
    if (!known) {
      problems.add(
          "no app has an environment named '"
              + environment
              + "' (environments: "
              + String.join(", ", environmentNames(apps))
              + ")");
    }
    List<Backend> backends = new ArrayList<>();
    Map<Integer, String> portOwners = new HashMap<>();
    Map<String, String> hostOwners = new HashMap<>();
    for (App app : apps) {
      Optional<Environment> env = environment(app, environment);
      if (env.isEmpty() || env.get().spec().expose().type() != Expose.Type.NODE_PORT) {
        continue;
      }
      AppSpec spec = env.get().spec();
      Expose expose = spec.expose();
      String envName = env.get().name();
      if (expose.nodePort().isEmpty()) {
        problems.add(
            app.specPosition(envName, "/expose")
                + ": app '"
                + app.name()
                + "' is exposed on a NodePort but has none in '"
                + environment
                + "'; set expose.nodePort so the load balancer can reach it");
        continue;
      }
      int port = expose.nodePort().getAsInt();
      String other = portOwners.putIfAbsent(port, app.name());
      if (other != null) {
        problems.add(
            app.specPosition(envName, "/expose/nodePort")
                + ": NodePort "
                + port
                + " of app '"
                + app.name()
                + "' is also claimed by app '"
                + other
                + "'");
      }
      expose
          .host()
          .ifPresent(
              host -> {
                String owner =
                    hostOwners.putIfAbsent(host.toLowerCase(java.util.Locale.ROOT), app.name());
                if (owner != null) {
                  problems.add(
                      app.specPosition(envName, "/expose/host")
                          + ": host "
                          + host
                          + " of app '"
                          + app.name()
                          + "' is also routed to app '"
                          + owner
                          + "'");
                }
              });
      List<Member> members =
          nodes.stream().map(n -> new Member(n.name(), n.address(), port, n.zone())).toList();
      backends.add(
          new Backend(
              app.name(),
              port,
              expose.externalTrafficPolicy(),
              expose.host(),
              check(spec),
              members,
              spec.protocol()));
    }
    LoadBalancerPlan plan = new LoadBalancerPlan(environment, List.copyOf(backends), settings);
    problems.addAll(PlanValues.problems(plan));
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    return plan;
  }

  /**
   * A gRPC app is checked with the standard health service on its own port; any other app by {@link
   * #checkPath}.
   */
  private HealthCheck check(AppSpec spec) {
    if (spec.protocol() != Protocol.GRPC) {
      return new HealthCheck(checkPath(spec), interval, rise, fall);
    }
    int port = spec.port().orElseThrow();
    boolean sameListener = spec.health().port().orElse(port) == port;
    return new HealthCheck(
        sameListener ? Optional.of(HealthCheck.GRPC_HEALTH_PATH) : Optional.empty(),
        interval,
        rise,
        fall,
        spec.health().grpcService());
  }

  /**
   * The path checked through the NodePort: an explicit {@code checkPath}, else the readiness path
   * when the app serves it on its own port. A readiness path on a separate health port cannot be
   * reached through the NodePort, and a readiness check that is not an HTTP GET has no path, so
   * then only a TCP check is possible.
   */
  static Optional<String> checkPath(AppSpec spec) {
    if (spec.expose().checkPath().isPresent()) {
      return spec.expose().checkPath();
    }
    return spec.health().readinessPath(spec.port().orElseThrow());
  }

  private static Optional<Environment> environment(App app, String name) {
    return app.environments().stream().filter(e -> e.name().equals(name)).findFirst();
  }

  private static List<String> environmentNames(List<App> apps) {
    return apps.stream()
        .flatMap(a -> a.environments().stream().map(Environment::name))
        .distinct()
        .sorted()
        .toList();
  }
}
