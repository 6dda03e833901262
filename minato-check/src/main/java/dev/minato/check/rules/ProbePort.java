package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * A probe's port is one the container declares: a typo in a port name or number makes every probe
 * fail, which for liveness means a restart loop.
 */
final class ProbePort extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "probe-port", Severity.ERROR, "probe ports are TCP ports the container declares");

  private static final List<String> PROBES =
      List.of("livenessProbe", "readinessProbe", "startupProbe");
  private static final List<String> HANDLERS = List.of("httpGet", "tcpSocket", "grpc");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    for (Container container : workload.runningContainers()) {
      for (String probe : PROBES) {
        for (String handler : HANDLERS) {
          JsonNode port = container.path(probe).path(handler).path("port");
          if (port.isMissingNode()) {
            continue;
          }
          JsonNode declared = declared(container, port);
          String protocol = declared == null ? "TCP" : declared.path("protocol").asText("TCP");
          String problem;
          if (handler.equals("grpc") && !port.isInt()) {
            problem =
                "; a gRPC probe takes a port number, never a name (the API server rejects it)";
          } else if (!protocol.equals("TCP")) {
            problem =
                ", declared with protocol "
                    + protocol
                    + "; the kubelet probes over TCP, so the probe never succeeds (probe a TCP"
                    + " port, or use an exec probe)";
          } else if (declared == null) {
            problem =
                ", which the container does not declare (declared: "
                    + declaredPorts(container)
                    + ")";
          } else {
            continue;
          }
          context.report(
              workload.object(),
              container.pointer("/" + probe + "/" + handler + "/port"),
              subject(workload, container)
                  + " "
                  + probe
                  + " uses port "
                  + (port.isTextual() ? "'" + port.asText() + "'" : port.asText())
                  + problem);
        }
      }
    }
  }

  /**
   * The declaration of the probed port, or null. A number may be declared twice (TCP and UDP, as
   * DNS servers do): the TCP declaration is the one a probe uses.
   */
  private static JsonNode declared(Container container, JsonNode port) {
    String text = port.asText("");
    boolean byNumber = port.isInt() || text.chars().allMatch(Character::isDigit) && !text.isEmpty();
    JsonNode found = null;
    for (JsonNode declared : container.path("ports")) {
      if (byNumber
          ? declared.path("containerPort").asText("").equals(text)
          : declared.path("name").asText("").equals(text)) {
        if (declared.path("protocol").asText("TCP").equals("TCP")) {
          return declared;
        }
        found = found == null ? declared : found;
      }
    }
    return found;
  }

  private static String declaredPorts(Container container) {
    List<String> ports = new ArrayList<>();
    for (JsonNode declared : container.path("ports")) {
      String name = declared.path("name").asText("");
      String number = declared.path("containerPort").asText("?");
      ports.add(name.isEmpty() ? number : name + "=" + number);
    }
    return ports.isEmpty() ? "none" : String.join(", ", ports);
  }
}
