package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.minato.cluster.connect.ClusterConnection;
import dev.minato.cluster.connect.ClusterTarget;
import dev.minato.cluster.loadtest.ControllerOptions;
import dev.minato.cluster.loadtest.InProcessShards;
import dev.minato.cluster.loadtest.LoadTestController;
import dev.minato.cluster.sandbox.Emulator;
import dev.minato.load.store.Credentials;
import dev.minato.load.store.LoopbackS3;
import dev.minato.load.store.ObjectStore;
import dev.minato.load.store.S3Location;
import dev.minato.manifest.quantity.Quantity;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user installs the CRD with {@code minato load crd} and {@code minato apply}, applies a LoadTest
 * with a typo, reads why it failed in its status, fixes it, and applies it again under a new name;
 * the controller runs it on the sandbox (shards on the real engine against a server on 127.0.0.1)
 * and writes the merged verdict.
 */
class LoadTestJourneyTest {

  @TempDir Path dir;
  Emulator emulator;
  Path kubeconfig;
  KubernetesClient client;
  HttpServer target;
  LoadTestController controller;
  final List<String> events = new CopyOnWriteArrayList<>();
  final Set<String> phasesSeen = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws Exception {
    emulator = Emulator.start(0);
    kubeconfig = dir.resolve("kubeconfig");
    emulator.writeKubeconfig(kubeconfig, "emu");
    client = ClusterConnection.connect(ClusterTarget.of(kubeconfig, "emu"));
    emulator.runPods(new InProcessShards(client, Map.of()));
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    target.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
          exchange.close();
        });
    target.start();
  }

  @AfterEach
  void stop() {
    if (controller != null) {
      controller.close();
    }
    client.close();
    emulator.close();
    target.stop(0);
  }

  private String loadTest(String name, String field) {
    return """
        apiVersion: load.minato.dev/v1alpha1
        kind: LoadTest
        metadata:
          name: %s
          namespace: default
          annotations: {load.minato.dev/shards: "2"}
        spec:
          target: http://127.0.0.1:%d/
          %s: 4
          maxRequests: 200
          slos: ['errors<1%%']
        """
        .formatted(name, target.getAddress().getPort(), field);
  }

  private CliRun apply(String name, String yaml) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    Files.writeString(folder.resolve(name + ".yaml"), yaml);
    return CliRun.of("apply", folder.toString(), "--kubeconfig", kubeconfig.toString());
  }

  private JsonNode statusOnceEnded(String name) {
    return statusOnceEnded(client, name, Duration.ofSeconds(30), phasesSeen::add, events::toString);
  }

  /**
   * The status of LoadTest {@code default/name} once it is Passed or Failed, polled; each phase
   * read goes to {@code seen}, and {@code said} tells what the controller said when it never ends.
   */
  static JsonNode statusOnceEnded(
      KubernetesClient client,
      String name,
      Duration limit,
      Consumer<String> seen,
      Supplier<String> said) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      GenericKubernetesResource test =
          client
              .genericKubernetesResources("load.minato.dev/v1alpha1", "LoadTest")
              .inNamespace("default")
              .withName(name)
              .get();
      JsonNode status = new ObjectMapper().valueToTree(test).path("status");
      String phase = status.path("phase").asText();
      seen.accept(phase);
      if (phase.equals("Passed") || phase.equals("Failed")) {
        return status;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError(
        name + " did not end within " + limit + "; controller said " + said.get());
  }

  /** {@code minato load crd} and {@code minato apply}, as a user installs the CRD. */
  private void installCrd() throws Exception {
    CliRun crd = CliRun.of("load", "crd", "-o", dir.resolve("crd.yaml").toString());
    assertThat(crd.exitCode()).isZero();
    Path crdFolder = Files.createDirectories(dir.resolve("crd"));
    Files.move(dir.resolve("crd.yaml"), crdFolder.resolve("crd.yaml"));
    CliRun noInventory =
        CliRun.of("apply", crdFolder.toString(), "--kubeconfig", kubeconfig.toString());
    assertThat(noInventory.err()).contains("--inventory-namespace");
    CliRun installed =
        CliRun.of(
            "apply",
            crdFolder.toString(),
            "--inventory-namespace",
            "default",
            "--kubeconfig",
            kubeconfig.toString());
    assertThat(installed.exitCode()).as(installed.out() + installed.err()).isZero();
  }

  private void startController(Optional<ObjectStore> reportStore) throws Exception {
    controller =
        LoadTestController.start(
            ClusterTarget.of(kubeconfig, "emu"),
            new ControllerOptions(
                Optional.empty(),
                "ghcr.io/acme/minato:test",
                Quantity.parse("1"),
                Quantity.parse("512Mi"),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Optional.empty(),
                reportStore),
            events::add);
  }

  /** {@code minato load controller ARGS} with the image given. */
  private static CliRun loadController(String... args) {
    List<String> words =
        new ArrayList<>(List.of("load", "controller", "--image", "ghcr.io/acme/minato:0.1"));
    words.addAll(List.of(args));
    return CliRun.of(words.toArray(String[]::new));
  }

  @Test
  void aLoadTestAppliedWithApplyRunsAndItsVerdictIsInItsStatus() throws Exception {
    installCrd();
    startController(Optional.empty());

    CliRun typo = apply("typo", loadTest("typo", "concurency"));
    assertThat(typo.exitCode()).as(typo.err()).isZero();
    JsonNode refused = statusOnceEnded("typo");
    assertThat(refused.path("verdict").asText())
        .contains("unknown field 'concurency', did you mean 'concurrency'?");
    assertThat(client.batch().v1().jobs().inNamespace("default").list().getItems()).isEmpty();

    CliRun fixed = apply("checkout", loadTest("checkout", "concurrency"));
    assertThat(fixed.exitCode()).as(fixed.err()).isZero();
    JsonNode status = statusOnceEnded("checkout");
    assertThat(status.path("phase").asText()).as(status.toString()).isEqualTo("Passed");
    assertThat(status.path("results").path("requests").asLong()).isEqualTo(200);
    assertThat(status.path("slos").get(0).path("slo").asText()).isEqualTo("errors<1%");
    assertThat(
            client
                .configMaps()
                .inNamespace("default")
                .withName("minato-load-checkout-report")
                .get()
                .getData())
        .containsKeys("report.txt", "report.json");
  }

  @Test
  void theControllerRefusesToStartWithoutItsCrd() {
    CliRun run = loadController("--kubeconfig", kubeconfig.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("minato load crd | kubectl apply -f -");
  }

  @Test
  void manifestsGrantOnlyTheVerbsTheControllerUses() {
    CliRun run = loadController("--manifests", "-n", "perf");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("kind: CustomResourceDefinition")
        .contains("kind: ServiceAccount")
        .contains("kind: Role\n")
        .contains("kind: RoleBinding")
        .contains("kind: Deployment")
        .doesNotContain("ClusterRole")
        .doesNotContain("\"*\"")
        .doesNotContain("- '*'");
  }

  @Test
  void manifestsWithAReportStorePassItsFlagsAndReadItsKeyFromASecret() {
    CliRun run =
        loadController(
            "--manifests",
            "--report-store",
            "s3://perf-reports/loadtests",
            "--report-store-endpoint",
            "http://minio.storage:9000");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("- --report-store\n\\s+- s3://perf-reports/loadtests\n")
        .containsPattern("- --report-store-endpoint\n\\s+- http://minio.storage:9000\n")
        .contains("name: minato-load-controller-report-store")
        .contains("key: AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void manifestsWithAReportStoreRoleAnnotateTheServiceAccountForIrsaAndReadNoKeySecret() {
    CliRun run =
        loadController(
            "--manifests",
            "--report-store",
            "s3://perf-reports/loadtests",
            "--report-store-role-arn",
            "arn:aws:iam::123456789012:role/minato-load-reports");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/minato-load-reports")
        .containsPattern("- --report-store\n\\s+- s3://perf-reports/loadtests\n")
        .doesNotContain("minato-load-controller-report-store");
  }

  @Test
  void aReportStoreRoleThatIsNotARoleArnIsRefused() {
    CliRun run =
        loadController(
            "--manifests",
            "--report-store",
            "s3://perf-reports",
            "--report-store-role-arn",
            "minato-load-reports");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--report-store-role-arn 'minato-load-reports' is not an IAM role ARN");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aReportStoreRoleOutsideManifestsIsRefusedBeforeAnyClusterIsTouched() {
    CliRun run =
        loadController(
            "--report-store",
            "s3://perf-reports",
            "--report-store-role-arn",
            "arn:aws:iam::123456789012:role/minato-load-reports",
            "--kubeconfig",
            dir.resolve("no-such-kubeconfig").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--report-store-role-arn applies to --manifests only");
  }

  @Test
  void aReportStoreThatIsNotAnS3UrlIsRefusedBeforeAnyClusterIsTouched() {
    CliRun run =
        loadController(
            "--report-store",
            "https://perf-reports.s3.amazonaws.com/",
            "--kubeconfig",
            dir.resolve("no-such-kubeconfig").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("expected s3://BUCKET or s3://BUCKET/PREFIX");
  }

  @Test
  void storeFlagsWithoutAStoreAreRefused() {
    CliRun run = loadController("--manifests", "--report-store-endpoint", "http://minio:9000");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("add --report-store s3://BUCKET[/PREFIX]");
  }

  @Test
  void aReportStoreWithoutAKeyInTheEnvironmentIsRefusedBeforeAnyClusterIsTouched() {
    assumeTrue(
        System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_ROLE_ARN") == null,
        "this test needs no AWS key or role in its environment");
    CliRun run =
        loadController(
            "--report-store", "s3://perf-reports", "--kubeconfig", kubeconfig.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        .contains("minato-load-controller-report-store");
  }

  @Test
  void reportsGoToTheObjectStoreAndToTheConfigMapWhileTheStoreIsDown() throws Exception {
    Credentials key = new Credentials("AKIAJOURNEY", "journey/secret", Optional.empty());
    LoopbackS3 s3 =
        LoopbackS3.start("perf-reports", key.accessKeyId(), key.secretAccessKey(), "eu-west-1");
    try (s3) {
      installCrd();
      startController(
          Optional.of(
              new ObjectStore(
                  S3Location.parse(
                      "s3://perf-reports/loadtests",
                      Optional.of(s3.endpoint()),
                      Optional.of("eu-west-1"),
                      Optional.empty()),
                  key,
                  Clock.systemUTC())));
      assertThat(apply("checkout", loadTest("checkout", "concurrency")).exitCode()).isZero();
      JsonNode status = statusOnceEnded("checkout");
      assertThat(phasesSeen).contains("Running");
      assertThat(status.path("phase").asText()).as(status.toString()).isEqualTo("Passed");
      String url = status.path("report").path("url").asText();
      assertThat(url)
          .startsWith(s3.endpoint() + "/perf-reports/loadtests/default/checkout/")
          .endsWith("/report.html");
      HttpResponse<String> json =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(status.path("report").path("json").asText()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode merged = new ObjectMapper().readTree(json.body());
      assertThat(merged.path("requests").asLong()).isEqualTo(200);
      assertThat(merged.path("shards").asInt()).isEqualTo(2);
      assertThat(merged.path("slos").get(0).path("passed").asBoolean()).isTrue();
      assertThat(
              client
                  .configMaps()
                  .inNamespace("default")
                  .withName("minato-load-checkout-report")
                  .get())
          .isNull();

      s3.close();
      assertThat(apply("checkout-again", loadTest("checkout-again", "concurrency")).exitCode())
          .isZero();
      JsonNode fallback = statusOnceEnded("checkout-again");
      assertThat(fallback.path("phase").asText()).isEqualTo("Passed");
      assertThat(fallback.path("verdict").asText()).isEqualTo(status.path("verdict").asText());
      assertThat(fallback.path("report").path("configMap").asText())
          .isEqualTo("minato-load-checkout-again-report");
      JsonNode why = null;
      for (JsonNode condition : fallback.path("conditions")) {
        if (condition.path("type").asText().equals("ReportStored")) {
          why = condition;
        }
      }
      assertThat(why).isNotNull();
      assertThat(why.path("status").asText()).isEqualTo("False");
      assertThat(why.path("message").asText())
          .startsWith("cannot reach " + s3.endpoint() + " to PUT s3://perf-reports/loadtests/")
          .doesNotContain(key.secretAccessKey());
      assertThat(
              client
                  .configMaps()
                  .inNamespace("default")
                  .withName("minato-load-checkout-again-report")
                  .get()
                  .getData())
          .containsKeys("report.txt", "report.json");
      assertThat(statusOnceEnded("checkout").path("report").path("url").asText())
          .as("the first test's report is where it was")
          .isEqualTo(url);
    }
  }
}
