package dev.minato.check.inventory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One container of a pod template, with the JSON pointer it lives at so findings can point at the
 * exact field. {@code init} marks init containers, which run to completion and never serve, unless
 * they are native sidecars ({@link #sidecar()}).
 */
public record Container(String pointer, JsonNode node, boolean init) {

  public String name() {
    return node.path("name").asText("");
  }

  /**
   * Whether this is a native sidecar: an init container with {@code restartPolicy: Always}, which
   * the kubelet keeps running beside the app containers for the pod's whole life (and probes like
   * them), instead of running it to completion.
   */
  public boolean sidecar() {
    return init && node.path("restartPolicy").asText("").equals("Always");
  }

  public JsonNode path(String field) {
    return node.path(field);
  }

  /** The pointer of a field below this container ({@code /livenessProbe/periodSeconds}). */
  public String pointer(String relative) {
    return pointer + relative;
  }

  /**
   * Whether the container serves traffic: it declares a port other than a metrics port. A queue
   * worker that only exposes {@code metrics} for Prometheus receives no requests, so it needs no
   * readiness probe or preStop drain. Metrics ports are recognised by their conventional names:
   * {@code metrics}, {@code *-metrics} and {@code prometheus}.
   */
  public boolean declaresPorts() {
    for (JsonNode port : node.path("ports")) {
      String name = port.path("name").asText("");
      boolean metrics =
          name.equals("metrics") || name.endsWith("-metrics") || name.equals("prometheus");
      if (!metrics) {
        return true;
      }
    }
    return false;
  }
}
