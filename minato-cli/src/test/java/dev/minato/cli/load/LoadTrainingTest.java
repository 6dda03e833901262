package dev.minato.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher archives the classes these runs load: a run that failed quietly (a renamed option, a
 * server that stopped answering) would leave a load test's classes out of the archive again.
 */
class LoadTrainingTest {

  @Test
  void bothRunsSendRequestsThatAllSucceedOverHttp1AndH2c(@TempDir Path scratch) throws Exception {
    assertThat(LoadTraining.run(scratch)).isZero();

    JsonNode http1 = new ObjectMapper().readTree(scratch.resolve("http1.json").toFile());
    assertThat(http1.get("requests").asLong()).isPositive();
    assertThat(http1.get("errors").asLong()).isZero();
    String h2c = Files.readString(scratch.resolve("h2c.txt"));
    assertThat(h2c).contains("HTTP/2 streams on at most 2 connections");
    assertThat(h2c).containsPattern("Success +\\[ratio\\] +100\\.00%");
  }
}
