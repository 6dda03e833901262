package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.minato.cli.CliRun;
import dev.minato.cluster.connect.ClusterConnection;
import dev.minato.cluster.connect.ClusterTarget;
import dev.minato.cluster.loadtest.ControllerOptions;
import dev.minato.cluster.loadtest.LoadTestController;
import dev.minato.manifest.quantity.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user tries a LoadTest without a cluster: {@code minato sandbox}, the CRD and a LoadTest applied
 * to it, and the load controller pointed at it. The sandbox runs the shard pods in its own process
 * on the real engine, so the test ends Passed with every request sent to the local server; a pod of
 * another Job stays Pending, as the sandbox runs nothing else.
 */
class SandboxLoadTestTest {

  @TempDir Path dir;

  @Test
  void aLoadTestOnTheSandboxRunsItsShardsAndEndsWithTheMergedVerdict() throws Exception {
    AtomicInteger served = new AtomicInteger();
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    target.createContext(
        "/",
        exchange -> {
          served.incrementAndGet();
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
          exchange.close();
        });
    target.start();
    Path kubeconfig = dir.resolve("sandbox.kubeconfig");
    AtomicReference<CliRun> sandbox = new AtomicReference<>();
    Thread server =
        new Thread(
            () -> sandbox.set(CliRun.of("sandbox", "--kubeconfig-out", kubeconfig.toString())));
    server.start();
    LoadTestController controller = null;
    try {
      for (int i = 0; i < 100 && !Files.exists(kubeconfig); i++) {
        Thread.sleep(100);
      }
      Path crd = Files.createDirectories(dir.resolve("crd"));
      assertThat(CliRun.of("load", "crd", "-o", crd.resolve("crd.yaml").toString()).exitCode())
          .isZero();
      CliRun installed =
          CliRun.of(
              "apply",
              crd.toString(),
              "--inventory-namespace",
              "default",
              "--kubeconfig",
              kubeconfig.toString());
      assertThat(installed.exitCode()).as(installed.err()).isZero();
      controller =
          LoadTestController.start(
              ClusterTarget.of(kubeconfig, null),
              new ControllerOptions(
                  Optional.empty(),
                  "ghcr.io/acme/minato:test",
                  Quantity.parse("1"),
                  Quantity.parse("512Mi"),
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(5),
                  Optional.empty(),
                  Optional.empty()),
              line -> {});

      Path tests = Files.createDirectories(dir.resolve("tests"));
      Files.writeString(
          tests.resolve("checkout.yaml"),
          """
          apiVersion: load.minato.dev/v1alpha1
          kind: LoadTest
          metadata:
            name: checkout
            namespace: default
            annotations: {load.minato.dev/shards: "2"}
          spec:
            target: http://127.0.0.1:%d/
            concurrency: 4
            maxRequests: 120
            slos: ['errors<1%%']
          """
              .formatted(target.getAddress().getPort()));
      Files.writeString(
          tests.resolve("other-job.yaml"),
          """
          apiVersion: batch/v1
          kind: Job
          metadata: {name: migrate-db, namespace: default}
          spec:
            template:
              spec:
                restartPolicy: Never
                containers: [{name: migrate, image: example/migrate:1, args: [migrate]}]
          """);
      CliRun applied = CliRun.of("apply", tests.toString(), "--kubeconfig", kubeconfig.toString());
      assertThat(applied.exitCode()).as(applied.err()).isZero();

      try (KubernetesClient client =
          ClusterConnection.connect(ClusterTarget.of(kubeconfig, null))) {
        JsonNode status =
            LoadTestJourneyTest.statusOnceEnded(
                client,
                "checkout",
                Duration.ofSeconds(60),
                phase -> {},
                () -> "nothing (it logs to this test only)");
        assertThat(status.path("phase").asText()).as(status.toString()).isEqualTo("Passed");
        assertThat(status.path("results").path("requests").asLong()).isEqualTo(120);
        assertThat(served.get()).isEqualTo(120);
        assertThat(
                client
                    .pods()
                    .inNamespace("default")
                    .withLabel("job-name", "migrate-db")
                    .list()
                    .getItems())
            .isNotEmpty()
            .allMatch(pod -> pod.getStatus().getPhase().equals("Pending"));
      }
    } finally {
      if (controller != null) {
        controller.close();
      }
      server.interrupt();
      server.join(10_000);
      target.stop(0);
    }
    assertThat(sandbox.get().exitCode()).as(sandbox.get().err()).isZero();
    assertThat(sandbox.get().out()).contains("No pods run except LoadTest");
  }
}
