package dev.minato.edge.lb;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.minato.edge.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HAProxy on 127.0.0.1, configured by minato, in front of three fake nodes on
 * 127.0.0.2–127.0.0.4 that serve the app on its NodePort. Traffic reaches all three; after one node
 * stops and the health check takes it out, no request fails. Loopback only, bounded in requests and
 * time.
 */
class HaproxyFailoverTest {

  private static final String[] NODES = {"127.0.0.2", "127.0.0.3", "127.0.0.4"};
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static final int REQUESTS = 60;

  private final List<HttpServer> servers = new ArrayList<>();
  private Process haproxy;

  @AfterEach
  void stopEverything() {
    servers.forEach(s -> s.stop(0));
    if (haproxy != null) {
      haproxy.destroyForcibly();
    }
  }

  @Test
  void aStoppedNodeStopsReceivingTrafficAfterTheCheckWindow(@TempDir Path dir) throws Exception {
    int nodePort = Fixtures.freeNodePort(NODES);
    for (int i = 0; i < NODES.length; i++) {
      servers.add(fakeNode(NODES[i], nodePort, "node-" + (char) ('a' + i)));
    }
    LoadBalancerPlan plan =
        new PlanBuilder(INTERVAL, 1, 2)
            .build(
                List.of(Fixtures.app("shop", nodePort, "")),
                "prd",
                Fixtures.nodes(NODES),
                Optional.empty(),
                Fixtures.loopbackSettings());
    Path config = dir.resolve("haproxy.cfg");
    Files.writeString(config, LbFormat.HAPROXY.render(plan));
    haproxy =
        new ProcessBuilder("haproxy", "-db", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("haproxy.log").toFile())
            .start();
    // Time limits bound a hang, not a pace: on a busy machine a slow answer is still an answer.
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI uri = URI.create("http://127.0.0.1:" + nodePort + "/");

    awaitAllNodesServing(client, uri, dir);
    Map<String, Integer> before = send(client, uri);
    assertThat(before.keySet()).containsExactlyInAnyOrder("node-a", "node-b", "node-c");

    servers.get(1).stop(0);
    // The health check itself must take the member out (retries could hide a dead one): wait
    // until HAProxy says so rather than for the window, which a busy machine's HAProxy, checking
    // late, can overrun; the deadline only ends a test whose check never fires.
    URI stats = URI.create("http://" + plan.settings().statsBind() + "/stats;csv");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String csv = statistics(client, stats);
    while (!status(csv, "node-b").startsWith("DOWN") && System.nanoTime() < deadline) {
      Thread.sleep(INTERVAL.toMillis());
      csv = statistics(client, stats);
    }
    assertThat(status(csv, "node-b")).startsWith("DOWN");
    Map<String, Integer> after = send(client, uri);

    assertThat(after).doesNotContainKey("node-b").doesNotContainKey("failed");
    assertThat(after.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
    csv = statistics(client, stats);
    assertThat(status(csv, "node-a")).isEqualTo("UP");
    assertThat(status(csv, "node-c")).isEqualTo("UP");
  }

  /** HAProxy's statistics as CSV. */
  private static String statistics(HttpClient client, URI stats) throws Exception {
    return client
        .send(HttpRequest.newBuilder(stats).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The status column of a server's row in HAProxy's CSV statistics. */
  private static String status(String csv, String server) {
    String[] header = csv.lines().findFirst().orElseThrow().replace("# ", "").split(",");
    int column = java.util.Arrays.asList(header).indexOf("status");
    return csv.lines()
        .filter(line -> line.startsWith("shop," + server + ","))
        .map(line -> line.split(",")[column])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + server + " in\n" + csv));
  }

  private static Map<String, Integer> send(HttpClient client, URI uri) throws InterruptedException {
    Map<String, Integer> byNode = new TreeMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      byNode.merge(request(client, uri), 1, Integer::sum);
    }
    return byNode;
  }

  private static String request(HttpClient client, URI uri) throws InterruptedException {
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "failed";
    } catch (IOException e) {
      return "failed";
    }
  }

  private void awaitAllNodesServing(HttpClient client, URI uri, Path dir) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (send(client, uri).keySet().containsAll(List.of("node-a", "node-b", "node-c"))) {
        return;
      }
      assertThat(haproxy.isAlive()).as(Files.readString(dir.resolve("haproxy.log"))).isTrue();
      Thread.sleep(INTERVAL.toMillis());
    }
    throw new AssertionError(
        "HAProxy never used all three nodes:\n" + Files.readString(dir.resolve("haproxy.log")));
  }

  private static HttpServer fakeNode(String address, int port, String name) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 50);
    byte[] body = name.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }
}
