package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.sandbox.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-off Job's pod template cannot change, so its name follows its spec: re-applying the same
 * output leaves the Job alone, and a changed job is a new Job while apply --prune removes the old.
 */
class OneOffJobApplyTest {

  private static final String SPEC =
      """
      apiVersion: minato.dev/v1
      kind: App
      metadata: {name: billing, team: money}
      spec:
        image: registry.example.com/money/billing:1.0.0
        port: 8080
        resources: {cpu: 250m, memory: 256Mi}
        jobs:
          - {name: migrate, command: [bin/migrate, up], timeoutSeconds: 600}
      environments:
        prd: {namespace: default}
      """;

  private static final Pattern JOB = Pattern.compile("Job/default/(billing-migrate-[0-9a-f]{8})");

  @TempDir Path dir;
  Emulator emulator;
  Path kubeconfig;
  Path spec;
  Path out;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    spec = dir.resolve("specs/billing/minato.yaml");
    Files.createDirectories(spec.getParent());
    Files.writeString(spec, SPEC);
    out = dir.resolve("manifests");
    emulator = Emulator.start(0);
    kubeconfig = dir.resolve("kubeconfig");
    emulator.writeKubeconfig(kubeconfig, "emu");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private CliRun generateAndApply() {
    CliRun generate =
        CliRun.of("generate", "-q", "-f", dir.resolve("specs").toString(), "-o", out.toString());
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    CliRun apply =
        CliRun.of(
            "apply",
            "-k",
            out.resolve("billing/overlays/prd").toString(),
            "--kubeconfig",
            kubeconfig.toString(),
            "--prune",
            "--yes");
    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    return apply;
  }

  private static String job(String text, String action) {
    Matcher m = Pattern.compile(action + " +" + JOB.pattern()).matcher(text);
    assertThat(m.find()).as("%s Job in:%n%s", action, text).isTrue();
    return m.group(1);
  }

  @Test
  void theSameJobIsLeftAloneAndAChangedJobReplacesTheOld() throws Exception {
    String first = job(generateAndApply().out(), "created");

    CliRun again = generateAndApply();
    assertThat(again.out()).doesNotContainPattern("(created|configured|pruned) +Job/");

    Files.writeString(spec, SPEC.replace("billing:1.0.0", "billing:1.1.0"));
    CliRun changed = generateAndApply();
    String second = job(changed.out(), "created");
    assertThat(second).isNotEqualTo(first);
    assertThat(job(changed.out(), "pruned")).isEqualTo(first);
  }
}
