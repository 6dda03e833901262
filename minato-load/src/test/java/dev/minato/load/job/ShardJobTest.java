package dev.minato.load.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.ClientCertificate;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.ScenarioException;
import dev.minato.load.scenario.ScenarioReader;
import dev.minato.load.scenario.Tls;
import dev.minato.load.syntax.Rate;
import dev.minato.manifest.Document;
import dev.minato.manifest.YamlReader;
import dev.minato.manifest.quantity.Quantity;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardJobTest {

  private static final ShardJob.Options FOUR =
      new ShardJob.Options(
          4,
          "ghcr.io/acme/minato:0.1",
          new Quantity("1", BigDecimal.ONE),
          new Quantity("512Mi", BigDecimal.valueOf(512L << 20)));

  private static Scenario scenario() {
    return Scenario.ofUrl(
            URI.create("http://web.shop:8080/"), ArrivalModel.Open.constant(new Rate(2000)))
        .withDuration(Duration.ofSeconds(30));
  }

  @Test
  void rendersAnIndexedJobWithOnePodPerShard() throws Exception {
    List<Document> docs = YamlReader.read("job.yaml", ShardJob.render(scenario(), FOUR));

    JsonNode job = docs.get(1).root();
    assertThat(job.path("kind").asText()).isEqualTo("Job");
    assertThat(job.at("/spec/completionMode").asText()).isEqualTo("Indexed");
    assertThat(job.at("/spec/completions").asInt()).isEqualTo(4);
    assertThat(job.at("/spec/parallelism").asInt()).isEqualTo(4);
    assertThat(job.at("/spec/backoffLimit").asInt()).isZero();
    JsonNode container = job.at("/spec/template/spec/containers/0");
    assertThat(container.path("args").toString())
        .isEqualTo(
            "[\"load\",\"run\",\"/etc/minato-load/scenario.yaml\",\"--shard\","
                + "\"$(MINATO_SHARD_INDEX)/4\",\"--hlog\",\"-\"]");
    assertThat(container.at("/env/0/valueFrom/fieldRef/fieldPath").asText())
        .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
  }

  @Test
  void shipsTheScenarioInAConfigMapThatReadsBack() throws Exception {
    List<Document> docs = YamlReader.read("job.yaml", ShardJob.render(scenario(), FOUR));

    JsonNode configMap = docs.get(0).root();
    String shipped = configMap.at("/data/scenario.yaml").asText();
    Scenario read = ScenarioReader.read("scenario.yaml", shipped, null);
    assertThat(read.model().describe()).isEqualTo("open 2000/s");
    assertThat(configMap.at("/metadata/labels/load.minato.dev~1fingerprint").asText())
        .isEqualTo(read.fingerprint());
  }

  @Test
  void theJobMustNeverRunInTwoClustersAtOnce() throws Exception {
    JsonNode job = YamlReader.read("job.yaml", ShardJob.render(scenario(), FOUR)).get(1).root();

    // Two copies during a cluster move would double the load the run measures.
    assertThat(job.at("/metadata/labels/minato.dev~1migration-policy").asText())
        .isEqualTo("downtime-ok");
  }

  @Test
  void thePodsRunUnprivilegedOnAReadOnlyRootWithAWritableTmp() throws Exception {
    JsonNode pod =
        YamlReader.read("job.yaml", ShardJob.render(scenario(), FOUR))
            .get(1)
            .root()
            .at("/spec/template/spec");

    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(65532);
    assertThat(pod.at("/securityContext/fsGroup").asInt()).isEqualTo(65532);
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    JsonNode container = pod.at("/containers/0");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/securityContext/capabilities/drop").toString())
        .isEqualTo("[\"ALL\"]");
    assertThat(container.at("/volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
    assertThat(pod.at("/volumes").findValuesAsText("name")).contains("tmp");
  }

  @Test
  void rendersTheSameBytesEveryTime() throws Exception {
    assertThat(ShardJob.render(scenario(), FOUR)).isEqualTo(ShardJob.render(scenario(), FOUR));
  }

  @Test
  void rejectsMoreShardsThanConnections() {
    Scenario closed = scenario().withModel(new ArrivalModel.Closed(2));

    assertThatThrownBy(() -> ShardJob.render(closed, FOUR))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("concurrency 2 cannot be split over 4 shards");
  }

  @Test
  void aClientKeyGoesIntoASecretNotIntoTheConfigMap() throws Exception {
    ClientCertificate client =
        ClientCertificate.of(resource("/test-client.pem"), resource("/test-client.key"));
    Scenario secure =
        Scenario.ofUrl(URI.create("https://web.shop/"), new ArrivalModel.Closed(8))
            .withMaxRequests(1000)
            .withTls(Tls.trusting(resource("/test-ca.pem")).presenting(client));

    List<Document> docs = YamlReader.read("job.yaml", ShardJob.render(secure, FOUR));

    assertThat(docs)
        .extracting(d -> d.root().path("kind").asText())
        .containsExactly("ConfigMap", "Secret", "Job");
    String shipped = docs.get(0).root().at("/data/scenario.yaml").asText();
    assertThat(shipped)
        .doesNotContain("PRIVATE KEY")
        .contains("certFile: /etc/minato-load-client/tls.crt")
        .contains("keyFile: /etc/minato-load-client/tls.key");
    JsonNode secret = docs.get(1).root();
    assertThat(secret.path("type").asText()).isEqualTo("kubernetes.io/tls");
    assertThat(secret.at("/stringData/tls.key").asText()).isEqualTo(client.keyPem());
    JsonNode pod = docs.get(2).root().at("/spec/template/spec");
    assertThat(pod.at("/volumes/1/secret/secretName").asText())
        .isEqualTo(secret.at("/metadata/name").asText());
    assertThat(pod.at("/containers/0/volumeMounts/1/mountPath").asText())
        .isEqualTo(ShardJob.CLIENT_CERTIFICATE_DIR);
  }

  private static String resource(String name) throws java.io.IOException {
    try (var in = ShardJobTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
    }
  }
}
