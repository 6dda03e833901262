package dev.minato.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import dev.minato.manifest.Document;
import dev.minato.manifest.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A repository with a NodePort app, a LoadBalancer app and an Ingress app, using scheduling, extra
 * ports and a one-off job, walked through nodeports, generate, check and lb render: only the
 * NodePort app reaches the lock and the load balancer, its Service opens exactly one port, and
 * generate's output passes check in the strict profile.
 */
class PlacementJourneyTest {

  private static final Path FIXTURE =
      Path.of("..", "minato-render", "src", "test", "resources", "fields", "placement");

  private static final String GATEWAY =
      "apiVersion: minato.dev/v1\n"
          + "kind: App\n"
          + "metadata: {name: gateway, team: edge}\n"
          + "spec:\n"
          + "  image: registry.example.com/edge/gateway:1.0.0\n"
          + "  port: 8080\n"
          + "  resources: {cpu: 250m, memory: 256Mi}\n"
          + "  health: {port: 8081}\n"
          + "  metrics: {port: 9090, serviceMonitor: true}\n"
          + "  ports: [{name: grpc-admin, port: 9000, appProtocol: grpc}]\n"
          + "  expose: {type: NodePort, nodePort: auto, checkPath: /healthz}\n"
          + "environments:\n"
          + "  prd: {}\n";

  private static Path repository(Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Files.createDirectories(dir.resolve("apps/placement"));
    Files.createDirectories(dir.resolve("apps/gateway"));
    Files.copy(FIXTURE.resolve("minato.yaml"), dir.resolve("apps/placement/minato.yaml"));
    Files.writeString(dir.resolve("apps/gateway/minato.yaml"), GATEWAY);
    Files.copy(Path.of("..", "examples", "nodes", "prd.yaml"), dir.resolve("nodes-prd.yaml"));
    return dir;
  }

  private static Path strict(Path dir) throws Exception {
    Path file = dir.resolve("check.yaml");
    Files.writeString(file, "profile: strict\n");
    return file;
  }

  private static List<JsonNode> objects(Path file) throws Exception {
    return YamlReader.read(file).stream().map(Document::root).toList();
  }

  @Test
  void onlyTheNodePortAppIsInTheLockAndBehindTheLoadBalancer(@TempDir Path dir) throws Exception {
    repository(dir);
    String apps = dir.resolve("apps").toString();

    CliRun nodeports = CliRun.of("nodeports", "-f", apps);
    CliRun lb =
        CliRun.of(
            "lb",
            "render",
            "-f",
            apps,
            "--env",
            "prd",
            "--nodes",
            dir.resolve("nodes-prd.yaml").toString());

    assertThat(nodeports.exitCode()).as(nodeports.err()).isZero();
    assertThat(
            Files.readString(dir.resolve("nodeports.lock")).lines().filter(l -> !l.startsWith("#")))
        .singleElement()
        .asString()
        .matches("gateway 3[0-9]{4}");
    assertThat(lb.exitCode()).as(lb.err()).isZero();
    assertThat(lb.out())
        .contains("backend gateway")
        .doesNotContain("pricing-api")
        .doesNotContain("catalog-web");
  }

  @Test
  void theNodePortServiceOpensExactlyTheServingPort(@TempDir Path dir) throws Exception {
    repository(dir);
    Path out = dir.resolve("flat");

    CliRun run =
        CliRun.of(
            "generate", "--flat", "-q", "-f", dir.resolve("apps").toString(), "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> services =
        objects(out.resolve("gateway/prd.yaml")).stream()
            .filter(o -> o.path("kind").asText().equals("Service"))
            .toList();
    assertThat(services).hasSize(2);
    JsonNode exposed = services.get(0);
    assertThat(exposed.at("/spec/type").asText()).isEqualTo("NodePort");
    assertThat(exposed.at("/spec/ports")).hasSize(1);
    assertThat(exposed.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    assertThat(services.get(1).at("/spec/type").asText()).isEqualTo("ClusterIP");
    assertThat(services.get(1).at("/spec/ports").findValuesAsText("name"))
        .containsExactly("metrics", "grpc-admin");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void generatesOutputPassesCheckInTheStrictProfile(boolean flat, @TempDir Path dir)
      throws Exception {
    repository(dir);
    Path out = dir.resolve("manifests");
    String layout = flat ? "--flat" : "-q";
    assertThat(
            CliRun.of(
                    "generate", layout, "-f", dir.resolve("apps").toString(), "-o", out.toString())
                .exitCode())
        .isZero();

    CliRun check =
        CliRun.of("check", out.toString(), "--fail-on", "info", "--config", strict(dir).toString());

    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    assertThat(check.out()).contains("0 errors, 0 warnings, 0 info");
  }

  @Test
  void theSpecsCheckedInMemoryPassCheckInTheStrictProfile(@TempDir Path dir) throws Exception {
    repository(dir);

    CliRun check =
        CliRun.of(
            "check",
            "--spec",
            dir.resolve("apps").toString(),
            "--fail-on",
            "info",
            "--config",
            strict(dir).toString());

    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
  }

  @Test
  void aBadPlacementFieldExitsTwoAndWritesNothing(@TempDir Path dir) throws Exception {
    repository(dir);
    Path out = dir.resolve("manifests");
    String apps = dir.resolve("apps").toString();
    assertThat(CliRun.of("generate", "-q", "-f", apps, "-o", out.toString()).exitCode()).isZero();
    Map<String, String> before = GenerateCommandTest.snapshot(out);
    Path gateway = dir.resolve("apps/gateway/minato.yaml");
    Files.writeString(
        gateway,
        GATEWAY
            .replace("{name: grpc-admin, port: 9000", "{name: metrics, port: 9100")
            .replace(
                "environments:\n",
                "  tolerations: [{key: a, operator: Exists, value: b}]\n"
                    + "  jobs: [{name: migrate, ttlSecond: 60}]\n"
                    + "environments:\n"));

    CliRun run = CliRun.of("generate", "-q", "-f", apps, "-o", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains(gateway + ":12:51: spec.tolerations[0].value: operator Exists matches any value")
        .contains(gateway + ":10:18: spec.ports[0].name: 'metrics' is the name minato gives")
        .contains(
            gateway
                + ":13:26: spec.jobs[0].ttlSecond: unknown field 'ttlSecond', did you mean"
                + " 'ttlSeconds'?");
    assertThat(GenerateCommandTest.snapshot(out)).isEqualTo(before);
  }
}
