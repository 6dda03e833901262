package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.connect.ClusterTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCommandTest {

  @TempDir Path dir;

  @Test
  void servesTheEmulatorUntilInterruptedAndWritesItsKubeconfig() throws Exception {
    Path kubeconfig = dir.resolve("sandbox.kubeconfig");
    AtomicReference<CliRun> run = new AtomicReference<>();
    Thread server =
        new Thread(() -> run.set(CliRun.of("sandbox", "--kubeconfig-out", kubeconfig.toString())));
    server.start();
    for (int i = 0; i < 100 && !Files.exists(kubeconfig); i++) {
      Thread.sleep(100);
    }
    assertThat(Files.readString(kubeconfig)).contains("EMULATOR, not a Kubernetes cluster");
    try (ClusterSession session = ClusterSession.open(ClusterTarget.of(kubeconfig, null))) {
      assertThat(session.catalog().find("v1", "ConfigMap")).isPresent();
    }
    server.interrupt();
    server.join(10_000);
    assertThat(run.get().exitCode()).as(run.get().err()).isZero();
    assertThat(run.get().out()).contains("Kubernetes API EMULATOR (not a cluster)", "stopped");
  }
}
