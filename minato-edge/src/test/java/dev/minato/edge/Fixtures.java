package dev.minato.edge;

import dev.minato.edge.lb.LoadBalancerPlan;
import dev.minato.edge.nodes.Node;
import dev.minato.edge.nodes.NodeInventory;
import dev.minato.manifest.selector.LabelSelector;
import dev.minato.manifest.testing.FreePorts;
import dev.minato.spec.App;
import dev.minato.spec.read.SpecReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Specs and inventories for edge tests. */
public final class Fixtures {

  private Fixtures() {}

  public static App app(String name, int nodePort, String extraExpose) throws Exception {
    return app(name, nodePort, extraExpose, "{readiness: /ready}");
  }

  public static App app(String name, int nodePort, String extraExpose, String health)
      throws Exception {
    return app(name, 8080, "", health, nodePort, extraExpose);
  }

  /** A gRPC app on a NodePort; {@code health} is its health mapping ({} for the defaults). */
  public static App grpcApp(String name, int nodePort, String health) throws Exception {
    return http2App(name, nodePort, "grpc", health, "");
  }

  /** An app speaking {@code protocol} (grpc or h2c) on a NodePort. */
  public static App http2App(
      String name, int nodePort, String protocol, String health, String extraExpose)
      throws Exception {
    return app(name, 50051, "  protocol: " + protocol + "\n", health, nodePort, extraExpose);
  }

  private static App app(
      String name, int port, String extraSpec, String health, int nodePort, String extraExpose)
      throws Exception {
    String text =
        "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: "
            + name
            + "}\nspec:\n  image: "
            + name
            + ":1.0\n  port: "
            + port
            + "\n"
            + extraSpec
            + "  health: "
            + health
            + "\n"
            + "  resources: {cpu: 500m, memory: 256Mi}\n"
            + "  expose: {type: NodePort, nodePort: "
            + nodePort
            + extraExpose
            + "}\nenvironments:\n  prd: {}\n";
    return SpecReader.read(name + "/minato.yaml", text).get(0);
  }

  public static NodeInventory nodes(String... addresses) {
    List<Node> nodes =
        java.util.stream.IntStream.range(0, addresses.length)
            .mapToObj(
                i ->
                    new Node(
                        "node-" + (char) ('a' + i),
                        addresses[i],
                        Optional.of("zone-" + (i % 2)),
                        Map.of("role", "edge")))
            .toList();
    return new NodeInventory("nodes.yaml", Optional.of("prd"), LabelSelector.EVERYTHING, nodes);
  }

  public static LoadBalancerPlan.Settings settings(String bind, int httpPort, String stats) {
    return new LoadBalancerPlan.Settings(bind, httpPort, stats, Optional.of("192.0.2.10"));
  }

  /** Settings for a balancer on 127.0.0.1 whose listener and stats ports are free and different. */
  public static LoadBalancerPlan.Settings loopbackSettings() throws IOException {
    int[] ports = FreePorts.loopback(2);
    return settings("127.0.0.1", ports[0], "127.0.0.1:" + ports[1]);
  }

  /** A port in the NodePort range free on 127.0.0.1 and on every one of {@code nodes}. */
  public static int freeNodePort(String... nodes) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 30000 + (int) (Math.random() * 2768);
      if (free(port, "127.0.0.1") && Arrays.stream(nodes).allMatch(node -> free(port, node))) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in the NodePort range on loopback");
  }

  private static boolean free(int port, String address) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(address))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
