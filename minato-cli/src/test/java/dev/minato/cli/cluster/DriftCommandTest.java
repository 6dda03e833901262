package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.sandbox.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCommandTest {

  static final String CONFIG =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {mode: fast}\n";

  @TempDir Path dir;
  Emulator emulator;
  Path kubeconfig;
  Path manifests;

  @BeforeEach
  void start() throws Exception {
    emulator = Emulator.start(0);
    kubeconfig = dir.resolve("kubeconfig");
    emulator.writeKubeconfig(kubeconfig, "emu");
    manifests = Files.createDirectories(dir.resolve("shop"));
    Files.writeString(manifests.resolve("cm.yaml"), CONFIG);
    CliRun.of("apply", manifests.toString(), "--kubeconfig", kubeconfig.toString());
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void exitsZeroWhenTheClusterIsAsTheRepositorySays() {
    CliRun run = CliRun.of("drift", manifests.toString(), "--kubeconfig", kubeconfig.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("No drift: 1 objects");
  }

  @Test
  void exitsOneAndNamesTheFieldChangedByHand() throws Exception {
    Process edit =
        new ProcessBuilder(
                "kubectl",
                "--kubeconfig",
                kubeconfig.toString(),
                "-n",
                "shop",
                "patch",
                "configmap",
                "settings",
                "--type=merge",
                "-p",
                "{\"data\":{\"mode\":\"slow\"}}")
            .redirectErrorStream(true)
            .start();
    assertThat(edit.waitFor()).as(new String(edit.getInputStream().readAllBytes())).isZero();
    CliRun run = CliRun.of("drift", manifests.toString(), "--kubeconfig", kubeconfig.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "changed  ConfigMap/shop/settings  (live → repository)\n"
                + "           ~ data.mode: slow → fast\n");
  }
}
