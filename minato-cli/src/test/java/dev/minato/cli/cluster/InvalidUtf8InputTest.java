package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.ExitCodes;
import dev.minato.cluster.sandbox.Emulator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that is not UTF-8 is reported at its file, line and column by every command. */
class InvalidUtf8InputTest {

  /** A ConfigMap whose value was saved as Latin-1: {@code é} is the single byte 0xE9. */
  static byte[] latin1() {
    byte[] text =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {k: Jos?}\n"
            .getBytes(StandardCharsets.UTF_8);
    text[text.length - 3] = (byte) 0xE9;
    return text;
  }

  @TempDir Path dir;

  @Test
  void checkNamesTheFileLineAndColumnOfTheFirstBadByte() throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.write(file, latin1());

    CliRun run = CliRun.of("check", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.out())
        .contains(file + ":4:14", "not UTF-8: byte 0xE9")
        .doesNotContain("Input length");
  }

  @Test
  void checkOfStandardInputNamesTheLineAndColumn() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(latin1()));
      CliRun run = CliRun.of("check", "-");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(run.err()).contains("<stdin>:4:14: not UTF-8: byte 0xE9");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void applyNamesTheFileLineAndColumnAndChangesNothing() throws Exception {
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    Files.write(manifests.resolve("c.yaml"), latin1());
    try (Emulator sandbox = Emulator.start(0)) {
      Path kubeconfig = dir.resolve("kubeconfig");
      sandbox.writeKubeconfig(kubeconfig, "sandbox");

      CliRun run = CliRun.of("apply", manifests.toString(), "--kubeconfig", kubeconfig.toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(run.err())
          .contains(manifests.resolve("c.yaml") + ":4:14: not UTF-8: byte 0xE9")
          .doesNotContain("Input length");
    }
  }
}
