package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.Health;
import dev.minato.spec.Probe;
import java.util.Optional;
import java.util.function.IntFunction;

/** Renders a container's probes: startup, readiness, liveness, each as its {@link Probe} says. */
final class Probes {

  private Probes() {}

  /**
   * Adds the probes of {@code health} to {@code container}. {@code portName} names a probed port
   * where Kubernetes allows a name (HTTP and TCP checks); a gRPC check takes only a number.
   */
  static void add(ObjectNode container, Health health, IntFunction<Optional<String>> portName) {
    health.startup().ifPresent(p -> container.set("startupProbe", render(p, portName)));
    health.readiness().ifPresent(p -> container.set("readinessProbe", render(p, portName)));
    health.liveness().ifPresent(p -> container.set("livenessProbe", render(p, portName)));
  }

  static ObjectNode render(Probe probe, IntFunction<Optional<String>> portName) {
    ObjectNode node = Trees.object();
    Probe.Check check = probe.check();
    if (check instanceof Probe.HttpGet get) {
      port(node.putObject("httpGet").put("path", get.path()), get.port(), portName);
    } else if (check instanceof Probe.TcpSocket tcp) {
      port(node.putObject("tcpSocket"), tcp.port(), portName);
    } else if (check instanceof Probe.Grpc grpc) {
      ObjectNode action = node.putObject("grpc").put("port", grpc.port());
      grpc.service().ifPresent(s -> action.put("service", s));
    } else if (check instanceof Probe.Exec exec) {
      node.putObject("exec").set("command", Trees.strings(exec.command()));
    }
    node.put("periodSeconds", probe.periodSeconds()).put("timeoutSeconds", probe.timeoutSeconds());
    if (probe.successThreshold() != 1) {
      node.put("successThreshold", probe.successThreshold());
    }
    node.put("failureThreshold", probe.failureThreshold());
    return node;
  }

  private static void port(ObjectNode check, int port, IntFunction<Optional<String>> portName) {
    Optional<String> name = portName.apply(port);
    if (name.isPresent()) {
      check.put("port", name.get());
    } else {
      check.put("port", port);
    }
  }
}
