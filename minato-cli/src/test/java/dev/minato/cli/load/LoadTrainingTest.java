package dev.minato.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher archives the classes these runs load: a run that failed quietly (a renamed option, a
 * server that stopped answering, a handshake that failed) would leave a load test's classes out of
 * the archive again. The training runs once, for all the tests here.
 */
class LoadTrainingTest {

  @TempDir static Path scratch;
  private static int exitCode;

  @BeforeAll
  static void train() throws Exception {
    exitCode = LoadTraining.run(scratch);
  }

  @Test
  void everyRunPasses() {
    assertThat(exitCode).isZero();
  }

  /**
   * Each server speaks one protocol only (the TLS ones only TLS, the HTTP/2 one over TLS only h2
   * chosen by ALPN), so a run whose requests all succeeded went through that step.
   */
  @Test
  void http1OverTlsVerifiedAndH2OverTlsSendRequestsThatAllSucceed() throws Exception {
    for (String report : List.of("http1.json", "https.json", "h2.json")) {
      JsonNode run = new ObjectMapper().readTree(scratch.resolve(report).toFile());
      assertThat(run.get("requests").asLong()).as(report).isPositive();
      assertThat(run.get("errors").asLong()).as(report).isZero();
    }
  }

  @Test
  void h2cSendsRequestsThatAllSucceed() throws Exception {
    String h2c = Files.readString(scratch.resolve("h2c.txt"));
    assertThat(h2c).contains("HTTP/2 streams on at most 2 connections");
    assertThat(h2c).containsPattern("Success +\\[ratio\\] +100\\.00%");
  }

  @Test
  void writesTheServersCertificateAsTheCaFileButNoKey() throws Exception {
    assertThat(Files.readString(scratch.resolve("ca.pem")))
        .startsWith("-----BEGIN CERTIFICATE-----");
    try (Stream<Path> files = Files.list(scratch)) {
      for (Path file : files.toList()) {
        assertThat(Files.readString(file)).as("%s", file).doesNotContain("PRIVATE KEY");
      }
    }
  }
}
