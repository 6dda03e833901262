package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.Snapshots;
import dev.minato.cluster.sandbox.Emulator;
import dev.minato.secrets.age.AgeIdentity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apply decrypts a SOPS-encrypted Secret in memory: the cluster holds the plaintext, no file does.
 */
class EncryptedSecretApplyTest {

  @TempDir Path dir;
  Emulator emulator;
  Path kubeconfig;
  Path manifests;
  Path keys;
  AgeIdentity identity;

  @BeforeEach
  void start() throws Exception {
    emulator = Emulator.start(0);
    kubeconfig = dir.resolve("kubeconfig");
    emulator.writeKubeconfig(kubeconfig, "emu");
    identity = AgeIdentity.generate(new SecureRandom());
    keys = Files.writeString(dir.resolve("keys.txt"), identity.encoded() + "\n");
    manifests = Files.createDirectories(dir.resolve("shop"));
    Path secret =
        Files.writeString(
            manifests.resolve("db-secret.yaml"),
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: default\n"
                + "stringData:\n  password: hunter2\n");
    CliRun encrypt =
        CliRun.of(
            "secrets",
            "encrypt",
            "--age",
            identity.recipient().toString(),
            "--encrypted-regex",
            "^(data|stringData)$",
            secret.toString());
    assertThat(encrypt.exitCode()).as(encrypt.err()).isZero();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void theSandboxHoldsThePlaintextAndNoFileOnDiskDoes() throws Exception {
    CliRun run =
        CliRun.of(
            "apply",
            manifests.toString(),
            "--age-key-file",
            keys.toString(),
            "--kubeconfig",
            kubeconfig.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build()) {
      Secret stored = client.secrets().inNamespace("default").withName("db").get();
      String password =
          stored.getStringData() != null && stored.getStringData().get("password") != null
              ? stored.getStringData().get("password")
              : new String(
                  java.util.Base64.getDecoder().decode(stored.getData().get("password")),
                  StandardCharsets.UTF_8);
      assertThat(password).isEqualTo("hunter2");
      assertThat(stored.getAdditionalProperties()).doesNotContainKey("sops");
    }
    assertThat(Snapshots.filesContaining(dir, "hunter2")).isEmpty();
    assertThat(run.out() + run.err()).doesNotContain("hunter2");
  }

  @Test
  void withoutTheKeyApplyIsExitTwoAndSendsNothing() throws Exception {
    Path other =
        Files.writeString(
            dir.resolve("other.txt"), AgeIdentity.generate(new SecureRandom()).encoded() + "\n");

    CliRun run =
        CliRun.of(
            "apply",
            manifests.toString(),
            "--age-key-file",
            other.toString(),
            "--kubeconfig",
            kubeconfig.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("db-secret.yaml", "nothing was sent to the cluster");
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build()) {
      assertThat(client.secrets().inNamespace("default").withName("db").get()).isNull();
    }
  }
}
