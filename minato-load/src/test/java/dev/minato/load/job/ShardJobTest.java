package dev.minato.load.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.ScenarioException;
import dev.minato.load.scenario.ScenarioReader;
import dev.minato.load.syntax.Rate;
import dev.minato.manifest.Document;
import dev.minato.manifest.YamlReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardJobTest {

  private static final ShardJob.Options FOUR =
      new ShardJob.Options(4, "ghcr.io/acme/minato:0.1", "1", "512Mi");

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
}
