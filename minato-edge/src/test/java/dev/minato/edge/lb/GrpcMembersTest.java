package dev.minato.edge.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.edge.Fixtures;
import dev.minato.spec.App;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real HAProxy and nginx, configured by minato for a gRPC app, in front of two real gRPC
 * members (Netty, HTTP/2 cleartext only) on 127.0.0.2 and 127.0.0.3: a gRPC call through the load
 * balancer reaches a member, and a stopped member is taken out while calls keep succeeding. Before
 * this rendering a gRPC member behind HAProxy was DOWN and every call got a 503. Loopback only,
 * bounded in calls and time; every process and server is stopped after each test.
 */
class GrpcMembersTest {

  private static final String[] NODES = {"127.0.0.2", "127.0.0.3"};
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static final int CALLS = 20;

  private final List<GrpcMember> members = new ArrayList<>();
  private final GrpcCall client = new GrpcCall();
  private Process balancer;

  @AfterEach
  void stopEverything() throws InterruptedException {
    if (balancer != null) {
      balancer.destroy();
      if (!balancer.waitFor(5, TimeUnit.SECONDS)) {
        balancer.destroyForcibly();
      }
    }
    members.forEach(GrpcMember::close);
    client.close();
  }

  @Test
  void haproxyHealthChecksGrpcMembersAndTakesAStoppedOneOut(@TempDir Path dir) throws Exception {
    int nodePort = Fixtures.freeNodePort(NODES);
    startMembers(nodePort);
    LoadBalancerPlan plan = plan(Fixtures.grpcApp("greeter", nodePort, "{}"));
    startHaproxy(dir, plan);

    awaitBothMembersServing(nodePort, dir);
    // HAProxy starts its servers UP and checks them on its own clock, so on a slow machine both
    // can serve calls before either has been checked: wait for the checks, do not assume them.
    awaitHealthChecked(dir);

    members.get(1).close();
    awaitStatus(plan, "node-b", "DOWN", dir);
    Map<String, Integer> after = calls(nodePort);

    assertThat(after).containsOnlyKeys("node-a").containsEntry("node-a", CALLS);
    assertThat(haproxyStatus(plan, "greeter", "node-a")).isEqualTo("UP");
  }

  @Test
  void haproxyChecksH2cMembersOverHttp2AndTakesAStoppedOneOut(@TempDir Path dir) throws Exception {
    int nodePort = Fixtures.freeNodePort(NODES);
    startMembers(nodePort);
    // The members answer any other path with HTTP status 200, which is all an h2c check reads.
    LoadBalancerPlan plan =
        plan(Fixtures.http2App("stream", nodePort, "h2c", "{readiness: /ready}", ""));
    startHaproxy(dir, plan);
    awaitBothMembersServing(nodePort, dir);

    members.get(0).close();
    awaitStatus(plan, "node-a", "DOWN", dir);

    assertThat(calls(nodePort)).containsOnlyKeys("node-b");
    assertThat(haproxyStatus(plan, "stream", "node-b")).isEqualTo("UP");
  }

  @Test
  void haproxyTakesOutAMemberThatAnswersNotServing(@TempDir Path dir) throws Exception {
    int nodePort = Fixtures.freeNodePort(NODES);
    startMembers(nodePort);
    LoadBalancerPlan plan = plan(Fixtures.grpcApp("greeter", nodePort, "{}"));
    startHaproxy(dir, plan);
    awaitBothMembersServing(nodePort, dir);

    // Still accepting connections and answering with HTTP status 200: only the gRPC status says no.
    members.get(0).health(GrpcMember.NOT_SERVING);
    awaitStatus(plan, "node-a", "DOWN", dir);

    assertThat(calls(nodePort)).containsOnlyKeys("node-b");
  }

  @Test
  void haproxyAsksAboutTheNamedGrpcService(@TempDir Path dir) throws Exception {
    int nodePort = Fixtures.freeNodePort(NODES);
    // node-a serves greeter.v1.Greeter; node-b's health service does not know it (NOT_FOUND).
    members.add(new GrpcMember("node-a", NODES[0], nodePort, "greeter.v1.Greeter"));
    members.add(new GrpcMember("node-b", NODES[1], nodePort));
    LoadBalancerPlan plan =
        plan(Fixtures.grpcApp("greeter", nodePort, "{grpcService: greeter.v1.Greeter}"));
    startHaproxy(dir, plan);
    awaitStatus(plan, "node-a", "UP", dir);
    awaitStatus(plan, "node-b", "DOWN", dir);

    assertThat(calls(nodePort)).containsOnlyKeys("node-a");
  }

  @Test
  void nginxPassesGrpcToMembersAndRoutesAroundAStoppedOne(@TempDir Path dir) throws Exception {
    int nodePort = Fixtures.freeNodePort(NODES);
    startMembers(nodePort);
    LoadBalancerPlan plan = plan(Fixtures.grpcApp("greeter", nodePort, "{}"));
    Path config = dir.resolve("nginx.conf");
    Files.writeString(config, LbFormat.NGINX.render(plan));
    balancer =
        new ProcessBuilder(
                "nginx",
                "-p",
                dir.toString(),
                "-c",
                config.toString(),
                "-g",
                "daemon off; pid "
                    + dir.resolve("nginx.pid")
                    + "; error_log "
                    + dir.resolve("error.log")
                    + ";")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();

    awaitBothMembersServing(nodePort, dir);

    members.get(1).close();
    // No active checks in open-source nginx: the first calls to node-b fail over to node-a
    // (grpc_next_upstream error), and after max_fails node-b rests for fail_timeout.
    Map<String, Integer> after = calls(nodePort);

    assertThat(after).containsOnlyKeys("node-a").containsEntry("node-a", CALLS);
  }

  private void startMembers(int nodePort) throws InterruptedException {
    members.add(new GrpcMember("node-a", NODES[0], nodePort));
    members.add(new GrpcMember("node-b", NODES[1], nodePort));
  }

  private static LoadBalancerPlan plan(App app) throws Exception {
    return new PlanBuilder(INTERVAL, 1, 2)
        .build(
            List.of(app),
            "prd",
            Fixtures.nodes(NODES),
            Optional.empty(),
            Fixtures.loopbackSettings());
  }

  private void startHaproxy(Path dir, LoadBalancerPlan plan) throws Exception {
    Path config = dir.resolve("haproxy.cfg");
    Files.writeString(config, LbFormat.HAPROXY.render(plan));
    balancer =
        new ProcessBuilder("haproxy", "-db", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("balancer.log").toFile())
            .start();
  }

  /**
   * Which member answered each of {@link #CALLS} calls; a failed call counts as "failed: " and its
   * reason.
   */
  private Map<String, Integer> calls(int port) {
    Map<String, Integer> byMember = new TreeMap<>();
    for (int i = 0; i < CALLS; i++) {
      GrpcCall.Result result = client.call("127.0.0.1", port, GrpcMember.WHO);
      // A failure keeps its reason in the key, so an assertion on the members names what failed.
      byMember.merge(
          result.grpcStatus() == 0 ? result.text() : "failed: " + result.text(), 1, Integer::sum);
    }
    return byMember;
  }

  private void awaitBothMembersServing(int port, Path dir) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (calls(port).keySet().containsAll(List.of("node-a", "node-b"))) {
        return;
      }
      assertThat(balancer.isAlive()).as(logs(dir)).isTrue();
      Thread.sleep(INTERVAL.toMillis());
    }
    throw new AssertionError("the load balancer never used both members:\n" + logs(dir));
  }

  private void awaitHealthChecked(Path dir) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!members.stream().allMatch(m -> m.healthChecks() > 0)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("HAProxy never health-checked both members:\n" + logs(dir));
      }
      Thread.sleep(INTERVAL.toMillis());
    }
  }

  /**
   * Waits (at most 15 s) until HAProxy's statistics show {@code server} with a status starting with
   * {@code status}: HAProxy writes "DOWN" once a member is out ("DOWN 1/2" while it passes checks
   * again, still out) and "UP 1/3" while it fails checks, still in.
   */
  private void awaitStatus(LoadBalancerPlan plan, String server, String status, Path dir)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (haproxyStatus(plan, plan.backends().get(0).app(), server).startsWith(status)) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(INTERVAL.toMillis());
    }
    throw new AssertionError(server + " never became " + status + ":\n" + logs(dir));
  }

  private static String logs(Path dir) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("balancer.log", "nginx.out", "error.log")) {
      Path file = dir.resolve(name);
      if (Files.exists(file)) {
        text.append(Files.readString(file));
      }
    }
    return text.toString();
  }

  /** The status column of a server's row in HAProxy's CSV statistics. */
  private static String haproxyStatus(LoadBalancerPlan plan, String backend, String server)
      throws IOException, InterruptedException {
    URI stats = URI.create("http://" + plan.settings().statsBind() + "/stats;csv");
    String csv =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(stats).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String[] header = csv.lines().findFirst().orElseThrow().replace("# ", "").split(",");
    int column = Arrays.asList(header).indexOf("status");
    return csv.lines()
        .filter(line -> line.startsWith(backend + "," + server + ","))
        .map(line -> line.split(",")[column])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + server + " in\n" + csv));
  }
}
