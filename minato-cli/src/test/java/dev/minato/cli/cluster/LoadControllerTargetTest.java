package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.minato.cli.CliRun;
import dev.minato.cluster.sandbox.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minato load controller} given the wrong cluster: a mistyped context or a cluster that does
 * not answer is refused at once, before the controller watches or creates anything, instead of
 * running against whatever the kubeconfig happens to default to, or retrying forever.
 */
class LoadControllerTargetTest {

  /** A guard against a controller that starts anyway and never returns, not a speed target. */
  private static final Duration HANG = Duration.ofMinutes(2);

  @TempDir Path dir;
  Emulator emulator;
  Path kubeconfig;

  @BeforeEach
  void start() throws Exception {
    emulator = Emulator.start(0);
    kubeconfig = dir.resolve("kubeconfig");
    emulator.writeKubeconfig(kubeconfig, "staging");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private CliRun controller(Path config, String context) {
    return assertTimeoutPreemptively(
        HANG,
        () ->
            CliRun.of(
                "load",
                "controller",
                "--image",
                "ghcr.io/acme/minato:0.1",
                "--kubeconfig",
                config.toString(),
                "--context",
                context));
  }

  @Test
  void aMistypedContextIsRefusedWithTheKnownOnes() {
    CliRun run = controller(kubeconfig, "stagng");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains("no context 'stagng'").contains("staging");
    assertThat(run.err()).doesNotContain("load controller running");
  }

  @Test
  void aClusterThatDoesNotAnswerIsExitThree() throws Exception {
    Path dead = dir.resolve("dead.kubeconfig");
    Files.writeString(
        dead, emulator.kubeconfig("staging").replace(emulator.url(), "http://127.0.0.1:1"));

    CliRun run = controller(dead, "staging");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
    assertThat(run.err()).contains("cannot reach the API server at http://127.0.0.1:1");
    assertThat(run.err()).doesNotContain("load controller running");
  }
}
