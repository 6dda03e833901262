package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartupTest {

  @Test
  void helpDoesNotLoadTheKubernetesClient() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-verbose:class",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.minato.cli.Main",
                    "--help"))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("dev.minato.cli.cluster.ApplyCommand").doesNotContain("io.fabric8");
  }
}
